package org.sparsitystudio.experiments.data;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One batch: features [size, features] and the labels of its rows. Both are buffers reused by
 * the {@link Batches} that made them, valid until its next call.
 *
 * @param features the rows, a preallocated array
 * @param labels   class per row; only the first {@code size} entries belong to this batch
 * @param size     rows in this batch
 */
public record Batch(INDArray features, int[] labels, int size) {
}
