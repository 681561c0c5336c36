/** Benchmarks of the kernel layer on this machine, to compare side by side with shared/peer's PyTorch scripts. */
package org.sparsitystudio.experiments.bench;
