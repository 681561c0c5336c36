/**
 * Monarch matrices (Dao et al., ICML 2022) as an experiment kind: MLPs whose square hidden layers
 * are Monarch layers, trained from scratch or projected from a trained dense model, against dense
 * layers and against random unstructured sparsity and low rank with the same parameter count.
 */
package org.sparsitystudio.experiments.kinds.monarch;
