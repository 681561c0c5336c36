package org.sparsitystudio.experiments.spi;

import java.util.List;
import java.util.Optional;

/**
 * An experiment kind: one of the studies the studio can run, such as random-pruning scaling. This
 * is the SPI; implementations are registered in {@code META-INF/services} and found by
 * {@link ExperimentKinds}.
 *
 * <p>A kind describes itself entirely as data (parameters, metrics, charts), so that the gallery,
 * the designer form, the design JSON and the command line are generated rather than written per
 * kind. Implementations need a public no-argument constructor (for {@link java.util.ServiceLoader}),
 * should be stateless, and must be safe to call from several threads: the executor may run two
 * runs of one kind at once.
 */
public interface ExperimentKind {

    /**
     * The stable id, lower-case words joined by hyphens, such as {@code random-pruning-scaling}.
     * Files and the database store it; never change it once released.
     */
    String id();

    /** A short title for the gallery. */
    String title();

    /** A paragraph for the gallery: what the study shows and what a run does. */
    String description();

    /** The paper it reproduces: authors, venue, year; empty when none. */
    String paper();

    /** The parameter declarations, in form order. Names are unique and never {@code "seed"}. */
    List<ParameterSpec> parameters();

    /** The metrics and results a run reports. */
    List<MetricSpec> metrics();

    /** The charts that suit this kind, as plain data. */
    List<ChartSpec> charts();

    /**
     * A design to start from in the designer: usually a small sweep that shows the phenomenon.
     * The default is all defaults, design seed 0, no sweep.
     */
    default Design defaultDesign() {
        return Design.of(id());
    }

    /**
     * What a run will cost, before it starts: FLOPs (count them with
     * {@code org.sparsitystudio.kernels.count.FlopCounter}) and optimizer steps. Must be cheap: it
     * is called for every run of a sweep while the user edits it.
     *
     * @return the estimate; the default knows nothing
     */
    default CostEstimate estimate(RunSpec run) {
        return CostEstimate.unknown();
    }

    /**
     * Runs one run. Reports metrics, progress and log lines through {@code context}, checks
     * {@link RunContext#isCancelled()} between steps, and draws every random number from
     * {@link RunSpec#seed()} so that the run reproduces bit for bit.
     *
     * @return results not already reported through the context (may be {@link RunResult#empty()})
     * @throws org.sparsitystudio.experiments.training.CancelledException when cancelled
     * @throws Exception on any failure; the executor records the run as failed with its message
     */
    RunResult run(RunSpec spec, RunContext context) throws Exception;

    /** The declaration of a parameter, by name. */
    default Optional<ParameterSpec> parameter(String name) {
        return parameters().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /**
     * Results that need the whole study, such as each run's gap to its dense counterpart.
     * Computed from stored runs (by export and compare), so they work for runs from any process.
     *
     * @param runs    the study's runs
     * @param results each run's stored results, in the order of {@code runs}
     * @return extra results per run, in the same order; empty maps where there are none
     */
    default java.util.List<java.util.Map<String, Double>> studyResults(java.util.List<RunSpec> runs,
            java.util.List<java.util.Map<String, Double>> results) {
        java.util.List<java.util.Map<String, Double>> none = new java.util.ArrayList<>();
        runs.forEach(r -> none.add(java.util.Map.of()));
        return none;
    }

    /**
     * What the step of this kind's per-step metrics counts, as the x-axis label of its training
     * curves: "Epoch" (the default) for kinds that report once per epoch, "Step" for kinds that
     * report at optimizer steps.
     */
    default String stepLabel() {
        return "Epoch";
    }

    /**
     * A preview of one run of a design, shown in the designer before anything runs (for random
     * pruning: per-layer densities and weight counts). Must be cheap: it is called after every edit.
     * Empty by default.
     */
    default java.util.Optional<DesignPreview> preview(RunSpec run) {
        return java.util.Optional.empty();
    }
}
