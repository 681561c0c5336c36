package org.sparsitystudio.experiments.spi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A RunContext for tests: keeps everything reported, and cancels after a given number of metrics. */
public final class RecordingContext implements RunContext {

    /** One reported metric value. */
    public record Point(String name, long step, double value) {
    }

    public final List<Point> metrics = new ArrayList<>();
    public final Map<String, Double> results = new LinkedHashMap<>();
    public final List<String> log = new ArrayList<>();
    public double progress;
    private final int cancelAfter;

    public RecordingContext() {
        this(Integer.MAX_VALUE);
    }

    public RecordingContext(int cancelAfterMetrics) {
        this.cancelAfter = cancelAfterMetrics;
    }

    @Override
    public void metric(String name, long step, double value) {
        metrics.add(new Point(name, step, value));
    }

    @Override
    public void result(String name, double value) {
        results.put(name, value);
    }

    @Override
    public void progress(double fraction) {
        progress = fraction;
    }

    @Override
    public void log(String line) {
        log.add(line);
    }

    @Override
    public boolean isCancelled() {
        return metrics.size() >= cancelAfter;
    }
}
