package org.sparsitystudio.kernels.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparsitystudio.kernels.nn.Layer;
import org.sparsitystudio.kernels.nn.Parameter;

/**
 * A model's parameters keyed by their PyTorch-style names, the bridge between a {@link Layer} and
 * a checkpoint file. Loading checks everything before it changes anything, so a checkpoint that
 * does not fit leaves the model as it was and the error lists every disagreement at once.
 */
public final class StateDict {

    private StateDict() {
    }

    /**
     * What a non-strict load skipped.
     *
     * @param missing    model parameters the checkpoint lacks (left unchanged)
     * @param unexpected checkpoint tensors the model has no parameter for (ignored)
     */
    public record LoadReport(List<String> missing, List<String> unexpected) {
    }

    /**
     * The model's parameters by name, in {@link Layer#parameters()} order.
     *
     * @throws CheckpointException if two parameters share a name, which would make a checkpoint
     *                             ambiguous (usually a container that does not prefix its children)
     */
    public static LinkedHashMap<String, Parameter> of(Layer model) {
        LinkedHashMap<String, Parameter> byName = new LinkedHashMap<>();
        for (Parameter p : model.parameters()) {
            if (byName.putIfAbsent(p.name(), p) != null) {
                throw new CheckpointException("model has two parameters named '" + p.name() + "'");
            }
        }
        return byName;
    }

    /**
     * The model's parameter values by name. These are the live arrays, not copies: write them out
     * before training continues.
     */
    public static LinkedHashMap<String, INDArray> tensors(Layer model) {
        LinkedHashMap<String, INDArray> tensors = new LinkedHashMap<>();
        of(model).forEach((name, p) -> tensors.put(name, p.value()));
        return tensors;
    }

    /** Writes the model's parameters to a safetensors file; see {@link Safetensors#write}. */
    public static Safetensors.Written save(Layer model, Path file, Map<String, String> metadata) {
        return Safetensors.write(file, tensors(model), metadata);
    }

    /** {@link #load(Layer, Map, boolean)} with {@code strict} true. */
    public static void load(Layer model, Map<String, INDArray> tensors) {
        load(model, tensors, true);
    }

    /**
     * Copies checkpoint values into the model's existing parameter arrays (so optimizers and layers
     * that hold those arrays see the new values), converting to the model's data type. A parameter
     * with a zero mask is re-masked afterwards, keeping the pruning invariant.
     *
     * @param strict whether missing and unexpected tensors are errors; shape mismatches always are
     * @return what was skipped (both lists empty after a strict load)
     * @throws CheckpointException naming every mismatched tensor with both shapes and, when
     *                             strict, every missing and unexpected tensor; the model is unchanged
     */
    public static LoadReport load(Layer model, Map<String, INDArray> tensors, boolean strict) {
        LinkedHashMap<String, Parameter> parameters = of(model);
        List<String> problems = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            INDArray value = tensors.get(e.getKey());
            if (value == null) {
                missing.add(e.getKey());
            } else if (!Arrays.equals(value.shape(), e.getValue().value().shape())) {
                problems.add(e.getKey() + ": checkpoint has " + Arrays.toString(value.shape()) + ", model expects "
                        + Arrays.toString(e.getValue().value().shape()));
            }
        }
        List<String> unexpected = new ArrayList<>();
        for (String name : tensors.keySet()) {
            if (!parameters.containsKey(name)) {
                unexpected.add(name);
            }
        }
        if (strict && !missing.isEmpty()) {
            problems.add("missing from the checkpoint: " + String.join(", ", missing));
        }
        if (strict && !unexpected.isEmpty()) {
            problems.add("unexpected in the checkpoint: " + String.join(", ", unexpected));
        }
        if (!problems.isEmpty()) {
            throw new CheckpointException("checkpoint does not fit the model: " + String.join("; ", problems));
        }
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            INDArray value = tensors.get(e.getKey());
            if (value != null) {
                Parameter p = e.getValue();
                p.value().assign(value.dataType() == p.value().dataType() ? value : value.castTo(p.value().dataType()));
                p.afterUpdate();
            }
        }
        return new LoadReport(List.copyOf(missing), List.copyOf(unexpected));
    }

    /** Reads a safetensors file and {@link #load(Layer, Map, boolean) loads} it into the model. */
    public static LoadReport load(Layer model, Path file, boolean strict) {
        return load(model, Safetensors.read(file).tensors(), strict);
    }
}
