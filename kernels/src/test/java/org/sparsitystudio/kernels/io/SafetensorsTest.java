package org.sparsitystudio.kernels.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SafetensorsTest {

    @TempDir
    Path dir;

    @Test
    void roundTripIsBitForBit() {
        SplittableRandom rng = new SplittableRandom(1);
        float[] floats = new float[3 * 4 * 5];
        for (int i = 0; i < floats.length; i++) {
            floats[i] = (float) (rng.nextGaussian() * Math.pow(10, rng.nextInt(-30, 30)));
        }
        floats[0] = -0.0f;
        floats[1] = Float.MIN_VALUE;
        floats[2] = Float.NEGATIVE_INFINITY;
        floats[3] = Float.MAX_VALUE;
        double[] doubles = new double[7 * 3];
        for (int i = 0; i < doubles.length; i++) {
            doubles[i] = rng.nextGaussian() * Math.pow(10, rng.nextInt(-300, 300));
        }
        doubles[0] = -0.0;
        doubles[1] = Double.MIN_VALUE;
        doubles[2] = Double.POSITIVE_INFINITY;
        LinkedHashMap<String, INDArray> tensors = new LinkedHashMap<>();
        tensors.put("z.weight", Nd4j.createFromArray(floats).reshape(3, 4, 5));
        tensors.put("a.bias", Nd4j.createFromArray(doubles).reshape(7, 3));
        tensors.put("scalar", Nd4j.scalar(2.5f));
        // a transposed view must be written in its logical row-major order, not its buffer order
        tensors.put("view", Nd4j.createFromArray(doubles).reshape(7, 3).transpose());
        Path file = dir.resolve("model.safetensors");

        Safetensors.write(file, tensors, Map.of("format", "pt", "step", "12"));
        Safetensors.Contents read = Safetensors.read(file);

        assertEquals(List.of("z.weight", "a.bias", "scalar", "view"), List.copyOf(read.tensors().keySet()));
        assertEquals(Map.of("format", "pt", "step", "12"), read.metadata());
        for (Map.Entry<String, INDArray> e : tensors.entrySet()) {
            INDArray expected = e.getValue();
            INDArray actual = read.tensors().get(e.getKey());
            assertEquals(expected.dataType(), actual.dataType(), e.getKey());
            assertArrayEquals(expected.shape(), actual.shape(), e.getKey());
            if (expected.dataType() == DataType.FLOAT) {
                assertArrayEquals(floatBits(expected), floatBits(actual), e.getKey());
            } else {
                assertArrayEquals(doubleBits(expected), doubleBits(actual), e.getKey());
            }
        }
    }

    private static int[] floatBits(INDArray a) {
        float[] v = a.dup('c').data().asFloat();
        return java.util.stream.IntStream.range(0, v.length).map(i -> Float.floatToRawIntBits(v[i])).toArray();
    }

    private static long[] doubleBits(INDArray a) {
        double[] v = a.dup('c').data().asDouble();
        return Arrays.stream(v).mapToLong(Double::doubleToRawLongBits).toArray();
    }

    @Test
    void writeReportsDigestAndSizeAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("ckpt.safetensors");
        Safetensors.write(file, new LinkedHashMap<>(Map.of("w", Nd4j.ones(DataType.FLOAT, 2, 2))), Map.of());
        Safetensors.Written written = Safetensors.write(file,
                new LinkedHashMap<>(Map.of("w", Nd4j.zeros(DataType.DOUBLE, 3))), Map.of());

        assertEquals(file.toAbsolutePath(), written.path());
        assertEquals(Files.size(file), written.bytes());
        assertEquals(Safetensors.sha256(file), written.sha256());
        assertEquals(64, written.sha256().length());
        assertEquals(0, (written.bytes() - 3 * 8) % 8, "header padded to 8 bytes");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
        assertArrayEquals(new long[] {3}, Safetensors.read(file).tensors().get("w").shape());
    }

    @Test
    void readsAFileWrittenByAnotherProgram() throws IOException {
        // keys out of data order, no padding, metadata last, half-precision tensors widened to FLOAT
        String header = "{\"b\":{\"dtype\":\"F64\",\"shape\":[3],\"data_offsets\":[16,40]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]},"
                + "\"h\":{\"dtype\":\"F16\",\"shape\":[3],\"data_offsets\":[40,46]},"
                + "\"g\":{\"dtype\":\"BF16\",\"shape\":[1,1],\"data_offsets\":[46,48]},"
                + "\"__metadata__\":{\"format\":\"pt\"}}";
        ByteBuffer data = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN);
        data.putFloat(1f).putFloat(-2f).putFloat(3.5f).putFloat(0.25f);
        data.putDouble(Math.PI).putDouble(-1e300).putDouble(7);
        data.putShort((short) 0x3C00).putShort((short) 0xC000).putShort((short) 0x0001); // 1, -2, 2^-24
        data.putShort((short) 0x3FC0); // 1.5 in bfloat16
        Path file = dir.resolve("foreign.safetensors");
        write(file, header.getBytes(StandardCharsets.UTF_8), data.array());

        Safetensors.Contents read = Safetensors.read(file);

        assertEquals(List.of("a", "b", "h", "g"), List.copyOf(read.tensors().keySet()));
        assertEquals(Map.of("format", "pt"), read.metadata());
        INDArray a = read.tensors().get("a");
        assertEquals(DataType.FLOAT, a.dataType());
        assertArrayEquals(new long[] {2, 2}, a.shape());
        assertEquals(-2f, a.getFloat(0, 1));
        assertEquals(3.5f, a.getFloat(1, 0));
        INDArray b = read.tensors().get("b");
        assertEquals(DataType.DOUBLE, b.dataType());
        assertArrayEquals(new double[] {Math.PI, -1e300, 7}, b.toDoubleVector());
        assertArrayEquals(new float[] {1f, -2f, 0x1p-24f}, read.tensors().get("h").toFloatVector());
        assertEquals(1.5f, read.tensors().get("g").getFloat(0, 0));
    }

    @Test
    void metadataIsReadFromTheHeaderAlone() throws IOException {
        Path file = dir.resolve("meta.safetensors");
        Safetensors.write(file, new LinkedHashMap<>(Map.of("w", Nd4j.ones(DataType.FLOAT, 2))),
                Map.of("architecture", "mlp"));
        assertEquals(Map.of("architecture", "mlp"), Safetensors.readMetadata(file));
        // the header alone is read: data that no longer matches it goes unnoticed here
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 4));
        assertEquals(Map.of("architecture", "mlp"), Safetensors.readMetadata(file));
        Path bare = dir.resolve("bare.safetensors");
        write(bare, "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}".getBytes(StandardCharsets.UTF_8),
                new byte[4]);
        assertEquals(Map.of(), Safetensors.readMetadata(bare));
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "not a checkpoint at all");
        CheckpointException e = assertThrows(CheckpointException.class, () -> Safetensors.readMetadata(text));
        assertTrue(e.getMessage().startsWith(text.toString()) && e.getMessage().contains("not safetensors"),
                e.getMessage());
    }

    @Test
    void halfPrecisionConversionCoversSpecialValues() {
        assertEquals(65504f, Safetensors.halfToFloat((short) 0x7BFF));
        assertEquals(Float.POSITIVE_INFINITY, Safetensors.halfToFloat((short) 0x7C00));
        assertTrue(Float.isNaN(Safetensors.halfToFloat((short) 0x7E00)));
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(Safetensors.halfToFloat((short) 0x8000)));
        assertEquals(0x1p-14f, Safetensors.halfToFloat((short) 0x0400));
    }

    @Test
    void rejectsAFileShorterThanTheLengthField() throws IOException {
        Path file = dir.resolve("tiny.safetensors");
        Files.write(file, new byte[] {1, 2, 3});
        assertRejected(file, "truncated: 3 bytes");
    }

    @Test
    void rejectsATruncatedFile() throws IOException {
        Path file = dir.resolve("cut.safetensors");
        LinkedHashMap<String, INDArray> tensors = new LinkedHashMap<>();
        tensors.put("w", Nd4j.ones(DataType.FLOAT, 4, 4));
        Safetensors.write(file, tensors, Map.of());
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 5));
        assertRejected(file, "tensor 'w' data_offsets [0, 64] run past the end of the data region of 59 bytes");
    }

    @Test
    void rejectsAHeaderLengthBeyondTheFile() throws IOException {
        Path file = dir.resolve("long.safetensors");
        ByteBuffer bytes = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN).putLong(1000);
        Files.write(file, bytes.array());
        assertRejected(file, "header length 1000 is beyond the file size of 20 bytes");
    }

    @Test
    void rejectsInvalidJson() throws IOException {
        Path file = dir.resolve("json.safetensors");
        write(file, "{\"w\": {\"dtype\": ".getBytes(StandardCharsets.UTF_8), new byte[0]);
        assertRejected(file, "header is not valid JSON");
    }

    @Test
    void rejectsOverlappingOffsets() throws IOException {
        Path file = dir.resolve("overlap.safetensors");
        write(file, ("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}").getBytes(StandardCharsets.UTF_8),
                new byte[12]);
        assertRejected(file, "tensor 'b' data_offsets [4, 12] overlap tensor 'a' data_offsets [0, 8]");
    }

    @Test
    void rejectsGapsAndUncoveredData() throws IOException {
        Path gap = dir.resolve("gap.safetensors");
        write(gap, "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}".getBytes(StandardCharsets.UTF_8),
                new byte[8]);
        assertRejected(gap, "tensor 'a' data_offsets [4, 8] leave a gap of 4 bytes");
        Path trailing = dir.resolve("trailing.safetensors");
        write(trailing, "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}"
                .getBytes(StandardCharsets.UTF_8), new byte[8]);
        assertRejected(trailing, "data region has 8 bytes but the tensors cover 4");
    }

    @Test
    void rejectsAShapeThatDisagreesWithTheByteCount() throws IOException {
        Path file = dir.resolve("shape.safetensors");
        write(file, "{\"a\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,20]}}".getBytes(StandardCharsets.UTF_8),
                new byte[20]);
        assertRejected(file, "tensor 'a': shape [2, 3] of F32 needs 24 bytes but data_offsets [0, 20] span 20");
    }

    @Test
    void rejectsUnsupportedDtypes() throws IOException {
        Path file = dir.resolve("int.safetensors");
        write(file, "{\"n\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}".getBytes(StandardCharsets.UTF_8),
                new byte[8]);
        assertRejected(file, "tensor 'n': unsupported dtype 'I64'");
    }

    @Test
    void refusesToWriteOtherDataTypes() {
        LinkedHashMap<String, INDArray> tensors = new LinkedHashMap<>();
        tensors.put("n", Nd4j.zeros(DataType.INT, 2));
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> Safetensors.write(dir.resolve("int.safetensors"), tensors, Map.of()));
        assertTrue(e.getMessage().contains("tensor 'n' has data type INT"), e.getMessage());
        assertEquals(0, dir.toFile().list().length, "no file and no temporary left behind");
    }

    private static void assertRejected(Path file, String problem) {
        CheckpointException e = assertThrows(CheckpointException.class, () -> Safetensors.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(problem), () -> "expected '" + problem + "' in: " + e.getMessage());
    }

    /** A file as any safetensors writer lays it out: length, header, data. */
    private static void write(Path file, byte[] header, byte[] data) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).array());
            out.write(header);
            out.write(data);
        }
    }
}
