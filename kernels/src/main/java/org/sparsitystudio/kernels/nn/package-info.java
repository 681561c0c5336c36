/**
 * Layers with forward and explicit backward passes. Each layer owns its output and gradient
 * buffers, allocated once per input shape and overwritten by the next call: ND4J allocation is
 * slow here, so the training loop must not allocate per step (see ND4J-NOTES.md).
 */
package org.sparsitystudio.kernels.nn;
