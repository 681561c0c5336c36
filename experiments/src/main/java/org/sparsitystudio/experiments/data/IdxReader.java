package org.sparsitystudio.experiments.data;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files (the MNIST format): images (magic {@code 0x00000803}) and labels (magic
 * {@code 0x00000801}), gzip-compressed or raw.
 *
 * <p>Compression is detected from the gzip magic bytes {@code 1f 8b}, not from the file name,
 * because users rename files and some mirrors serve decompressed files under {@code .gz} names.
 * Every problem is reported as a {@link DatasetException} naming the file and the defect.
 */
public final class IdxReader {

    /** Magic number of an IDX file of unsigned bytes with three dimensions. */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an IDX file of unsigned bytes with one dimension. */
    public static final int LABELS_MAGIC = 0x00000801;

    private static final String REMEDY =
            " Replace it with an intact copy (download it again, or reinstall the dataset-fashion-mnist package).";

    private IdxReader() {
    }

    /** Reads an image file from disk. */
    public static IdxImages readImages(Path file) {
        return readImages(readFile(file), file.toString());
    }

    /**
     * Reads an image file from its bytes as stored (compressed or not).
     *
     * @param source the file or resource name used in error messages
     */
    public static IdxImages readImages(byte[] content, String source) {
        try (InputStream in = open(content, source)) {
            int magic = readInt(in, source, "magic number");
            checkMagic(magic, IMAGES_MAGIC, source);
            int count = readInt(in, source, "image count");
            int rows = readInt(in, source, "row count");
            int cols = readInt(in, source, "column count");
            long total = (long) count * rows * cols;
            if (count < 0 || rows <= 0 || cols <= 0 || total > Integer.MAX_VALUE - 8) {
                throw new DatasetException(source + " has an implausible header (" + count + " images of "
                        + rows + "×" + cols + " pixels); it is probably not an IDX image file." + REMEDY);
            }
            byte[] pixels = new byte[(int) total];
            readPayload(in, pixels, source, "pixel bytes (" + count + " images of " + rows + "×" + cols + ")");
            requireEnd(in, source);
            return new IdxImages(count, rows, cols, pixels);
        } catch (IOException e) {
            throw unreadable(source, e);
        }
    }

    /** Reads a label file from disk and checks that every label lies in {@code 0..classes-1}. */
    public static int[] readLabels(Path file, int classes) {
        return readLabels(readFile(file), file.toString(), classes);
    }

