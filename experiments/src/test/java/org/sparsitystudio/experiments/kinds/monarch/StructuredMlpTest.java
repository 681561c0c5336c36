package org.sparsitystudio.experiments.kinds.monarch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.longer.CountNonZero;
import org.nd4j.linalg.factory.Nd4j;
import org.sparsitystudio.kernels.monarch.MonarchLinear;
import org.sparsitystudio.kernels.monarch.MonarchProjection;
import org.sparsitystudio.kernels.nn.Init;
import org.sparsitystudio.kernels.nn.Linear;
import org.sparsitystudio.kernels.nn.Sequential;

class StructuredMlpTest {

    private static MonarchConfig config(LayerChoice layer, int blocks, int hidden, MonarchConfig.Scope scope) {
        return new MonarchConfig(layer, blocks, hidden, 2, scope, MonarchConfig.Mode.FROM_SCRATCH, 1, 0, 32, "adam",
                1e-3, 7);
    }

    private static long nonzero(INDArray a) {
        return Nd4j.getExecutioner().exec(new CountNonZero(a)).getLong(0);
    }

    @Test
    void randomSparseKeepsExactlyTheMonarchParameterCount() {
        for (int[] c : List.of(new int[] {64, 8}, new int[] {64, 3}, new int[] {100, 7}, new int[] {1024, 32})) {
            for (MonarchConfig.Scope scope : MonarchConfig.Scope.values()) {
                StructuredMlp sparse = StructuredMlp.build(config(LayerChoice.RANDOM_SPARSE, c[1], c[0], scope), 784, 10);
                StructuredMlp monarch = StructuredMlp.build(config(LayerChoice.MONARCH, c[1], c[0], scope), 784, 10);
                for (int number : sparse.replacedLayers()) {
                    Linear linear = (Linear) sparse.layer(number);
                    MonarchLinear m = (MonarchLinear) monarch.layer(number);
                    long budget = MonarchLinear.parameterCount(m.inFeatures(), m.outFeatures(), m.blocks());
                    assertEquals(budget, linear.mask().sumNumber().longValue(), "mask of layer " + number);
                    assertEquals(budget, nonzero(linear.weight().value()), "stored nonzeros of layer " + number);
                }
                assertEquals(monarch.structuredParameters(), sparse.structuredParameters());
            }
        }
    }

    @Test
    void squareScopeReplacesOnlyHiddenToHiddenLayers() {
        StructuredMlp square = StructuredMlp.build(config(LayerChoice.MONARCH, 8, 64, MonarchConfig.Scope.SQUARE), 784, 10);
        assertEquals(List.of(2), square.replacedLayers());
        assertInstanceOf(Linear.class, square.layer(1));
        assertInstanceOf(MonarchLinear.class, square.layer(2));
        assertInstanceOf(Linear.class, square.layer(3));
        assertEquals(2 * 8 * 8 * 8, square.structuredParameters(), "n(b + m) with n = 64, b = m = 8");
        StructuredMlp hidden = StructuredMlp.build(config(LayerChoice.MONARCH, 8, 64, MonarchConfig.Scope.HIDDEN), 784, 10);
        assertEquals(List.of(1, 2), hidden.replacedLayers());
    }

    @Test
    void lowRankSpendsTheClosestRankToTheBudget() {
        StructuredMlp low = StructuredMlp.build(config(LayerChoice.LOW_RANK, 32, 1024, MonarchConfig.Scope.SQUARE), 784, 10);
        // budget 65,536 over in + out = 2,048: rank 32 spends it exactly
        assertEquals(32, StructuredMlp.lowRank(1024, 1024, 32));
        assertEquals(65_536, low.structuredParameters());
        assertInstanceOf(Sequential.class, low.layer(2));
    }

    @Test
    void denseModelStartsFromTheReferenceMlpWeights() {
        StructuredMlp dense = StructuredMlp.build(config(LayerChoice.DENSE, 8, 64, MonarchConfig.Scope.SQUARE), 784, 10);
        Sequential reference = org.sparsitystudio.kernels.nn.Mlp.of(784, new int[] {64, 64}, 10, DataType.FLOAT, 7);
        for (int i = 0; i < reference.parameters().size(); i++) {
            assertEquals(reference.parameters().get(i).value(), dense.model().parameters().get(i).value());
        }
    }

    private static StructuredMlp trainedLikeDense(MonarchConfig.Scope scope) {
        StructuredMlp dense = StructuredMlp.build(config(LayerChoice.DENSE, 8, 64, scope), 784, 10);
        // structure that a projection can partly recover, unlike the independent entries of the init
        SplittableRandom rng = new SplittableRandom(3);
        for (int number = 1; number <= 3; number++) {
            INDArray w = ((Linear) dense.layer(number)).weight().value();
            INDArray u = Init.normal(DataType.FLOAT, rng, 1.0, w.size(0), 4);
            INDArray v = Init.normal(DataType.FLOAT, rng, 1.0, 4, w.size(1));
            w.addi(u.mmul(v).muli(0.05));
        }
        return dense;
    }

