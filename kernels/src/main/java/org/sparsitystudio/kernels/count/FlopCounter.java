package org.sparsitystudio.kernels.count;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.longer.CountNonZero;
import org.nd4j.linalg.factory.Nd4j;
import org.sparsitystudio.kernels.nn.Layer;
import org.sparsitystudio.kernels.nn.Parameter;

/**
 * Counts a model's parameters and FLOPs by running one forward pass on sample input (shapes such
 * as token counts and feature-map sizes are only known then) and asking every {@link Counted}
 * leaf what it cost. Parameters are counted for every leaf; nonzero counts the stored values
 * that are not zero (a dropped, masked weight is stored as zero).
 */
public final class FlopCounter {

    private FlopCounter() {
    }

    /** The cost per sample of {@code model} on a batch shaped like {@code sample}. */
    public static ModelCost count(Layer model, INDArray sample) {
        model.forward(sample, false);
        long batch = sample.size(0);
        List<LayerCost> rows = new ArrayList<>();
        walk(model, batch, rows);
        return new ModelCost(rows);
    }

    private static void walk(Layer layer, long batch, List<LayerCost> rows) {
        List<Layer> children = layer.children();
        boolean counted = layer instanceof Counted;
        if (!children.isEmpty() && !counted) {
            for (Layer child : children) {
                walk(child, batch, rows);
            }
            return;
        }
        long params = 0;
        long nonzero = 0;
        String name = "";
        for (Parameter p : counted ? ownParameters(layer) : layer.parameters()) {
            params += p.size();
            nonzero += Nd4j.getExecutioner().exec(new CountNonZero(p.value())).getLong(0);
            name = p.name().contains(".") ? p.name().substring(0, p.name().lastIndexOf('.')) : "";
        }
        double flops = counted ? (double) ((Counted) layer).lastForwardFlops() / batch : 0;
        double effective = counted ? (double) ((Counted) layer).lastEffectiveForwardFlops() / batch : 0;
        if (params > 0 || flops > 0) {
            rows.add(new LayerCost(name, layer.getClass().getSimpleName(), params, nonzero, flops, effective));
        }
        if (counted) {
            for (Layer child : children) {
                walk(child, batch, rows);
            }
        }
    }

    /** A counted container's own parameters: those not owned by a child. */
    private static List<Parameter> ownParameters(Layer layer) {
        List<Parameter> own = new ArrayList<>(layer.parameters());
        for (Layer child : layer.children()) {
            own.removeAll(child.parameters());
        }
        return own;
    }
}
