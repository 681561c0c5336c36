/** Supervised training loops on the kernel layer: epochs, evaluation, per-step hooks and cancellation. */
package org.sparsitystudio.experiments.training;
