/** The matrix viewer: a run's masks, Monarch factors and density tables drawn as zoomable images. */
package org.sparsitystudio.app.matrix;
