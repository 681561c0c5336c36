/** Runs: their life-cycle states, and (with the engine) the queue that executes them with progress and cancel. */
package org.sparsitystudio.experiments.run;