    @Test
    void monarchProjectionReportsMonarchProjectionsOwnError() {
        StructuredMlp dense = trainedLikeDense(MonarchConfig.Scope.HIDDEN);
        StructuredMlp.Projected p = StructuredMlp.project(dense,
                config(LayerChoice.MONARCH, 8, 64, MonarchConfig.Scope.HIDDEN), 784, 10);
        assertEquals(List.of(1, 2), List.copyOf(p.errors().keySet()));
        for (int number : p.errors().keySet()) {
            INDArray w = ((Linear) dense.layer(number)).weight().value();
            MonarchLinear m = (MonarchLinear) p.model().layer(number);
            double expected = MonarchProjection.relativeError(w, m.factors());
            assertEquals(expected, p.errors().get(number), 0.0, "layer " + number);
            assertTrue(expected > 0 && expected < 1, "a projection is closer than zero: " + expected);
            assertEquals(((Linear) dense.layer(number)).bias().value(), m.bias().value());
        }
        assertEquals(((Linear) dense.layer(3)).weight().value(), ((Linear) p.model().layer(3)).weight().value(),
                "the head is copied");
    }

    @Test
    void lowRankProjectionIsTheTruncatedSvd() {
        SplittableRandom rng = new SplittableRandom(5);
        INDArray u = Init.normal(DataType.FLOAT, rng, 1.0, 40, 3);
        INDArray v = Init.normal(DataType.FLOAT, rng, 1.0, 3, 30);
        INDArray a = u.mmul(v);
        LowRank.Factors exact = LowRank.truncate(a, 3);
        assertTrue(StructuredMlp.relativeError(a, exact.left().mmul(exact.right())) < 1e-5);
        INDArray wide = a.transpose().dup('c');
        assertTrue(StructuredMlp.relativeError(wide, mul(LowRank.truncate(wide, 3))) < 1e-5, "fewer rows than columns");
        // dropping a rank leaves exactly the tail of the spectrum
        INDArray noisy = a.add(Init.normal(DataType.FLOAT, rng, 0.1, 40, 30));
        double err2 = StructuredMlp.relativeError(noisy, mul(LowRank.truncate(noisy, 2)));
        double err3 = StructuredMlp.relativeError(noisy, mul(LowRank.truncate(noisy, 3)));
        assertTrue(err3 < err2 && err3 < 0.2, err2 + " " + err3);
    }

    /**
     * Above about 128 × 128 ND4J's gesvd returned vectors that are not orthogonal, and the old
     * truncation of a 1024² layer was worse at rank 257 than at rank 32. Its singular values were
     * right, so they check the error the Eckart–Young theorem predicts: the tail of the spectrum.
     */
    @Test
    void lowRankTruncationOfLargeMatricesLeavesExactlyTheTailOfTheSpectrum() {
        for (long[] shape : new long[][] {{300, 260}, {260, 300}}) {
            INDArray a = Init.normal(DataType.FLOAT, new SplittableRandom(9), 1.0, shape[0], shape[1]);
            int k = (int) Math.min(shape[0], shape[1]);
            INDArray s = Nd4j.create(DataType.DOUBLE, k);
            Nd4j.getBlasWrapper().lapack().gesvd(a.castTo(DataType.DOUBLE).dup('f'), s, null, null);
            double total = s.mul(s).sumNumber().doubleValue();
            double previous = Double.POSITIVE_INFINITY;
            for (int r : new int[] {1, 16, 130, 259, k}) {
                if (r > k) {
                    continue;
                }
                LowRank.Factors f = LowRank.truncate(a, r);
                assertEquals(List.of(shape[0], (long) r, (long) r, shape[1]),
                        List.of(f.left().size(0), f.left().size(1), f.right().size(0), f.right().size(1)));
                double error = StructuredMlp.relativeError(a, mul(f));
                double tail = 0;
                for (int i = r; i < k; i++) {
                    tail += s.getDouble(i) * s.getDouble(i);
                }
                double expected = Math.sqrt(tail / total);
                assertEquals(expected, error, 1e-5, java.util.Arrays.toString(shape) + " rank " + r);
                assertTrue(error < previous, "more rank, less error: " + error + " after " + previous);
                previous = error;
            }
            assertTrue(previous < 1e-5, "full rank reproduces the matrix: " + previous);
        }
    }

    private static INDArray mul(LowRank.Factors f) {
        return f.left().mmul(f.right());
    }

    @Test
    void lowRankAndRandomProjectionsReportTheirDistance() {
        StructuredMlp dense = trainedLikeDense(MonarchConfig.Scope.SQUARE);
        INDArray w = ((Linear) dense.layer(2)).weight().value();
        StructuredMlp.Projected low = StructuredMlp.project(dense,
                config(LayerChoice.LOW_RANK, 8, 64, MonarchConfig.Scope.SQUARE), 784, 10);
        Sequential pair = (Sequential) low.model().layer(2);
        INDArray product = ((Linear) pair.layers().get(1)).weight().value()
                .mmul(((Linear) pair.layers().get(0)).weight().value());
        assertEquals(StructuredMlp.relativeError(w, product), low.errors().get(2), 1e-6);
        StructuredMlp.Projected sparse = StructuredMlp.project(dense,
                config(LayerChoice.RANDOM_SPARSE, 8, 64, MonarchConfig.Scope.SQUARE), 784, 10);
        Linear masked = (Linear) sparse.model().layer(2);
        assertEquals(1024, nonzero(masked.weight().value()));
        assertEquals(StructuredMlp.relativeError(w, masked.weight().value()), sparse.errors().get(2), 0.0);
        StructuredMlp.Projected copy = StructuredMlp.project(dense,
                config(LayerChoice.DENSE, 8, 64, MonarchConfig.Scope.SQUARE), 784, 10);
        assertEquals(0.0, copy.errors().get(2));
    }
}
