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
    public final Map<String, java.nio.file.Path> artifacts = new LinkedHashMap<>();
    public final Map<String, String> provenance = new LinkedHashMap<>();
    /** The folder {@link #outputDirectory()} returns; a fresh temporary folder per call when null. */
    public java.nio.file.Path outputDirectory;
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
    public void artifact(String kind, java.nio.file.Path file) {
        artifacts.put(kind, file);
    }

    @Override
    public void provenance(String key, String value) {
        provenance.put(key, value);
    }

    @Override
    public java.nio.file.Path outputDirectory() {
        return outputDirectory != null ? outputDirectory : RunContext.super.outputDirectory();
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
