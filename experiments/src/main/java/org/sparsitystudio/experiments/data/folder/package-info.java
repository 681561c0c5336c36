/**
 * Real aerial (or any) images from a folder tree, one folder per class, for the RoMA experiments;
 * entry point {@link org.sparsitystudio.experiments.data.folder.ImageFolder#load}.
 */
package org.sparsitystudio.experiments.data.folder;