    /**
     * Reads a label file from its bytes as stored and checks that every label lies in
     * {@code 0..classes-1}.
     *
     * @param source the file or resource name used in error messages
     */
    public static int[] readLabels(byte[] content, String source, int classes) {
        try (InputStream in = open(content, source)) {
            int magic = readInt(in, source, "magic number");
            checkMagic(magic, LABELS_MAGIC, source);
            int count = readInt(in, source, "label count");
            if (count < 0 || count > Integer.MAX_VALUE - 8) {
                throw new DatasetException(source + " has an implausible header (" + count
                        + " labels); it is probably not an IDX label file." + REMEDY);
            }
            byte[] raw = new byte[count];
            readPayload(in, raw, source, "labels");
            requireEnd(in, source);
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = raw[i] & 0xFF;
                if (labels[i] >= classes) {
                    throw new DatasetException(source + " is not a valid label file: label " + labels[i]
                            + " at index " + i + " is outside 0.." + (classes - 1) + "." + REMEDY);
                }
            }
            return labels;
        } catch (IOException e) {
            throw unreadable(source, e);
        }
    }

    /** True when {@code content} starts with the gzip magic bytes {@code 1f 8b}. */
    public static boolean isGzip(byte[] content) {
        return content.length >= 2 && (content[0] & 0xFF) == 0x1f && (content[1] & 0xFF) == 0x8b;
    }

    /** Reads a whole file, turning the usual I/O failures into messages a user can act on. */
    static byte[] readFile(Path file) {
        try {
            if (Files.isDirectory(file)) {
                throw new DatasetException(file + " is a directory, expected an IDX file.");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DatasetException("Data file " + file + " does not exist. Check the path, or install the "
                    + "dataset-fashion-mnist package.", e);
        } catch (AccessDeniedException e) {
            throw new DatasetException("Data file " + file + " cannot be read: permission denied. Fix its "
                    + "permissions or copy it somewhere readable.", e);
        } catch (IOException e) {
            throw new DatasetException("Data file " + file + " cannot be read (" + e + ").", e);
        }
    }

    private static InputStream open(byte[] content, String source) throws IOException {
        InputStream raw = new ByteArrayInputStream(content);
        if (!isGzip(content)) {
            return raw;
        }
        try {
            return new GZIPInputStream(raw, 1 << 16);
        } catch (EOFException e) {
            throw new DatasetException(source + " is truncated: the file ends inside its gzip header ("
                    + content.length + " bytes)." + REMEDY, e);
        } catch (ZipException e) {
            throw corruptGzip(source, e);
        }
    }

    private static int readInt(InputStream in, String source, String what) throws IOException {
        byte[] b = new byte[4];
        int n = readFully(in, b, source, "header");
        if (n < 4) {
            throw new DatasetException(source + " is truncated: it ends inside the IDX header (while reading the "
                    + what + "); the file is empty or cut short." + REMEDY);
        }
        return (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
    }

    private static void checkMagic(int magic, int expected, String source) {
        if (magic == expected) {
            return;
        }
        String kind = expected == IMAGES_MAGIC ? "image" : "label";
        String found = magic == IMAGES_MAGIC ? " (that of an image file: were the files swapped?)"
                : magic == LABELS_MAGIC ? " (that of a label file: were the files swapped?)" : "";
        throw new DatasetException(String.format(
                "%s is not an IDX %s file: its magic number is 0x%08X%s, expected 0x%08X.%s",
                source, kind, magic, found, expected, REMEDY));
    }

    private static void readPayload(InputStream in, byte[] dst, String source, String what) throws IOException {
        int n = readFully(in, dst, source, what);
        if (n < dst.length) {
            throw new DatasetException(source + " is truncated: it holds " + n + " of the " + dst.length + " "
                    + what + " its header promises." + REMEDY);
        }
    }

    /**
     * Fills {@code dst} as far as the stream allows and returns how much was read; a gzip stream
     * that stops mid-way is reported as truncation with the count reached so far.
     */
    private static int readFully(InputStream in, byte[] dst, String source, String what) throws IOException {
        int off = 0;
        try {
            while (off < dst.length) {
                int n = in.read(dst, off, dst.length - off);
                if (n < 0) {
                    break;
                }
                off += n;
            }
            return off;
        } catch (EOFException e) {
            throw new DatasetException(source + " is truncated: its gzip stream is cut short after " + off
                    + " of the " + dst.length + " " + what + " expected." + REMEDY, e);
        } catch (ZipException e) {
            throw corruptGzip(source, e);
        }
    }

    private static void requireEnd(InputStream in, String source) throws IOException {
        try {
            // Draining also makes GZIPInputStream read and check the CRC trailer.
            long extra = in.transferTo(OutputStream.nullOutputStream());
            if (extra > 0) {
                throw new DatasetException(source + " has " + extra + " bytes more than its header promises; it "
                        + "is probably not the file it claims to be." + REMEDY);
            }
        } catch (EOFException e) {
            throw new DatasetException(source + " is truncated: its gzip stream is cut short in the trailer."
                    + REMEDY, e);
        } catch (ZipException e) {
            throw corruptGzip(source, e);
        }
    }

    private static DatasetException corruptGzip(String source, ZipException e) {
        return new DatasetException(source + " is a corrupt gzip file (" + e.getMessage() + ")." + REMEDY, e);
    }

    private static DatasetException unreadable(String source, IOException e) {
        return new DatasetException(source + " cannot be read (" + e + ")." + REMEDY, e);
    }
}
