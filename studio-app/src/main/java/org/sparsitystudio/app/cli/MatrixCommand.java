package org.sparsitystudio.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sparsitystudio.app.study.RunMatrices;
import org.sparsitystudio.charts.MatrixImageExporter;
import org.sparsitystudio.experiments.spi.Matrix;
import org.sparsitystudio.persistence.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Lists the matrices a run kept (N:M masks, Monarch factors, density tables) or writes them as
 * PNG images, one square per entry.
 */
@Command(name = "matrix", mixinStandardHelpOptions = true,
        description = "List a run's matrices (masks, Monarch factors, density tables) or write them as PNG.")
final class MatrixCommand implements Callable<Integer> {

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    private DatabaseOption database;

    @Parameters(index = "0", paramLabel = "RUN", description = "Run id, as listed by 'runs'.")
    private long runId;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME",
            description = "The matrix to write (default: all of them, with --png naming a folder).")
    private String name;

    @Option(names = "--png", description = "PNG file for NAME, or a folder for all matrices (NAME.png each).")
    private Path png;

    @Option(names = "--scale", description = "Pixels per entry, 1 to 64 (default: about 800 pixels on the longer side).")
    private Integer scale;

    @Option(names = "--crop", paramLabel = "ROW,COL,ROWS,COLS",
            description = "Draw only this block, e.g. 0,0,16,64 for the top-left 16 × 64 entries.")
    private String crop;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (scale != null && (scale < 1 || scale > MatrixImageExporter.MAX_SCALE)) {
            throw new IllegalArgumentException("--scale is 1 to " + MatrixImageExporter.MAX_SCALE
                    + " pixels per entry, got " + scale);
        }
        int[] block = crop == null ? null : parseCrop(crop);
        try (Database db = database.open()) {
            db.runs().find(runId).orElseThrow(() -> new IllegalArgumentException(
                    "no run " + runId + " in " + db.url() + " (see 'runs STUDY')"));
            RunMatrices found = RunMatrices.load(db, runId);
            found.problems().forEach(p -> out.println("cannot read: " + p));
            if (found.matrices().isEmpty()) {
                out.println("run " + runId + " kept no matrices");
                out.flush();
                return found.problems().isEmpty() ? 0 : 1;
            }
            List<Matrix> chosen = found.matrices();
            if (name != null) {
                chosen = List.of(found.find(name).orElseThrow(() -> new IllegalArgumentException("run " + runId
                        + " has no matrix " + name + "; it has " + found.matrices().stream().map(Matrix::name).toList())));
            }
            if (block != null) {
                chosen = chosen.stream().map(m -> m.crop(block[0], block[1], block[2], block[3])).toList();
            }
            if (png == null) {
                for (Matrix m : chosen) {
                    out.printf(Locale.ROOT, "%-26s %5d × %-5d %-10s %s%n", m.name(), m.rows(), m.cols(),
                            m.style().name().toLowerCase(Locale.ROOT), m.caption());
                }
            } else if (name == null) {
                Files.createDirectories(png);
                for (Matrix m : chosen) {
                    write(out, m, png.resolve(m.name() + ".png"));
                }
            } else {
                write(out, chosen.get(0), png);
            }
        }
        out.flush();
        return 0;
    }

    private static int[] parseCrop(String text) {
        String[] parts = text.split(",");
        if (parts.length != 4) {
            throw new IllegalArgumentException("--crop is ROW,COL,ROWS,COLS, got " + text);
        }
        int[] v = new int[4];
        try {
            for (int i = 0; i < 4; i++) {
                v[i] = Integer.parseInt(parts[i].trim());
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--crop is four whole numbers ROW,COL,ROWS,COLS, got " + text);
        }
        return v;
    }

    private void write(PrintWriter out, Matrix m, Path file) throws java.io.IOException {
        int pixels = scale != null ? scale : MatrixImageExporter.autoScale(m, 800);
        if ((long) Math.max(m.rows(), m.cols()) * pixels > 16_384) {
            throw new IllegalArgumentException(m.name() + " is " + m.rows() + " × " + m.cols() + ": at --scale "
                    + pixels + " it would be wider than 16384 pixels");
        }
        MatrixImageExporter.writePng(file, m, pixels);
        out.println("wrote " + file.toAbsolutePath());
    }
}
