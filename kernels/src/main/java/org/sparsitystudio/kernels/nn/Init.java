package org.sparsitystudio.kernels.nn;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Seeded parameter initialisation drawn in Java, so the same seed gives the same weights on every
 * ND4J backend (CPU and CUDA random generators differ).
 */
public final class Init {

    private Init() {
    }

    /** Uniform in [−bound, bound). */
    public static INDArray uniform(DataType type, SplittableRandom rng, double bound, long... shape) {
        double[] values = new double[Math.toIntExact(product(shape))];
        for (int i = 0; i < values.length; i++) {
            values[i] = (2 * rng.nextDouble() - 1) * bound;
        }
        return Nd4j.create(values, shape, DataType.DOUBLE).castTo(type);
    }

    /** Normal with mean 0 and standard deviation {@code std}. */
    public static INDArray normal(DataType type, SplittableRandom rng, double std, long... shape) {
        double[] values = new double[Math.toIntExact(product(shape))];
        for (int i = 0; i < values.length; i += 2) {
            // Box–Muller: two independent normals per pair of uniforms
            double u1 = 1.0 - rng.nextDouble();
            double u2 = rng.nextDouble();
            double r = Math.sqrt(-2 * Math.log(u1));
            values[i] = std * r * Math.cos(2 * Math.PI * u2);
            if (i + 1 < values.length) {
                values[i + 1] = std * r * Math.sin(2 * Math.PI * u2);
            }
        }
        return Nd4j.create(values, shape, DataType.DOUBLE).castTo(type);
    }

    private static long product(long... shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        return n;
    }
}
