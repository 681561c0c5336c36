/** Optimizers that update {@link org.sparsitystudio.kernels.nn.Parameter}s in place, and learning-rate schedules. */
package org.sparsitystudio.kernels.optim;
