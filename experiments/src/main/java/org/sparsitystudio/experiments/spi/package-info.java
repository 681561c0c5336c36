/**
 * The experiment SPI: what an experiment kind declares (its parameters, metrics, results and
 * charts, all as plain data) and how it is run (a {@link org.sparsitystudio.experiments.spi.RunSpec}
 * in, metrics through a {@link org.sparsitystudio.experiments.spi.RunContext} out).
 *
 * <p>Kinds are found with {@link java.util.ServiceLoader} through
 * {@link org.sparsitystudio.experiments.spi.ExperimentKinds} and are known everywhere by their
 * stable {@linkplain org.sparsitystudio.experiments.spi.ExperimentKind#id() id}, never by class
 * name, so that a refactor cannot break a saved design or study.
 *
 * <p>Each parameter is described once, by a {@link org.sparsitystudio.experiments.spi.ParameterSpec};
 * validation, the design JSON, the command line and the GUI form all read that one declaration.
 * Nothing here knows JSON, JDBC or JavaFX.
 */
package org.sparsitystudio.experiments.spi;
