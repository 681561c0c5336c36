/**
 * Synthetic aerial scenes for the RoMA experiments: eight procedurally drawn land-use classes
 * (SCIENCE.md, "Synthetic aerial scenes"), deterministic per (seed, class, index).
 *
 * <p>Entry point: {@link org.sparsitystudio.experiments.data.aerial.AerialScenes#generate} with an
 * {@link org.sparsitystudio.experiments.data.aerial.AerialScenes.Config}; images come as
 * {@link org.sparsitystudio.experiments.data.ColourDataset}s, and
 * {@link org.sparsitystudio.experiments.data.RgbImages#writeGridPng} draws a sample sheet.
 */
package org.sparsitystudio.experiments.data.aerial;
