package org.sparsitystudio.experiments.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.sparsitystudio.experiments.data.DatasetOrigin;
import org.sparsitystudio.kernels.backend.BackendInfo;

/**
 * Everything needed to reproduce a run, as ordered text key/value pairs: the kind, every
 * parameter value (defaults included), the seed, the data set and its checksums, the studio's
 * version and commit, and the machine (JVM, OS, CPU, backend, device, data type, threads). Start
 * and end times are added by whoever runs it.
 */
public final class Provenance {

    private final Map<String, String> entries;

    private Provenance(Map<String, String> entries) {
        this.entries = entries;
    }

    /** Wraps stored entries, e.g. read back from the database. */
    public static Provenance of(Map<String, String> entries) {
        return new Provenance(new LinkedHashMap<>(entries));
    }

    /** Collects the provenance of a run about to start. */
    public static Provenance collect(String kindId, Map<String, String> parameters, long seed, DatasetOrigin data,
            BackendInfo backend, BuildInfo build) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("kind", kindId);
        parameters.forEach((name, value) -> map.put("param." + name, value));
        map.put("seed", Long.toString(seed));
        if (data != null) {
            map.putAll(ofData(data));
        }
        map.put("app.version", build.version());
        map.put("app.commit", build.commit() + (build.dirty() ? " (modified)" : ""));
        map.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        map.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        map.put("cpus", Integer.toString(Runtime.getRuntime().availableProcessors()));
        backend.asMap().forEach((k, v) -> map.put("backend." + k, v));
        return new Provenance(map);
    }

    /**
     * The provenance of a run about to start on this machine, before it has loaded data: kind,
     * every parameter (formatted by its declaration), seed, build and machine.
     */
    public static Provenance forRun(org.sparsitystudio.experiments.spi.ExperimentKind kind,
            org.sparsitystudio.experiments.spi.RunSpec spec) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (org.sparsitystudio.experiments.spi.ParameterSpec p : kind.parameters()) {
            parameters.put(p.name(), p.format(spec.value(p.name())));
        }
        return collect(kind.id(), parameters, spec.seed(), null, BackendInfo.current(), BuildInfo.current());
    }

    /** The entries that describe a data set, to add to a run's provenance once it has loaded it. */
    public static Map<String, String> ofData(DatasetOrigin data) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("data.kind", data.kind().name());
        map.put("data.location", data.location());
        data.sha256().forEach((file, sum) -> map.put("data.sha256." + file, sum));
        map.put("data.trainSize", Integer.toString(data.trainSize()));
        map.put("data.testSize", Integer.toString(data.testSize()));
        return map;
    }

    /** A copy with one more entry (e.g. start or end time). */
    public Provenance with(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(entries);
        copy.put(key, value);
        return new Provenance(copy);
    }

    public Map<String, String> entries() {
        return java.util.Collections.unmodifiableMap(entries);
    }

    /** The parameter values recorded, without the "param." prefix. */
    public Map<String, String> parameters() {
        Map<String, String> out = new LinkedHashMap<>();
        entries.forEach((k, v) -> {
            if (k.startsWith("param.")) {
                out.put(k.substring(6), v);
            }
        });
        return out;
    }

    /** One differing key of two provenance records; a side is null where the key is absent. */
    public record Difference(String key, String left, String right) {
    }

    /** The keys whose values differ between this record and {@code other}, sorted by key. */
    public List<Difference> diff(Provenance other) {
        List<Difference> out = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(entries.keySet());
        keys.addAll(other.entries.keySet());
        for (String key : keys) {
            String a = entries.get(key);
            String b = other.entries.get(key);
            if (!Objects.equals(a, b)) {
                out.add(new Difference(key, a, b));
            }
        }
        return out;
    }
}
