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

    /**
     * Uses {@code elementwise} threads for ND4J's element-wise ops and {@code blas} for its matrix
     * products. On small layers element-wise ops lose when split (measured here: the reference MLP's
     * step took 7 ms with two element-wise threads against 2.5 ms with one), while the products
     * still gain from a second core.
     */
    public static void use(int elementwise, int blas) {
        if (elementwise <= 0 || blas <= 0) {
            throw new IllegalArgumentException("thread counts must be positive, got " + elementwise + " and " + blas);
        }
        Nd4j.getEnvironment().setMaxThreads(elementwise);
        Nd4j.getEnvironment().setMaxMasterThreads(elementwise);
        Nd4j.factory().blas().setMaxThreads(blas);
    }

    /** The number of cores the JVM sees. */
    public static int available() {
        return Runtime.getRuntime().availableProcessors();
    }
}
