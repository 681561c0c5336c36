package org.sparsitystudio.experiments.run;

import java.util.List;
import org.sparsitystudio.experiments.spi.RunSpec;

/** Fans every event out to several listeners (the database writer, a terminal, live charts). */
public final class RunListeners implements RunListener {

    private final List<RunListener> listeners;

    private RunListeners(List<RunListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    /** A listener that passes every event to each of {@code listeners}, in order. */
    public static RunListener of(RunListener... listeners) {
        return new RunListeners(List.of(listeners));
    }

    @Override
    public void started(RunSpec run, Provenance provenance) {
        listeners.forEach(l -> l.started(run, provenance));
    }

    @Override
    public void metric(RunSpec run, String name, long step, double value, long wallMillis) {
        listeners.forEach(l -> l.metric(run, name, step, value, wallMillis));
    }

    @Override
    public void result(RunSpec run, String name, double value) {
        listeners.forEach(l -> l.result(run, name, value));
    }

    @Override
    public void progress(RunSpec run, double fraction, long etaMillis) {
        listeners.forEach(l -> l.progress(run, fraction, etaMillis));
    }

    @Override
    public void artifact(RunSpec run, String kind, java.nio.file.Path file) {
        listeners.forEach(l -> l.artifact(run, kind, file));
    }

    @Override
    public void log(RunSpec run, String line) {
        listeners.forEach(l -> l.log(run, line));
    }

    @Override
    public void finished(RunSpec run, RunStatus status, String error, Provenance provenance) {
        listeners.forEach(l -> l.finished(run, status, error, provenance));
    }
}
