/**
 * Essential sparsity: how far a network can be pruned before its accuracy starts to fall. The
 * knee of the accuracy-versus-sparsity curve is the quantity of interest, so it is defined here
 * exactly, once, for every experiment and chart that reports it.
 */
package org.sparsitystudio.experiments.kinds.essential;
