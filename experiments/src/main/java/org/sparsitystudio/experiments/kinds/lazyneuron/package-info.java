/**
 * The lazy-neuron phenomenon (Li et al., ICLR 2023): how few MLP activations are nonzero in a
 * trained transformer, how that share develops during training, and what enforcing it with Top-k
 * does to robustness and calibration. Holds the kind and its measurements (activation density,
 * calibration error, label noise, input corruptions).
 */
package org.sparsitystudio.experiments.kinds.lazyneuron;
