package org.sparsitystudio.kernels.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A description of the ND4J backend in use, for provenance records and the status bar.
 *
 * @param backend    {@code cpu} or {@code cuda}
 * @param device     CPU model or GPU name
 * @param cpuFeatures the widest SIMD extension the CPU offers (e.g. {@code AVX-512}), or empty
 * @param threads    ND4J's element-wise thread count
 * @param blasThreads BLAS thread count
 * @param blasVendor  the BLAS library ND4J calls
 * @param dataType   ND4J's default floating-point type
 * @param nd4jClass  the backend class that was loaded
 */
public record BackendInfo(String backend, String device, String cpuFeatures, int threads, int blasThreads,
        String blasVendor, String dataType, String nd4jClass) {

    /** Reads the description from the loaded backend (loading it if needed). */
    public static BackendInfo current() {
        String backendClass = Nd4j.getBackend().getClass().getName();
        boolean cuda = backendClass.toLowerCase(java.util.Locale.ROOT).contains("cuda");
        String device = cuda ? gpuName().orElse("CUDA device") : cpuModel().orElse(System.getProperty("os.arch"));
        String vendor;
        int blasThreads;
        try {
            vendor = String.valueOf(Nd4j.factory().blas().getBlasVendor());
            blasThreads = Nd4j.factory().blas().getMaxThreads();
        } catch (RuntimeException e) {
            vendor = "unknown";
            blasThreads = -1;
        }
        // ND4J M2.1 ignores setMaxThreads for the count it reports; the master-thread limit is what
        // bounds element-wise parallelism (measured: halving it doubled an element-wise op's time)
        int threads = Math.min(Nd4j.getEnvironment().maxThreads(), Nd4j.getEnvironment().maxMasterThreads());
        return new BackendInfo(cuda ? "cuda" : "cpu", device, cuda ? "" : simdLevel(), threads,
                blasThreads, vendor, Nd4j.dataType().name(), backendClass);
    }

    /** A short line for a status bar, e.g. "CPU · AVX-512 · 1 thread". */
    public String summary() {
        String threadsText = threads + (threads == 1 ? " thread" : " threads");
        if ("cuda".equals(backend)) {
            return "CUDA · " + device;
        }
        return "CPU · " + (cpuFeatures.isEmpty() ? device : cpuFeatures) + " · " + threadsText;
    }

    /** The fields as ordered key/value pairs for a provenance record. */
    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("backend", backend);
        map.put("device", device);
        map.put("cpuFeatures", cpuFeatures);
        map.put("threads", Integer.toString(threads));
        map.put("blasThreads", Integer.toString(blasThreads));
        map.put("blasVendor", blasVendor);
        map.put("dataType", dataType);
        map.put("nd4jBackend", nd4jClass);
        return map;
    }

    private static Optional<String> cpuModel() {
        return cpuinfoField("model name");
    }

    private static String simdLevel() {
        String flags = cpuinfoField("flags").orElse("");
        if (flags.contains("avx512f")) {
            return "AVX-512";
        }
        if (flags.contains("avx2")) {
            return "AVX2";
        }
        if (flags.contains("avx")) {
            return "AVX";
        }
        return flags.isEmpty() ? "" : "SSE";
    }

    private static Optional<String> cpuinfoField(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith(key)) {
                    int colon = line.indexOf(':');
                    return Optional.of(line.substring(colon + 1).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: the caller falls back to a generic name
        }
        return Optional.empty();
    }

    private static Optional<String> gpuName() {
        try {
            Object name = Nd4j.getExecutioner().getEnvironmentInformation().get("cuda.device.name");
            return Optional.ofNullable(name).map(Object::toString);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
