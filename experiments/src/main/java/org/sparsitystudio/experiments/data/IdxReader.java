package org.sparsitystudio.experiments.data;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files (the format of MNIST and Fashion-MNIST): a big-endian header with a magic
 * number that gives the element type and rank, the dimension sizes, then the raw unsigned bytes.
 * Gzip compression is recognised by its magic bytes, not by the file name.
 */
public final class IdxReader {

    /** Magic of an unsigned-byte tensor of rank 3 (images). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic of an unsigned-byte tensor of rank 1 (labels). */
    public static final int LABELS_MAGIC = 0x00000801;

    /** A decoded file: dimension sizes and the raw unsigned bytes. */
    public record Tensor(int[] dims, byte[] data) {
    }

    private IdxReader() {
    }

    /** Reads images: [count, rows, cols] unsigned bytes. */
    public static Tensor readImages(Path file) {
        return read(file, IMAGES_MAGIC, "images");
    }

    /** Reads labels: [count] unsigned bytes. */
    public static Tensor readLabels(Path file) {
        return read(file, LABELS_MAGIC, "labels");
    }

    /** Reads from a stream (e.g. a class-path resource); {@code name} is used in messages. */
    public static Tensor read(InputStream in, String name, int expectedMagic, String what) {
        byte[] bytes = decompressIfGzip(readAll(in, name), name);
        return parse(bytes, name, expectedMagic, what);
    }

    private static Tensor read(Path file, int expectedMagic, String what) {
        byte[] raw;
        try {
            raw = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DatasetException(file + ": file not found");
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
        return parse(decompressIfGzip(raw, file.toString()), file.toString(), expectedMagic, what);
    }

    private static byte[] readAll(InputStream in, String name) {
        try (InputStream stream = in) {
            return stream.readAllBytes();
        } catch (IOException e) {
            throw new DatasetException(name + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static byte[] decompressIfGzip(byte[] raw, String name) {
        boolean gzip = raw.length >= 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b;
        if (!gzip) {
            return raw;
        }
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(new java.io.ByteArrayInputStream(raw)))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length * 4);
            in.transferTo(out);
            return out.toByteArray();
        } catch (EOFException e) {
            throw new DatasetException(name + ": the gzip stream is truncated (the file was cut short; "
                    + "download or copy it again)", e);
        } catch (ZipException e) {
            throw new DatasetException(name + ": corrupt gzip data (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new DatasetException(name + ": cannot be decompressed (" + e.getMessage() + ")", e);
        }
    }

    private static Tensor parse(byte[] bytes, String name, int expectedMagic, String what) {
        if (bytes.length < 4) {
            throw new DatasetException(name + ": truncated, only " + bytes.length + " bytes, not even an IDX header");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        int magic = buf.getInt();
        if (magic != expectedMagic) {
            throw new DatasetException(String.format("%s: not an IDX %s file (magic number 0x%08x, expected 0x%08x)",
                    name, what, magic, expectedMagic));
        }
        int rank = magic & 0xff;
        if (bytes.length < 4 + 4L * rank) {
            throw new DatasetException(name + ": truncated inside the IDX header");
        }
        int[] dims = new int[rank];
        long count = 1;
        for (int i = 0; i < rank; i++) {
            dims[i] = buf.getInt();
            if (dims[i] < 0) {
                throw new DatasetException(name + ": corrupt IDX header (negative dimension " + dims[i] + ")");
            }
            count *= dims[i];
        }
        long available = bytes.length - 4L - 4L * rank;
        if (available < count) {
            throw new DatasetException(String.format("%s: truncated, the header promises %,d bytes of data but only "
                    + "%,d are there", name, count, available));
        }
        if (available > count) {
            throw new DatasetException(String.format("%s: corrupt, %,d bytes more than the header describes",
                    name, available - count));
        }
        byte[] data = new byte[(int) count];
        buf.get(data);
        return new Tensor(dims, data);
    }
}
