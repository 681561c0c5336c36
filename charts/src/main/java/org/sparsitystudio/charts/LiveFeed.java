package org.sparsitystudio.charts;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Coalesces updates that arrive from worker threads (metrics of running runs) into batches for the
 * UI thread: however many points arrive, at most one refresh is scheduled until the UI has taken
 * the batch, so the UI never gets one task per point and never stutters.
 *
 * <p>The scheduler is given, not assumed: the studio passes {@code Platform::runLater}, tests a
 * queue they drain by hand.
 *
 * @param <T> the update type
 */
public final class LiveFeed<T> {

    private final ConcurrentLinkedQueue<T> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Consumer<Runnable> scheduler;
    private final Consumer<List<T>> sink;

    /**
     * @param scheduler runs a task on the UI thread later (e.g. {@code Platform::runLater})
     * @param sink      receives each batch on the UI thread, in arrival order
     */
    public LiveFeed(Consumer<Runnable> scheduler, Consumer<List<T>> sink) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** Adds an update; thread-safe and cheap. */
    public void offer(T update) {
        pending.add(update);
        if (scheduled.compareAndSet(false, true)) {
            scheduler.accept(this::deliver);
        }
    }

    private void deliver() {
        // clear the flag first: an update that arrives while the sink runs schedules the next batch
        scheduled.set(false);
        List<T> batch = new ArrayList<>();
        for (T update; (update = pending.poll()) != null;) {
            batch.add(update);
        }
        if (!batch.isEmpty()) {
            sink.accept(batch);
        }
    }
}
