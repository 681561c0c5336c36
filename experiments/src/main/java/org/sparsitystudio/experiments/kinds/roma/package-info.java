/**
 * RoMA (Wang et al., NeurIPS 2025): a vision Mamba pre-trained autoregressively, each token
 * predicting the next one's pixels at several scales, on images whose most textured region is
 * rotated by a random angle that the model is told through an angle embedding; then probed
 * linearly on scene classification, upright and rotated, across model sizes and amounts of
 * pre-training data. The pieces that define the method (the texture score, the crop, the loss, the
 * power-law fit) live here as small classes of their own so that each is tested against its
 * definition.
 */
package org.sparsitystudio.experiments.kinds.roma;
