/**
 * The data layer: reading IDX files, the Fashion-MNIST splits and where they came from, and
 * seeded batching into preallocated ND4J arrays.
 *
 * <p>Entry points: {@link org.sparsitystudio.experiments.data.FashionMnist#load(DataSource)} with a
 * {@link org.sparsitystudio.experiments.data.DataSource} (usually {@code DataSource.resolve()}),
 * which yields two {@link org.sparsitystudio.experiments.data.ImageDataset}s and a
 * {@link org.sparsitystudio.experiments.data.DatasetOrigin}; then
 * {@link org.sparsitystudio.experiments.data.Batches} for training. Every failure to read data is
 * a {@link org.sparsitystudio.experiments.data.DatasetException} whose message names the file and
 * says what to do.
 */
package org.sparsitystudio.experiments.data;
