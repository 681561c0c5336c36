/**
 * Datasets: the Fashion-MNIST IDX reader, where the files come from (explicit directory, Debian
 * package, embedded subset), and seeded batching into preallocated ND4J arrays.
 */
package org.sparsitystudio.experiments.data;
