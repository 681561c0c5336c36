/**
 * Essential sparsity (Jaiswal et al., NeurIPS 2023): how far a pre-trained network can be pruned
 * in one shot, by weight magnitude and without retraining, before its accuracy starts to fall. The
 * kind pre-trains (through {@code org.sparsitystudio.experiments.pretraining}), sweeps a grid of
 * sparsities with global or layer-wise thresholds, and reports the knee of the accuracy curve. The
 * knee is defined here exactly, once, for every experiment and chart that reports it.
 */
package org.sparsitystudio.experiments.kinds.essential;
