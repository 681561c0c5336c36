package org.sparsitystudio.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user runs it: real training on the embedded subset, real errors. */
class TrainCommandTest {

    @Test
    void trainsOnTheEmbeddedSubsetAndReportsEachEpoch() {
        Cli.Outcome o = Cli.run("train", "--embedded", "--epochs", "2", "--seed", "1");
        assertEquals(0, o.exit(), o.err());
        assertTrue(o.out().contains("embedded") && o.out().contains("not the full data set"), o.out());
        assertTrue(o.out().contains("CPU"), "names the backend: " + o.out());
        Matcher epoch = Pattern.compile("epoch 2/2 .*test acc (\\d+\\.\\d+)%").matcher(o.out());
        assertTrue(epoch.find(), o.out());
        double accuracy = Double.parseDouble(epoch.group(1));
        // 6,000 real images, 2 epochs: far above chance (10%); PyTorch gets about 80% here
        assertTrue(accuracy > 70, "test accuracy " + accuracy);
    }

    @Test
    void badValuesGiveOneLineErrorsWithoutStackTraces() {
        Cli.Outcome o = Cli.run("train", "--epochs", "0");
        assertEquals(1, o.exit());
        assertTrue(o.err().contains("epochs must be positive, got 0"), o.err());
        assertFalse(o.err().contains("\tat "), "no stack trace: " + o.err());

        Cli.Outcome mask = Cli.run("train", "--mask", "3:4x");
        assertEquals(1, mask.exit());
        assertTrue(mask.err().contains("3:4x"), mask.err());
    }

    @Test
    void anUnusableDataDirectoryIsNamedInTheError(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("train-images-idx3-ubyte.gz"), "not a gzip file");
        Cli.Outcome o = Cli.run("train", "--data", dir.toString(), "--epochs", "1");
        assertEquals(1, o.exit());
        assertTrue(o.err().contains(dir.toString()), o.err());
        assertFalse(o.err().contains("\tat "), o.err());
    }
}
