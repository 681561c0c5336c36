package org.sparsitystudio.kernels.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Finite-difference checks of a masked Linear under each rule. Where the rule's weight gradient is
 * the true derivative (DROP, and value and gradient scaled alike) the full check applies; for the
 * straight-through rules (STE, SR-STE, MDGF) the input gradient is still exact, and the weight
 * gradient is the true derivative with respect to the effective weight W̃ — which is what "straight
 * through" means — plus, for SR-STE, exactly λ(1 − E) ⊙ W.
 */
class PrunedWeightRuleGradientTest {

    private static final INDArray MASK = Nd4j.createFromArray(new double[][] {
        {1, 0, 0, 1, 0, 1, 1, 0}, {0, 1, 1, 0, 1, 0, 0, 1}, {1, 1, 0, 0, 0, 0, 1, 1}});

    private static Linear layer(PrunedWeightRule rule) {
        Linear layer = new Linear(8, 3, true, DataType.DOUBLE, new SplittableRandom(17));
        layer.setMask(MASK.dup(), rule);
        return layer;
    }

    private static INDArray input() {
        return Init.normal(DataType.DOUBLE, new SplittableRandom(18), 1.0, 5, 8);
    }

    @Test
    void dropHasTheTrueGradientOnKeptWeights() {
        Linear layer = layer(PrunedWeightRule.DROP);
        List<GradientCheck.Mismatch> bad = GradientCheck.standard().check(layer, input(), true, 1);
        // a pruned entry is held at zero by the layer, so perturbing it measures nothing it trains
        assertTrue(bad.stream().allMatch(m -> m.tensor().equals("weight") && MASK.reshape(24).getDouble(m.index()) == 0),
                () -> "mismatches on kept weights or inputs: " + bad);
    }

    @Test
    void valueAndGradientScaledAlikeIsTheTrueGradient() {
        // W ⊙ (E + β(1 − E)) differentiated honestly: the gradient is scaled by the same factor
        Linear layer = layer(new PrunedWeightRule(0.3, 0.3));
        List<GradientCheck.Mismatch> bad = GradientCheck.standard().check(layer, input(), true, 2);
        assertTrue(bad.isEmpty(), () -> "mismatches: " + bad);
    }

    @Test
    void straightThroughRulesAreExactWithRespectToTheEffectiveWeight() {
        for (PrunedWeightRule rule : List.of(PrunedWeightRule.STRAIGHT_THROUGH, PrunedWeightRule.decayingValue(0.3),
                PrunedWeightRule.decayingValue(0.01), PrunedWeightRule.srSte(0.05))) {
            Linear layer = layer(rule);
            INDArray x = input();
            List<GradientCheck.Mismatch> bad = GradientCheck.standard().check(layer, x, true, 3);
            assertTrue(bad.stream().noneMatch(m -> m.tensor().equals("input") || m.tensor().equals("bias")),
                    () -> rule + ": input and bias gradients are exact: " + bad);

            // the same upstream gradient through a dense layer holding W̃
            double v = rule.valueFraction();
            INDArray w = layer.weight().value();
            INDArray effective = w.mul(MASK.mul(1 - v).add(v));
            Linear reference = new Linear(8, 3, true, DataType.DOUBLE, new SplittableRandom(1));
            reference.weight().value().assign(effective);
            reference.bias().value().assign(layer.bias().value());
            List<GradientCheck.Mismatch> refBad = GradientCheck.standard().check(reference, x, true, 4);
            assertTrue(refBad.isEmpty(), () -> "reference: " + refBad);
            INDArray g = Init.normal(DataType.DOUBLE, new SplittableRandom(19), 1.0, 5, 3);
            layer.forward(x, true);
            layer.backward(g);
            reference.forward(x, true);
            reference.backward(g);
            INDArray expected = reference.weight().grad().add(MASK.rsub(1).mul(w).mul(rule.prunedDecay()));
            assertTrue(expected.equalsWithEps(layer.weight().grad(), 1e-12),
                    rule + ": dL/dW̃ passed through, plus λ(1 − E) ⊙ W");
        }
    }

    @Test
    void srSteTermIsExactlyLambdaTimesPrunedWeights() {
        Linear ste = layer(PrunedWeightRule.STRAIGHT_THROUGH);
        Linear sr = layer(PrunedWeightRule.srSte(0.125));
        INDArray x = input();
        INDArray g = Init.normal(DataType.DOUBLE, new SplittableRandom(20), 1.0, 5, 3);
        ste.forward(x, true);
        ste.backward(g);
        sr.forward(x, true);
        sr.backward(g);
        INDArray difference = sr.weight().grad().sub(ste.weight().grad());
        INDArray expected = MASK.rsub(1).mul(sr.weight().value()).mul(0.125);
        assertTrue(expected.equalsWithEps(difference, 1e-15));
        assertEquals(0.0, difference.mul(MASK).amaxNumber().doubleValue(), "kept weights get no decay");
    }
}
