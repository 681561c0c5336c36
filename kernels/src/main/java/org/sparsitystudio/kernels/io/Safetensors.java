package org.sparsitystudio.kernels.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads and writes the <a href="https://github.com/huggingface/safetensors">safetensors</a> format,
 * the checkpoint format of the Hugging Face ecosystem, chosen because it is trivial to parse, cannot
 * execute code (unlike pickled PyTorch files) and is read by {@code safetensors.torch.load_file}.
 *
 * <p>Layout: an unsigned 64-bit little-endian header length N, N bytes of UTF-8 JSON mapping each
 * tensor name to {@code {"dtype", "shape", "data_offsets": [begin, end]}} (offsets relative to the
 * first byte after the header) plus an optional {@code "__metadata__"} string map, then the tensor
 * bytes, contiguous, little-endian, row-major.
 *
 * <p>Writing supports F32 and F64 (ND4J FLOAT and DOUBLE). Reading supports F32 and F64 and widens
 * F16 and BF16 to FLOAT. Reading validates the whole header before touching any data: a file that
 * is truncated, overlapping, gappy or inconsistent is rejected with a {@link CheckpointException}
 * naming the file and the problem, rather than yielding silently wrong tensors.
 */
public final class Safetensors {

    private static final String METADATA = "__metadata__";
    /** The reference implementation refuses larger headers; so do we, before allocating one. */
    private static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;
    /** Data is streamed through a buffer of this many bytes (a multiple of every element size). */
    private static final int CHUNK_BYTES = 1 << 20;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Safetensors() {
    }

    /**
     * What a file holds.
     *
     * @param tensors  the tensors in the order their data lies in the file
     * @param metadata the {@code __metadata__} map, empty when the file has none
     */
    public record Contents(LinkedHashMap<String, INDArray> tensors, Map<String, String> metadata) {
    }

    /**
     * A file that was written, with the digest a study can record to detect later tampering or
     * corruption of the checkpoint.
     *
     * @param path   the absolute path of the file
     * @param sha256 lower-case hex SHA-256 of the whole file
     * @param bytes  the file size
     */
    public record Written(Path path, String sha256, long bytes) {
    }

    /** Element types of the format that this class understands. */
    private enum Dtype {
        F64(8), F32(4), F16(2), BF16(2);

        final int bytes;

        Dtype(int bytes) {
            this.bytes = bytes;
        }

        static Dtype parse(String name) {
            for (Dtype d : values()) {
                if (d.name().equals(name)) {
                    return d;
                }
            }
            return null;
        }
    }

    /** One header entry, validated on its own. */
    private record Entry(String name, Dtype dtype, long[] shape, long begin, long end) {
    }

