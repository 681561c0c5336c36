/** The runs screen's view models: the queue of a running study, fed live from the executor's events. */
package org.sparsitystudio.app.runs;
