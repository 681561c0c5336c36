/**
 * Random pruning at initialisation (Liu et al., ICLR 2022): networks masked at random before
 * training, with uniform, ER or ERK layer-wise densities, compared with their dense equivalents as
 * width and depth grow.
 */
package org.sparsitystudio.experiments.kinds.randompruning;
