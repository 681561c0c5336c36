/**
 * The designer screen's view models: a form generated from a kind's parameter declarations,
 * validated at every edit, with sweep axes and a live run-count summary. JavaFX properties only,
 * so they are tested without starting the toolkit.
 */
package org.sparsitystudio.app.designer;
