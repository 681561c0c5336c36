package org.sparsitystudio.experiments.pretraining;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparsitystudio.kernels.io.CheckpointException;
import org.sparsitystudio.kernels.io.Safetensors;
import org.sparsitystudio.kernels.io.StateDict;
import org.sparsitystudio.kernels.nn.Layer;

/**
 * A pre-trained model as a safetensors file: the classifier's state dict under its PyTorch/timm
 * names, then the pre-training extras (names starting {@code mae.}), with the pre-training
 * configuration as metadata. Written atomically by {@link Safetensors#write}: a crash leaves the
 * old file or the complete new one.
 */
public final class PretrainCheckpoint {

    /** The file name used in a run's output folder. */
    public static final String FILE_NAME = "pretrained.safetensors";
    /** Prefix of the tensors that belong to pre-training, not to the classifier. */
    public static final String EXTRAS_PREFIX = "mae.";

    private PretrainCheckpoint() {
    }

    /** Writes {@code pretrained} to {@code file}; returns its path, SHA-256 and size. */
    public static Safetensors.Written save(Pretrained pretrained, Path file) {
        try {
            java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create the folder of " + file, e);
        }
        Map<String, INDArray> tensors = new LinkedHashMap<>(StateDict.tensors(pretrained.model()));
        pretrained.extras().forEach((name, value) -> {
            if (!name.startsWith(EXTRAS_PREFIX) || tensors.containsKey(name)) {
                throw new IllegalArgumentException("extra tensor \"" + name + "\" must start with " + EXTRAS_PREFIX
                        + " and not clash with the model");
            }
            tensors.put(name, value);
        });
        Map<String, String> metadata = new LinkedHashMap<>(pretrained.config().metadata());
        metadata.put("format", "sparsity-studio pretrained v1");
        return Safetensors.write(file, tensors, metadata);
    }

    /**
     * Loads a checkpoint's classifier tensors into {@code model} (built from the same
     * configuration) and returns the extras.
     *
     * @throws CheckpointException if a model parameter is missing, a shape differs, or the file holds
     *                             tensors that are neither the model's nor extras
     */
    public static Map<String, INDArray> load(Path file, Layer model) {
        Safetensors.Contents contents = Safetensors.read(file);
        Map<String, INDArray> modelTensors = new LinkedHashMap<>();
        Map<String, INDArray> extras = new LinkedHashMap<>();
        contents.tensors().forEach((name, value) -> (name.startsWith(EXTRAS_PREFIX) ? extras : modelTensors)
                .put(name, value));
        StateDict.load(model, modelTensors, true);
        return extras;
    }

    /** The metadata of a checkpoint, without loading its tensors into anything. */
    public static Map<String, String> metadata(Path file) {
        return Safetensors.read(file).metadata();
    }

    /** The tensor names of a checkpoint, in file order. */
    static List<String> names(Path file) {
        return new ArrayList<>(Safetensors.read(file).tensors().keySet());
    }
}
