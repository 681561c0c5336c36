/** Which ND4J backend runs the kernels, on what device, with how many threads: for provenance and the status bar. */
package org.sparsitystudio.kernels.backend;
