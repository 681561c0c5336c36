/**
 * Monarch matrices (Dao et al., 2022): a structured replacement for a dense weight that is the
 * product of two block-diagonal factors with a fixed permutation between them, {@code M = P L Pᵀ R}.
 *
 * <p>They exist in the studio as a structured-sparsity baseline next to unstructured masks: with
 * {@code b = m = √n} a Monarch layer keeps {@code 2n√n} of the {@code n²} dense parameters, yet it
 * is computed by two batched dense products, so unlike a masked weight its FLOP savings are real on
 * ordinary BLAS. {@link org.sparsitystudio.kernels.monarch.MonarchLinear} is the trainable layer,
 * {@link org.sparsitystudio.kernels.monarch.MonarchFactors} the two factors as plain values, and
 * {@link org.sparsitystudio.kernels.monarch.MonarchProjection} the closed-form projection of a
 * trained dense weight onto the Monarch set, which lets an experiment start a Monarch layer from a
 * dense one.
 *
 * <p>Layout, for {@code n = b·m}: input index {@code i·m + j}, output index {@code k·m + l}, and
 * {@code M[k·m + l, i·m + j] = L_l[k, i] · R_i[l, j]}, where {@code R = diag(R_1..R_b)} holds
 * {@code b} blocks of {@code m × m} and {@code L = diag(L_1..L_m)} holds {@code m} blocks of
 * {@code b × b}. Sizes that are not such a square are handled by zero padding, as described on
 * {@link org.sparsitystudio.kernels.monarch.MonarchFactors}.
 */
package org.sparsitystudio.kernels.monarch;
