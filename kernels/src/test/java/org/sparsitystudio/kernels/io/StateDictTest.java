package org.sparsitystudio.kernels.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparsitystudio.kernels.nn.Init;
import org.sparsitystudio.kernels.nn.Linear;
import org.sparsitystudio.kernels.nn.Sequential;
import org.sparsitystudio.kernels.nn.TransformerBlock;
import org.sparsitystudio.kernels.nn.VisionTransformer;

class StateDictTest {

    @TempDir
    Path dir;

    private static VisionTransformer.Config config(int mlpHidden) {
        return new VisionTransformer.Config(1, 8, 8, 4, 32, 2, 4, mlpHidden, 3, TransformerBlock.Activation.GELU);
    }

    @Test
    void visionTransformerParametersCarryTimmNames() {
        List<String> expected = new ArrayList<>(List.of("patch_embed.proj.weight", "patch_embed.proj.bias", "cls_token",
                "pos_embed"));
        for (int i = 0; i < 2; i++) {
            for (String p : List.of("norm1.weight", "norm1.bias", "attn.qkv.weight", "attn.qkv.bias", "attn.proj.weight",
                    "attn.proj.bias", "norm2.weight", "norm2.bias", "mlp.fc1.weight", "mlp.fc1.bias", "mlp.fc2.weight",
                    "mlp.fc2.bias")) {
                expected.add("blocks." + i + "." + p);
            }
        }
        expected.addAll(List.of("norm.weight", "norm.bias", "head.weight", "head.bias"));

        Sequential vit = VisionTransformer.of(config(64), DataType.FLOAT, 1);

        assertEquals(expected, List.copyOf(StateDict.of(vit).keySet()));
    }

    @Test
    void loadingASavedModelReproducesItsOutputs() {
        Sequential trained = VisionTransformer.of(config(64), DataType.FLOAT, 1);
        Sequential fresh = VisionTransformer.of(config(64), DataType.FLOAT, 2);
        INDArray images = Init.normal(DataType.FLOAT, new SplittableRandom(3), 1.0, 4, 64);
        INDArray expected = trained.forward(images, false).dup();
        assertFalse(expected.equals(fresh.forward(images, false)), "different seeds should differ");
        Path file = dir.resolve("vit.safetensors");

        StateDict.save(trained, file, Map.of("seed", "1"));
        StateDict.LoadReport report = StateDict.load(fresh, file, true);

        assertTrue(report.missing().isEmpty() && report.unexpected().isEmpty(), report.toString());
        assertEquals(expected, fresh.forward(images, false));
    }

    @Test
    void shapeMismatchNamesTheTensorAndBothShapes() {
        Sequential small = VisionTransformer.of(config(64), DataType.FLOAT, 1);
        Sequential large = VisionTransformer.of(config(128), DataType.FLOAT, 1);
        INDArray before = large.parameters().get(0).value().dup();

        CheckpointException e = assertThrows(CheckpointException.class,
                () -> StateDict.load(large, StateDict.tensors(small)));

        assertTrue(e.getMessage().contains("blocks.0.mlp.fc1.weight: checkpoint has [64, 32], model expects [128, 32]"),
                e.getMessage());
        assertTrue(e.getMessage().contains("blocks.1.mlp.fc2.weight: checkpoint has [32, 64], model expects [32, 128]"),
                e.getMessage());
        assertEquals(before, large.parameters().get(0).value(), "a failed load changes nothing");
    }

    @Test
    void missingAndUnexpectedTensorsAreListedByName() {
        Sequential model = new Sequential(new Linear(3, 2, true, DataType.DOUBLE, new SplittableRandom(1)));
        LinkedHashMap<String, INDArray> tensors = new LinkedHashMap<>(StateDict.tensors(model));
        tensors.remove("0.bias");
        tensors.put("1.weight", tensors.get("0.weight"));

        CheckpointException e = assertThrows(CheckpointException.class, () -> StateDict.load(model, tensors));
        assertTrue(e.getMessage().contains("missing from the checkpoint: 0.bias"), e.getMessage());
        assertTrue(e.getMessage().contains("unexpected in the checkpoint: 1.weight"), e.getMessage());

        StateDict.LoadReport report = StateDict.load(model, tensors, false);
        assertEquals(List.of("0.bias"), report.missing());
        assertEquals(List.of("1.weight"), report.unexpected());
    }

    @Test
    void loadConvertsToTheModelsDataType() {
        SplittableRandom rng = new SplittableRandom(1);
        Sequential model = new Sequential(new Linear(3, 2, false, DataType.DOUBLE, rng));
        INDArray weight = Init.normal(DataType.FLOAT, rng, 1.0, 2, 3);
        StateDict.load(model, Map.of("0.weight", weight));
        assertEquals(DataType.DOUBLE, model.parameters().get(0).value().dataType());
        assertEquals(weight.castTo(DataType.DOUBLE), model.parameters().get(0).value());
    }

    @Test
    void duplicateNamesAreRejected() {
        SplittableRandom rng = new SplittableRandom(1);
        Sequential model = Sequential.named(List.of("", ""),
                List.of(new Linear(2, 2, false, DataType.DOUBLE, rng), new Linear(2, 2, false, DataType.DOUBLE, rng)));
        CheckpointException e = assertThrows(CheckpointException.class, () -> StateDict.of(model));
        assertTrue(e.getMessage().contains("two parameters named 'weight'"), e.getMessage());
    }
}
