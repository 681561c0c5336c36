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
    /** The {@code format} entry of the metadata. */
    public static final String FORMAT = "sparsity-studio pretrained v1";
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
        metadata.put("format", FORMAT);
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
        try {
            StateDict.load(model, modelTensors, true);
        } catch (CheckpointException e) {
            // the state dict names the tensors and shapes; say which file they came from
            throw new CheckpointException(file, e.getMessage(), e);
        }
        return extras;
    }

    /** The metadata of a checkpoint, from its header alone (the tensors are not read). */
    public static Map<String, String> metadata(Path file) {
        return Safetensors.readMetadata(file);
    }

    /**
     * The configuration of the model a checkpoint holds, from its metadata (see
     * {@link PretrainConfig#fromMetadata}); training settings the metadata lacks come from
     * {@code fallback}. Reads the header only.
     *
     * @throws CheckpointException naming the file if it does not exist, is not a safetensors file,
     *                             or its metadata does not describe a model (a file written
     *                             elsewhere needs at least {@code architecture}, {@code objective}
     *                             and, for a ViT, {@code vit})
     */
    public static PretrainConfig config(Path file, PretrainConfig fallback) {
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new CheckpointException(file.toAbsolutePath(), java.nio.file.Files.exists(file)
                    ? "is not a file" : "does not exist");
        }
        Map<String, String> metadata = metadata(file);
        String format = metadata.get("format");
        if (format != null && format.startsWith("sparsity-studio pretrained") && !format.equals(FORMAT)) {
            throw new CheckpointException(file, "format \"" + format + "\" is not one this studio reads (" + FORMAT
                    + ")");
        }
        try {
            return PretrainConfig.fromMetadata(metadata, fallback);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file, "is not a pre-trained checkpoint of this studio: " + e.getMessage(), e);
        }
    }

    /** The tensor names of a checkpoint, in file order. */
    static List<String> names(Path file) {
        return new ArrayList<>(Safetensors.read(file).tensors().keySet());
    }
}
