package org.sparsitystudio.persistence;

import java.time.Instant;

/**
 * The record of a file a run produced (a checkpoint, a chart, an export).
 *
 * @param id        database id
 * @param runId     the run
 * @param kind      what it is, e.g. {@code checkpoint}, {@code chart}
 * @param path      where it is, as given (absolute, or relative to the studio's data folder)
 * @param sha256    its SHA-256, lower-case hex
 * @param bytes     its size
 * @param createdAt when it was recorded
 */
public record Artifact(long id, long runId, String kind, String path, String sha256, long bytes, Instant createdAt) {
}
