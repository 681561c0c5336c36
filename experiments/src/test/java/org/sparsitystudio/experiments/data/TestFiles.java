package org.sparsitystudio.experiments.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Access to the real Fashion-MNIST bytes the tests cut and corrupt. */
final class TestFiles {

    static final Path DEBIAN = DataSource.DEBIAN_DIRECTORY;

    private TestFiles() {
    }

    static boolean debianPresent() {
        return FashionMnist.FILE_BASE_NAMES.stream().allMatch(b -> Files.isRegularFile(DEBIAN.resolve(b + ".gz")));
    }

    /** A file of the embedded subset as stored (gzipped): real Fashion-MNIST data that is always there. */
    static byte[] embedded(String name) {
        try (InputStream in = TestFiles.class.getResourceAsStream(FashionMnist.EMBEDDED_RESOURCE + "/" + name)) {
            if (in == null) {
                throw new IllegalStateException("embedded resource missing: " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gunzip(byte[] gz) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies the embedded subset (four files and SHA256SUMS) into {@code dir}. */
    static void copyEmbedded(Path dir) throws IOException {
        for (String base : FashionMnist.FILE_BASE_NAMES) {
            Files.write(dir.resolve(base + ".gz"), embedded(base + ".gz"));
        }
        Files.write(dir.resolve(FashionMnist.SUMS_FILE), embedded(FashionMnist.SUMS_FILE));
    }
}
