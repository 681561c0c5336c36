/**
 * Pre-training as a step of its own: the reference MLP or a small ViT trained on a class-balanced
 * share of Fashion-MNIST, either supervised (classification) or self-supervised (masked-patch
 * reconstruction), then saved as a safetensors checkpoint. Studies that start from a pre-trained
 * model (essential sparsity) build on these pieces rather than on their own training loops, so
 * that every such study pre-trains the same way.
 */
package org.sparsitystudio.experiments.pretraining;
