/** The studio application: the JavaFX desktop program and the headless command line. Holds no science. */
package org.sparsitystudio.app;
