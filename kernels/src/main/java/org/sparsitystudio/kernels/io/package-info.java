/**
 * Checkpoints: model parameters saved to and loaded from safetensors files, so that a trained or
 * pruned model survives the process and can be exchanged with PyTorch tools. Files are written
 * atomically and read defensively, because a half-written or foreign checkpoint must fail loudly
 * rather than load garbage into a study.
 */
package org.sparsitystudio.kernels.io;
