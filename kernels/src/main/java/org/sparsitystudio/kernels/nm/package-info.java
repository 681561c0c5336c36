/**
 * N:M sparse training and inference: a controller that recomputes N:M masks of chosen
 * {@link org.sparsitystudio.kernels.nn.Linear} layers from their dense weights and applies dense
 * training, STE, SR-STE, or the progressive gradient-flow recipes of Bambhaniya et al. (2024) —
 * mask decay (MDGF, linear or exponential) and structure decay (SDGF) — on a dense → decay →
 * fine-tune schedule; and a compressed N:M layer (values plus in-group indices) with a CPU kernel
 * for its product.
 */
package org.sparsitystudio.kernels.nm;
