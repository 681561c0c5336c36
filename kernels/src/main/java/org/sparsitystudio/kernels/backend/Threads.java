package org.sparsitystudio.kernels.backend;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Sets how many threads ND4J's element-wise ops and its BLAS use. Small layers run fastest on one
 * thread (thread hand-off costs more than the work), large GEMMs on all cores; workloads choose.
 */
public final class Threads {

    private Threads() {
    }

    /** Uses {@code n} threads for both element-wise ops and BLAS. */
    public static void use(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("thread count must be positive, got " + n);
        }
        Nd4j.getEnvironment().setMaxThreads(n);
        Nd4j.getEnvironment().setMaxMasterThreads(n);
        Nd4j.factory().blas().setMaxThreads(n);
    }

    /** The number of cores the JVM sees. */
    public static int available() {
        return Runtime.getRuntime().availableProcessors();
    }
}
