/** The headless command line (picocli): training, benchmarks, and later designs and studies. */
package org.sparsitystudio.app.cli;
