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
 *
 * <p>Colour images (the synthetic aerial scenes of the {@code aerial} sub-package, real ones from
 * the {@code folder} sub-package) come as {@link org.sparsitystudio.experiments.data.ColourDataset}:
 * an {@code ImageDataset} of channel-major RGB rows plus the image shape, so batching is shared.
 * {@link org.sparsitystudio.experiments.data.RgbImages} converts to and from {@code BufferedImage}.
 */
package org.sparsitystudio.experiments.data;
