package org.sparsitystudio.kernels.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class ResidualTest {

    @Test
    void addsTheInputToTheBranch() {
        Linear branch = new Linear(4, 4, true, DataType.DOUBLE, new SplittableRandom(1));
        Residual residual = new Residual(branch);
        INDArray x = Init.normal(DataType.DOUBLE, new SplittableRandom(2), 1.0, 3, 4);
        INDArray expected = x.add(x.mmul(branch.weight().value().transpose()).addRowVector(branch.bias().value()));
        assertTrue(expected.equalsWithEps(residual.forward(x, false), 1e-12));
    }

    @Test
    void namesAndGradientsOfANestedBranch() {
        SplittableRandom rng = new SplittableRandom(3);
        Residual residual = new Residual(new Sequential(new Linear(5, 6, true, DataType.DOUBLE, rng), new Gelu(),
                new Linear(6, 5, true, DataType.DOUBLE, rng)));
        assertEquals(List.of("fn.0.weight", "fn.0.bias", "fn.2.weight", "fn.2.bias"),
                residual.parameters().stream().map(Parameter::name).toList());
        Sequential outer = new Sequential(residual, new Residual("mlp", new Linear(5, 5, false, DataType.DOUBLE, rng)));
        assertEquals(List.of("0.fn.0.weight", "0.fn.0.bias", "0.fn.2.weight", "0.fn.2.bias", "1.mlp.weight"),
                outer.parameters().stream().map(Parameter::name).toList());
        INDArray x = Init.normal(DataType.DOUBLE, new SplittableRandom(4), 1.0, 2, 3, 5);
        List<GradientCheck.Mismatch> bad = GradientCheck.standard().check(outer, x, true, 5);
        assertTrue(bad.isEmpty(), () -> "mismatches: " + bad);
    }
}
