package org.sparsitystudio.experiments.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sparsitystudio.experiments.data.Batches;
import org.sparsitystudio.kernels.nn.Mlp;
import org.sparsitystudio.kernels.nn.Sequential;
import org.sparsitystudio.kernels.optim.Adam;
import org.sparsitystudio.kernels.optim.Schedule;

class ClassifierTrainerTest {

    private static ClassifierTrainer trainer(Sequential model, java.util.function.BooleanSupplier cancelled) {
        return new ClassifierTrainer(model, Adam.adam(model.parameters()), Schedule.constant(1e-3), StepHook.NONE,
                cancelled);
    }

    @Test
    void aNonFiniteLossEndsTrainingAsDivergedBeforeTheUpdate() {
        Sequential model = Mlp.of(4, new int[] {3}, 2, DataType.FLOAT, 1);
        INDArray before = model.parameters().get(0).value().dup();
        INDArray x = Nd4j.createFromArray(new float[][] {{1f, Float.NaN, 0f, 2f}});
        DivergedException e = assertThrows(DivergedException.class,
                () -> trainer(model, () -> false).trainStep(new Batches.Batch(x, new int[] {1}, 1)));
        assertEquals(0, e.step());
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        assertEquals(before, model.parameters().get(0).value(), "no update from a NaN loss");
    }

    @Test
    void aStepLowersTheLossOnItsBatch() {
        Sequential model = Mlp.of(4, new int[] {8}, 2, DataType.FLOAT, 2);
        INDArray x = Nd4j.createFromArray(new float[][] {{1f, 0f, 0f, 1f}, {0f, 1f, 1f, 0f}});
        Batches.Batch batch = new Batches.Batch(x, new int[] {0, 1}, 2);
        ClassifierTrainer t = trainer(model, () -> false);
        double first = t.trainStep(batch);
        double later = first;
        for (int i = 0; i < 50; i++) {
            later = t.trainStep(batch);
        }
        assertTrue(later < first, first + " -> " + later);
        assertThrows(CancelledException.class, () -> trainer(model, () -> true).trainStep(batch));
    }
}