    /**
     * Writes {@code tensors} in their iteration order (pass a {@link LinkedHashMap} to fix it) with
     * {@code metadata} (may be empty). The file is written to a temporary file in the same
     * directory, forced to disk and then atomically moved over {@code file}, so a crash leaves
     * either the old file or the complete new one, never a torn checkpoint.
     *
     * @throws CheckpointException for a tensor of another data type than FLOAT or DOUBLE, an
     *                             invalid name, or an I/O failure
     */
    public static Written write(Path file, Map<String, INDArray> tensors, Map<String, String> metadata) {
        Path target = file.toAbsolutePath();
        byte[] header = header(target, tensors, metadata);
        long dataBytes = 0;
        for (INDArray a : tensors.values()) {
            dataBytes += a.length() * elementBytes(a);
        }
        MessageDigest sha = sha256();
        Path temp = null;
        try {
            // not Files.createTempFile: its owner-only permissions would stick to the checkpoint
            temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer head = ByteBuffer.allocate(8 + header.length).order(ByteOrder.LITTLE_ENDIAN);
                head.putLong(header.length).put(header).flip();
                writeFully(channel, sha, head);
                ByteBuffer buffer = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
                for (INDArray a : tensors.values()) {
                    writeData(channel, sha, a, buffer);
                }
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temp = null;
            syncDirectory(target.getParent());
        } catch (IOException e) {
            throw new CheckpointException(target, "cannot write: " + e, e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the original failure is the one worth reporting
                }
            }
        }
        return new Written(target, HexFormat.of().formatHex(sha.digest()), 8 + header.length + dataBytes);
    }

    /** The padded JSON header: offsets follow the iteration order of {@code tensors}. */
    private static byte[] header(Path target, Map<String, INDArray> tensors, Map<String, String> metadata) {
        ObjectNode root = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = root.putObject(METADATA);
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, INDArray> e : tensors.entrySet()) {
            String name = e.getKey();
            INDArray a = e.getValue();
            if (name == null || name.isEmpty() || name.equals(METADATA)) {
                throw new CheckpointException(target, "invalid tensor name '" + name + "'");
            }
            String dtype = switch (a.dataType()) {
                case FLOAT -> "F32";
                case DOUBLE -> "F64";
                default -> throw new CheckpointException(target, "tensor '" + name + "' has data type " + a.dataType()
                        + "; only FLOAT and DOUBLE can be written");
            };
            long bytes = a.length() * elementBytes(a);
            ObjectNode entry = root.putObject(name);
            entry.put("dtype", dtype);
            ArrayNode shape = entry.putArray("shape");
            for (long d : a.shape()) {
                shape.add(d);
            }
            entry.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new CheckpointException(target, "cannot encode the header: " + e.getOriginalMessage(), e);
        }
        // spaces pad the header so that the data starts 8-byte aligned, as the reference writer does
        int padded = (json.length + 7) / 8 * 8;
        byte[] header = Arrays.copyOf(json, padded);
        Arrays.fill(header, json.length, padded, (byte) ' ');
        return header;
    }

    private static int elementBytes(INDArray a) {
        return a.dataType() == DataType.DOUBLE ? 8 : 4;
    }

    private static void writeData(FileChannel channel, MessageDigest sha, INDArray a, ByteBuffer buffer)
            throws IOException {
        if (a.length() == 0) {
            return;
        }
        // a fresh row-major copy has exactly length() elements from offset 0, whatever view a is
        INDArray c = a.dup('c');
        if (a.dataType() == DataType.DOUBLE) {
            double[] values = c.data().asDouble();
            int perChunk = buffer.capacity() / 8;
            for (int from = 0; from < values.length; from += perChunk) {
                int n = Math.min(perChunk, values.length - from);
                buffer.clear();
                buffer.asDoubleBuffer().put(values, from, n);
                buffer.limit(n * 8);
                writeFully(channel, sha, buffer);
            }
        } else {
            float[] values = c.data().asFloat();
            int perChunk = buffer.capacity() / 4;
            for (int from = 0; from < values.length; from += perChunk) {
                int n = Math.min(perChunk, values.length - from);
                buffer.clear();
                buffer.asFloatBuffer().put(values, from, n);
                buffer.limit(n * 4);
                writeFully(channel, sha, buffer);
            }
        }
    }

    private static void writeFully(FileChannel channel, MessageDigest sha, ByteBuffer buffer) throws IOException {
        sha.update(buffer.duplicate());
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** Makes the rename durable; some platforms cannot open a directory, where this is skipped. */
    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // the move is already atomic; only its durability across a power loss is weaker
        }
    }

    /**
     * Reads a whole file. FLOAT and DOUBLE tensors keep their type; F16 and BF16 become FLOAT.
     *
     * @throws CheckpointException if the file is truncated, its header is not valid JSON or not
     *                             consistent with its data, or a tensor has an unsupported dtype
     */
    public static Contents read(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            byte[] header = header(file, channel);
            JsonNode root = parseHeader(file, header);
            long dataStart = 8L + header.length;
            long dataSize = channel.size() - dataStart;
            Map<String, String> metadata = Map.of();
            List<Entry> entries = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getKey().equals(METADATA)) {
                    metadata = metadata(file, field.getValue());
                } else {
                    entries.add(entry(file, field.getKey(), field.getValue()));
                }
            }
            checkCoverage(file, entries, dataSize);
            LinkedHashMap<String, INDArray> tensors = new LinkedHashMap<>();
            for (Entry e : entries) {
                tensors.put(e.name(), tensor(channel, dataStart, e));
            }
            return new Contents(tensors, metadata);
        } catch (IOException e) {
            throw new CheckpointException(file, "cannot read: " + e, e);
        }
    }

    /**
     * Reads only the header's {@code __metadata__} map, without the tensor data: cheap enough to
     * describe a large checkpoint before loading it.
     *
     * @return the metadata, empty when the file has none
     * @throws CheckpointException if the file is too short, its header length or JSON is invalid
     *                             (not a safetensors file), or the metadata is not a map of strings
     */
    public static Map<String, String> readMetadata(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            JsonNode root = parseHeader(file, header(file, channel));
            JsonNode metadata = root.get(METADATA);
            return metadata == null ? Map.of() : metadata(file, metadata);
        } catch (IOException e) {
            throw new CheckpointException(file, "cannot read: " + e, e);
        }
    }

    /** The header's bytes, after checking its length against the file. */
    private static byte[] header(Path file, FileChannel channel) throws IOException {
        long size = channel.size();
        if (size < 8) {
            throw new CheckpointException(file, "truncated: " + size
                    + " bytes, too short for the 8-byte header length");
        }
        long headerLength = readFully(channel, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (headerLength < 0 || headerLength > size - 8) {
            throw new CheckpointException(file, "header length " + Long.toUnsignedString(headerLength)
                    + " is beyond the file size of " + size + " bytes (truncated or not safetensors)");
        }
        if (headerLength > MAX_HEADER_BYTES) {
            throw new CheckpointException(file, "header length " + headerLength + " exceeds the limit of "
                    + MAX_HEADER_BYTES + " bytes");
        }
        return readFully(channel, 8, (int) headerLength).array();
    }

    private static JsonNode parseHeader(Path file, byte[] header) {
        JsonNode root;
        try {
            root = JSON.readTree(header);
        } catch (IOException e) {
            String detail = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.toString();
            throw new CheckpointException(file, "header is not valid JSON: " + detail, e);
        }
        if (root == null || !root.isObject()) {
            throw new CheckpointException(file, "header is not valid JSON: expected an object");
        }
        return root;
    }

    private static Map<String, String> metadata(Path file, JsonNode node) {
        if (!node.isObject()) {
            throw new CheckpointException(file, METADATA + " is not an object");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getValue().isTextual()) {
                throw new CheckpointException(file, METADATA + " value of '" + field.getKey() + "' is not a string");
            }
            metadata.put(field.getKey(), field.getValue().textValue());
        }
        return Collections.unmodifiableMap(metadata);
    }

    private static Entry entry(Path file, String name, JsonNode node) {
        String where = "tensor '" + name + "'";
        if (!node.isObject()) {
            throw new CheckpointException(file, where + ": entry is not an object");
        }
        JsonNode dtypeNode = node.get("dtype");
        if (dtypeNode == null || !dtypeNode.isTextual()) {
            throw new CheckpointException(file, where + ": missing dtype");
        }
        Dtype dtype = Dtype.parse(dtypeNode.textValue());
        if (dtype == null) {
            throw new CheckpointException(file, where + ": unsupported dtype '" + dtypeNode.textValue()
                    + "' (supported: F32, F64, F16, BF16)");
        }
        long[] shape = naturals(file, where, "shape", node.get("shape"), -1);
        long[] offsets = naturals(file, where, "data_offsets", node.get("data_offsets"), 2);
        if (offsets[0] > offsets[1]) {
            throw new CheckpointException(file, where + ": data_offsets " + Arrays.toString(offsets)
                    + " end before they begin");
        }
        long elements = 1;
        long bytes;
        try {
            for (long d : shape) {
                elements = Math.multiplyExact(elements, d);
            }
            bytes = Math.multiplyExact(elements, dtype.bytes);
        } catch (ArithmeticException e) {
            throw new CheckpointException(file, where + ": shape " + Arrays.toString(shape) + " is too large");
        }
        if (bytes != offsets[1] - offsets[0]) {
            throw new CheckpointException(file, where + ": shape " + Arrays.toString(shape) + " of " + dtype + " needs "
                    + bytes + " bytes but data_offsets " + Arrays.toString(offsets) + " span "
                    + (offsets[1] - offsets[0]));
        }
        if (elements > Integer.MAX_VALUE - 8) {
            throw new CheckpointException(file, where + ": " + elements + " elements exceed a Java array");
        }
        return new Entry(name, dtype, shape, offsets[0], offsets[1]);
    }

    /** A JSON array of non-negative integers, of {@code length} elements unless that is -1. */
    private static long[] naturals(Path file, String where, String key, JsonNode node, int length) {
        if (node == null || !node.isArray() || (length >= 0 && node.size() != length)) {
            throw new CheckpointException(file, where + ": " + key + " must be an array"
                    + (length >= 0 ? " of " + length + " integers" : " of integers"));
        }
        long[] values = new long[node.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode v = node.get(i);
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
                throw new CheckpointException(file, where + ": " + key + " has an invalid entry " + v);
            }
            values[i] = v.longValue();
        }
        return values;
    }

    /**
     * Sorts {@code entries} into data order and checks that they tile the data region exactly:
     * overlapping tensors would alias, gaps or trailing bytes mean a writer we do not understand.
     */
    private static void checkCoverage(Path file, List<Entry> entries, long dataSize) {
        entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long covered = 0;
        Entry previous = null;
        for (Entry e : entries) {
            String where = "tensor '" + e.name() + "' data_offsets [" + e.begin() + ", " + e.end() + "]";
            if (e.end() > dataSize) {
                throw new CheckpointException(file, where + " run past the end of the data region of " + dataSize
                        + " bytes (file truncated?)");
            }
            if (e.begin() < covered) {
                throw new CheckpointException(file, where + " overlap tensor '" + previous.name() + "' data_offsets ["
                        + previous.begin() + ", " + previous.end() + "]");
            }
            if (e.begin() > covered) {
                throw new CheckpointException(file, where + " leave a gap of " + (e.begin() - covered)
                        + " bytes before them; tensors must be contiguous");
            }
            covered = e.end();
            previous = e;
        }
        if (covered != dataSize) {
            throw new CheckpointException(file, "data region has " + dataSize + " bytes but the tensors cover "
                    + covered + " (" + (dataSize - covered) + " bytes unaccounted for)");
        }
    }

    private static INDArray tensor(FileChannel channel, long dataStart, Entry e) throws IOException {
        int count = (int) ((e.end() - e.begin()) / e.dtype().bytes);
        DataType type = e.dtype() == Dtype.F64 ? DataType.DOUBLE : DataType.FLOAT;
        if (count == 0) {
            return Nd4j.create(type, e.shape());
        }
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        long position = dataStart + e.begin();
        int perChunk = CHUNK_BYTES / e.dtype().bytes;
        INDArray flat;
        if (e.dtype() == Dtype.F64) {
            double[] values = new double[count];
            for (int from = 0; from < count; from += perChunk) {
                int n = Math.min(perChunk, count - from);
                fill(channel, buffer, position, n * 8);
                buffer.asDoubleBuffer().get(values, from, n);
                position += n * 8L;
            }
            flat = Nd4j.createFromArray(values);
        } else {
            float[] values = new float[count];
            short[] halves = e.dtype().bytes == 2 ? new short[perChunk] : null;
            for (int from = 0; from < count; from += perChunk) {
                int n = Math.min(perChunk, count - from);
                int bytes = n * e.dtype().bytes;
                fill(channel, buffer, position, bytes);
                if (e.dtype() == Dtype.F32) {
                    buffer.asFloatBuffer().get(values, from, n);
                } else {
                    buffer.asShortBuffer().get(halves, 0, n);
                    boolean brain = e.dtype() == Dtype.BF16;
                    for (int i = 0; i < n; i++) {
                        values[from + i] = brain ? Float.intBitsToFloat((halves[i] & 0xffff) << 16) : halfToFloat(halves[i]);
                    }
                }
                position += bytes;
            }
            flat = Nd4j.createFromArray(values);
        }
        return e.shape().length == 0 ? Nd4j.scalar(type, flat.getDouble(0)) : flat.reshape('c', e.shape());
    }

    /** IEEE 754 binary16 to binary32; Java 17 lacks {@code Float.float16ToFloat}. */
    static float halfToFloat(short half) {
        int bits = half & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            // zero or subnormal: mantissa · 2^-24, exact in binary32
            float magnitude = mantissa * 0x1p-24f;
            return sign != 0 ? -magnitude : magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }

    private static void fill(FileChannel channel, ByteBuffer buffer, long position, int bytes) throws IOException {
        buffer.clear().limit(bytes);
        long at = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                throw new EOFException("file ended at byte " + at + " while reading tensor data");
            }
            at += read;
        }
        buffer.flip();
    }

    private static ByteBuffer readFully(FileChannel channel, long position, int bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(bytes);
        fill(channel, buffer, position, bytes);
        return buffer;
    }

    /** The SHA-256 of a file as lower-case hex, to check a checkpoint against a recorded digest. */
    public static String sha256(Path file) {
        MessageDigest sha = sha256();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(CHUNK_BYTES);
            while (channel.read(buffer.clear()) >= 0) {
                sha.update(buffer.flip());
            }
        } catch (IOException e) {
            throw new CheckpointException(file, "cannot read: " + e, e);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
