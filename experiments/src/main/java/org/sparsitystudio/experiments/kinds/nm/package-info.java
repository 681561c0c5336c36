/**
 * N:M sparse training (Bambhaniya et al., 2024) as an experiment kind: a small ViT or the
 * reference MLP trained on Fashion-MNIST with N:M masks on chosen layers, dense, STE, SR-STE or the
 * decaying gradient-flow recipes (MDGF, SDGF), at the same training budget per method.
 */
package org.sparsitystudio.experiments.kinds.nm;
