package org.sparsitystudio.experiments.kinds.monarch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.sparsitystudio.experiments.spi.Matrix;
import org.sparsitystudio.kernels.monarch.MonarchFactors;

class MonarchImagesTest {

    @Test
    void theBlockDiagonalPicturesMakeTheDenseMatrixByTheMonarchDefinition() {
        // 12 → 10 features with b = 3: mIn = 4, mOut = 4 (output padded to 12, truncated to 10)
        Nd4j.getRandom().setSeed(7);
        MonarchFactors f = new MonarchFactors(12, 10, 3, Nd4j.randn(DataType.FLOAT, 3, 4, 4),
                Nd4j.randn(DataType.FLOAT, 4, 3, 3));
        List<Matrix> images = MonarchImages.of(2, f);
        Matrix r = images.get(0);
        Matrix l = images.get(1);
        Matrix m = images.get(2);
        assertEquals(List.of("layer2.R", "layer2.L", "layer2.M"), images.stream().map(Matrix::name).toList());
        assertEquals(12, r.rows());
        assertEquals(12, r.cols());
        assertEquals(12, l.rows());
        assertEquals(10, m.rows());
        assertEquals(12, m.cols());
        int b = 3;
        int mIn = 4;
        int mOut = 4;
        // M[k·mOut + l, i·mIn + j] = L_l[k, i] · R_i[l, j], read off the pictures' diagonal blocks
        for (int k = 0; k < b; k++) {
            for (int ll = 0; ll < mOut; ll++) {
                int row = k * mOut + ll;
                if (row >= 10) {
                    continue;
                }
                for (int i = 0; i < b; i++) {
                    for (int j = 0; j < mIn; j++) {
                        double expected = l.at(ll * b + k, ll * b + i) * r.at(i * mOut + ll, i * mIn + j);
                        assertEquals(expected, m.at(row, i * mIn + j), 1e-5, "M[" + row + "," + (i * mIn + j) + "]");
                    }
                }
            }
        }
        // outside the blocks: NaN, drawn grey
        assertTrue(Float.isNaN(r.at(0, mIn)));
        assertTrue(Float.isNaN(l.at(0, b)));
        assertEquals(f.blkdiag1().getFloat(1, 2, 3), r.at(mOut + 2, mIn + 3));
    }

    @Test
    void largeLayersKeepOnlyTheirFactors() {
        MonarchFactors f = new MonarchFactors(2048, 2048, 32, Nd4j.zeros(DataType.FLOAT, 32, 64, 64),
                Nd4j.zeros(DataType.FLOAT, 64, 32, 32));
        assertEquals(List.of("layer1.R", "layer1.L"), MonarchImages.of(1, f).stream().map(Matrix::name).toList());
    }
}
