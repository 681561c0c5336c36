/**
 * Experiments of Sparsity Studio: datasets, training loops, benchmarks, and (with the engine) the
 * experiment SPI and its kinds. Knows nothing of JDBC or JavaFX.
 */
package org.sparsitystudio.experiments;
