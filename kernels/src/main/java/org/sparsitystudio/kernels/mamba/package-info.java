/**
 * Mamba (selective state space) building blocks as used by the RoMA study: the selective scan with
 * an explicit backward pass, and the layers around it (RMS norm, causal depthwise convolution, the
 * mixer and the pre-norm residual block), and the vision backbone built from them (patch, position
 * and angle embeddings, raster-order tokens). The scan is a long recurrence over time with a tiny
 * inner dimension, which ND4J's per-op overhead handles badly, so it runs as plain Java loops over
 * primitive arrays; the projections around it stay on ND4J's GEMM.
 */
package org.sparsitystudio.kernels.mamba;
