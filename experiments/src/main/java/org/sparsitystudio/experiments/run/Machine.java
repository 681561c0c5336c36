package org.sparsitystudio.experiments.run;

import org.sparsitystudio.kernels.backend.BackendInfo;

/** What the studio runs on, in words for a status bar, without the caller touching the kernel layer. */
public final class Machine {

    private Machine() {
    }

    /** e.g. "CPU · AVX-512 · 2 threads". */
    public static String backendSummary() {
        return BackendInfo.current().summary();
    }
}
