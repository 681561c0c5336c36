package org.sparsitystudio.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsitystudio.experiments.run.MatrixArtifact;
import org.sparsitystudio.experiments.spi.Matrix.Style;
import org.sparsitystudio.experiments.spi.Matrix;

class MatrixRasterTest {

    @Test
    void aMaskDrawsKeptEntriesLightAndPrunedDark() {
        Matrix mask = Matrix.of("m", "a 2:4 row", Style.MASK, new double[][] {{1, 0, 0, 1}, {0, 1, 1, 0}});
        MatrixRaster raster = MatrixRaster.of(mask);
        assertEquals(MatrixRaster.KEPT, raster.pixel(0, 0));
        assertEquals(MatrixRaster.PRUNED, raster.pixel(0, 1));
        assertEquals(MatrixRaster.KEPT, raster.pixel(1, 2));
        assertEquals(MatrixRaster.PRUNED, raster.pixel(1, 3));
    }

    @Test
    void aSignedMatrixIsSymmetricAboutZeroWithWhiteAtZero() {
        Matrix m = Matrix.of("w", "weights", Style.SIGNED, new double[][] {{-2, 0, 1, 2}});
        MatrixRaster raster = MatrixRaster.of(m);
        assertEquals(-2, raster.low());
        assertEquals(2, raster.high());
        assertEquals(0xFFFFFFFF, raster.pixel(0, 1));
        assertEquals(0xFF2166AC, raster.pixel(0, 0), "the most negative value is the scale's blue end");
        assertEquals(0xFFB2182B, raster.pixel(0, 3), "the most positive value is the scale's red end");
        // half way from white (255, 255, 255) to red (178, 24, 43), rounded
        assertEquals(0xFFD98C95, raster.pixel(0, 2));
    }

    @Test
    void aSequentialMatrixSpansItsRangeAndShowsNaNGrey() {
        Matrix m = Matrix.of("d", "density", Style.SEQUENTIAL, new double[][] {{0.2, 0.5}, {0.8, Double.NaN}});
        MatrixRaster raster = MatrixRaster.of(m);
        assertEquals(0.2, raster.low(), 1e-6);
        assertEquals(0.8, raster.high(), 1e-6);
        assertEquals(0xFF440154, raster.pixel(0, 0));
        assertEquals(0xFFFDE725, raster.pixel(1, 0));
        assertEquals(MatrixRaster.NOT_FINITE, raster.pixel(1, 1));
    }

    @Test
    void thePngHasOneCrispSquarePerEntry(@TempDir Path dir) throws Exception {
        Matrix mask = Matrix.of("layer1.mask", "rows: outputs; columns: inputs", Style.MASK,
                new double[][] {{1, 0, 0, 1}, {0, 1, 1, 0}, {1, 1, 0, 0}});
        Path file = dir.resolve("mask.png");
        MatrixImageExporter.writePng(file, mask, 10);
        BufferedImage png = ImageIO.read(file.toFile());
        // the matrix starts at (12, 44); sample the centre and the corners of each square
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                int expected = mask.at(r, c) != 0 ? MatrixRaster.KEPT : MatrixRaster.PRUNED;
                for (int[] d : new int[][] {{0, 0}, {9, 9}, {5, 5}}) {
                    assertEquals(expected, png.getRGB(12 + c * 10 + d[0], 44 + r * 10 + d[1]), "entry " + r + "," + c);
                }
            }
        }
        assertEquals(1, Files.list(dir).count(), "no temporary file is left behind");
        assertThrows(IllegalArgumentException.class, () -> MatrixImageExporter.render(mask, 0));
    }

    @Test
    void matricesSurviveTheirArtifactFile(@TempDir Path dir) {
        Matrix a = Matrix.of("a", "first", Style.MASK, new double[][] {{1, 0}, {0, 1}});
        Matrix b = Matrix.of("b", "second", Style.SEQUENTIAL, new double[][] {{0.5, 0.25, 0.125}});
        Path file = MatrixArtifact.write(dir.resolve("m.safetensors"), List.of(a, b));
        List<Matrix> back = MatrixArtifact.read(file);
        assertEquals(2, back.size());
        assertEquals("first", back.get(0).caption());
        assertEquals(Style.SEQUENTIAL, back.get(1).style());
        assertEquals(3, back.get(1).cols());
        assertEquals(0.125f, back.get(1).at(0, 2));
        assertNotEquals(a.values(), back.get(0).values());
        assertEquals(List.of(1f, 0f, 0f, 1f), List.of(back.get(0).at(0, 0), back.get(0).at(0, 1), back.get(0).at(1, 0),
                back.get(0).at(1, 1)));
    }

    @Test
    void autoScaleKeepsTheImageNearItsTarget() {
        Matrix big = new Matrix("w", "", Style.SIGNED, 300, 784, new float[300 * 784]);
        assertEquals(1, MatrixImageExporter.autoScale(big, 800));
        Matrix small = new Matrix("w", "", Style.SIGNED, 4, 8, new float[32]);
        assertEquals(40, MatrixImageExporter.autoScale(small, 800));
    }
}
