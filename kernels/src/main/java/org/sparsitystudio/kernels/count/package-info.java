/**
 * Parameter and FLOP counting, dense and effective (masked), per layer and in total. Convention:
 * a multiply-add is 2 FLOPs, a bias add 1 per output; the backward pass is counted as twice the
 * forward pass (gradients for inputs and for weights), as is usual.
 */
package org.sparsitystudio.kernels.count;
