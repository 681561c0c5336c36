/**
 * The studio's database: an H2 file (shared with other processes through H2's automatic mixed
 * mode), its Flyway migrations, plain-JDBC repositories for studies, runs, results, provenance,
 * metrics and artifacts, and crash recovery of runs whose process died.
 *
 * <p>Start with {@link org.sparsitystudio.persistence.Database}: open it, {@code migrate()}, call
 * {@code recoverInterrupted()} once at start-up, then use its repositories. The module knows
 * nothing of JavaFX nor of any experiment's internals: design and parameter documents arrive as
 * JSON strings, and only {@link org.sparsitystudio.experiments.run.RunStatus} is shared.
 */
package org.sparsitystudio.persistence;
