/**
 * Designs at work: checking a {@link org.sparsitystudio.experiments.spi.Design} against its kind's
 * parameter declarations, saving and loading it as readable JSON, and expanding its sweep into
 * runs with their seeds, a run count and a cost estimate before anything starts.
 *
 * <p>Depends on the SPI, never the other way round, so that a kind needs nothing from here.
 */
package org.sparsitystudio.experiments.design;
