/** The JavaFX studio: the main window, its navigation rail, the screens and their view models. */
package org.sparsitystudio.app.gui;
