/**
 * The kernel layer of Sparsity Studio: tensors and layers on ND4J with explicit backward passes,
 * weight masks and sparsity distributions, optimizers and schedules, FLOP and parameter counting,
 * and information about the backend in use. Nothing here knows about experiments, storage or GUI.
 */
package org.sparsitystudio.kernels;
