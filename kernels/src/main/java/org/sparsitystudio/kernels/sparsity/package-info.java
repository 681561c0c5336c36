/**
 * Weight masks and how sparsity is spread: exact random masks, magnitude pruning (per layer and
 * global), N:M patterns along the input dimension, and the layer-wise density rules uniform, ER
 * and ERK. A mask is an array of 0/1 shaped like the weight it masks.
 */
package org.sparsitystudio.kernels.sparsity;
