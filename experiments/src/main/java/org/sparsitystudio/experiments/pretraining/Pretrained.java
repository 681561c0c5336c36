package org.sparsitystudio.experiments.pretraining;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparsitystudio.experiments.data.ImageDataset;
import org.sparsitystudio.kernels.nn.Sequential;

/**
 * A pre-trained model with what produced it.
 *
 * @param config    the pre-training's configuration
 * @param model     the trained classifier; after masked-patch pre-training its head is still as
 *                  initialised, to be fitted by a {@link LinearProbe}
 * @param trainSet  the share of the training set it saw, for probes and fine-tuning that must not
 *                  see more data than pre-training did
 * @param extras    tensors that belong to pre-training but not to the classifier (the mask token and
 *                  reconstruction decoder of masked-patch pre-training), by checkpoint name; empty
 *                  after supervised pre-training
 */
public record Pretrained(PretrainConfig config, Sequential model, ImageDataset trainSet, Map<String, INDArray> extras) {

    /** Keeps the extras' order, which is their order in the checkpoint. */
    public Pretrained {
        extras = Collections.unmodifiableMap(new LinkedHashMap<>(extras));
    }
}
