package org.sparsitystudio.app.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.sparsitystudio.app.study.AxisChoice;
import org.sparsitystudio.app.study.RunData;
import org.sparsitystudio.app.study.StoredStudy;
import org.sparsitystudio.app.study.StudyPlot;
import org.sparsitystudio.charts.Observation;
import org.sparsitystudio.charts.Series;
import org.sparsitystudio.experiments.run.RunStatus;
import org.sparsitystudio.experiments.spi.ChartSpec;
import org.sparsitystudio.experiments.spi.ExperimentKind;
import org.sparsitystudio.persistence.Database;
import org.sparsitystudio.persistence.RunRecord;

/**
 * Studies side by side: their curves overlaid on one chart (one colour per study), the settings in
 * which they differ (from each study's provenance), and, for the first two, a paired comparison of
 * the chart's result over the runs that match in seed and in every other setting.
 */
public final class CompareViewModel {

    /**
     * One study to compare.
     *
     * @param label   "#12 name", the prefix of its series
     * @param stored  its runs
     * @param metrics its per-step metrics
     * @param provenance the provenance of its first started run (empty if none started)
     */
    public record Entry(String label, StoredStudy stored, StudyPlot.MetricSource metrics, Map<String, String> provenance) {
    }

    /**
     * A setting that differs between the studies.
     *
     * @param key    provenance key or parameter name
     * @param values one value per study, in order
     */
    public record Difference(String key, List<String> values) {
    }

    /**
     * What the compare view shows.
     *
     * @param plot        the overlaid chart
     * @param differences settings that differ
     * @param paired      the paired comparison of the first two studies, or {@code null}
     * @param pairingNote which settings define the pairs
     */
    public record Comparison(StudyPlot.Plot plot, List<Difference> differences, PairedComparison paired,
            String pairingNote) {
    }

    private final ExperimentKind kind;
    private final List<Entry> entries;

    public CompareViewModel(ExperimentKind kind, List<Entry> entries) {
        if (entries.size() < 2) {
            throw new IllegalArgumentException("pick at least two studies to compare");
        }
        for (Entry e : entries) {
            if (!e.stored().study().kindId().equals(kind.id())) {
                throw new IllegalArgumentException("study " + e.label() + " is of kind " + e.stored().study().kindId()
                        + ", not " + kind.id() + ": only studies of one kind compare on one chart");
            }
        }
        this.kind = kind;
        this.entries = List.copyOf(entries);
    }

    /** Reads studies {@code ids} from {@code db}. */
    public static CompareViewModel load(Database db, org.sparsitystudio.experiments.spi.ExperimentKinds kinds,
            List<Long> ids) {
        List<Entry> entries = new ArrayList<>();
        String kindId = null;
        for (long id : ids) {
            StoredStudy stored = StoredStudy.load(db, id);
            kindId = kindId == null ? stored.study().kindId() : kindId;
            Map<String, String> provenance = Map.of();
            for (RunRecord r : stored.runs()) {
                Map<String, String> p = db.runs().provenance(r.id());
                if (!p.isEmpty()) {
                    provenance = p;
                    break;
                }
            }
            entries.add(new Entry("#" + id + " " + stored.study().name(), stored, stored.metricSource(db), provenance));
        }
        if (kindId == null) {
            throw new IllegalArgumentException("pick at least two studies to compare");
        }
        String wanted = kindId;
        ExperimentKind kind = kinds.find(wanted).orElseThrow(() -> new IllegalArgumentException(
                "this studio does not know the kind " + wanted));
        return new CompareViewModel(kind, entries);
    }

    public ExperimentKind kind() {
        return kind;
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The comparison of chart {@code chartIndex} of the kind, seen through {@code axis}. */
    public Comparison compare(int chartIndex, AxisChoice axis) {
        ChartSpec chart = kind.charts().get(chartIndex);
        List<Observation> points = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Entry e : entries) {
            points.addAll(StudyPlot.observations(kind, chart, e.stored().runData(), e.metrics(), axis, Set.of(),
                    e.label() + " · ", notes));
        }
        List<Series> series = Series.aggregate(points);
        StudyPlot.Plot plot = new StudyPlot.Plot(series, StudyPlot.options(kind, chart, axis),
                String.join("; ", new LinkedHashSet<>(notes)));
        PairedComparison paired = null;
        String pairingNote = "";
        if (!chart.x().equals(ChartSpec.STEP) && !chart.pairsMetricsByStep()) {
            Pairs pairs = pairs(entries.get(0).stored().runData(), entries.get(1).stored().runData(), chart.y());
            double scale = "fraction".equals(StudyPlot.unit(kind, chart.y())) ? 100 : 1;
            double[] a = pairs.a.stream().mapToDouble(v -> scale * v).toArray();
            double[] b = pairs.b.stream().mapToDouble(v -> scale * v).toArray();
            paired = PairedComparison.of(a, b);
            pairingNote = "Pairs: runs of " + entries.get(0).label() + " and " + entries.get(1).label()
                    + " with the same seed" + (pairs.matchedOn.isEmpty() ? "" : " and " + String.join(", ", pairs.matchedOn))
                    + (pairs.compared.isEmpty() ? "" : "; compared: " + String.join(", ", pairs.compared));
        }
        return new Comparison(plot, differences(), paired, pairingNote);
    }

    private record Pairs(List<Double> a, List<Double> b, List<String> matchedOn, List<String> compared) {
    }

    /**
     * Matches completed runs of two studies: a parameter that is constant within each study but
     * differs between them is what is compared; every other parameter and the seed must match.
     */
    static Pairs pairs(List<RunData> first, List<RunData> second, String result) {
        Set<String> names = new LinkedHashSet<>();
        first.forEach(r -> names.addAll(r.parameters().keySet()));
        List<String> compared = new ArrayList<>();
        List<String> matchedOn = new ArrayList<>();
        for (String name : names) {
            Set<String> inFirst = values(first, name);
            Set<String> inSecond = values(second, name);
            if (inFirst.size() == 1 && inSecond.size() == 1 && !inFirst.equals(inSecond)) {
                compared.add(name);
            } else if (inFirst.size() > 1 || inSecond.size() > 1) {
                matchedOn.add(name);
            }
        }
        Map<String, Double> byKey = new LinkedHashMap<>();
        for (RunData r : first) {
            Double y = r.results().get(result);
            if (r.status() == RunStatus.COMPLETED && y != null) {
                byKey.put(key(r, compared), y);
            }
        }
        List<Double> a = new ArrayList<>();
        List<Double> b = new ArrayList<>();
        for (RunData r : second) {
            Double y = r.results().get(result);
            Double partner = byKey.get(key(r, compared));
            if (r.status() == RunStatus.COMPLETED && y != null && partner != null) {
                a.add(partner);
                b.add(y);
            }
        }
        return new Pairs(a, b, matchedOn, compared);
    }

    private static Set<String> values(List<RunData> runs, String name) {
        Set<String> out = new LinkedHashSet<>();
        runs.forEach(r -> out.add(String.valueOf(r.parameters().get(name))));
        return out;
    }

    private static String key(RunData r, List<String> ignored) {
        Map<String, String> rest = new TreeMap<>(r.parameters());
        ignored.forEach(rest::remove);
        return rest + "|seed=" + r.seed();
    }

    /**
     * Settings whose values are not all the same: each study's parameters (all values its runs
     * take) and the provenance of its first run (code version, backend, data checksums...).
     */
    List<Difference> differences() {
        Set<String> keys = new LinkedHashSet<>();
        List<Map<String, String>> all = new ArrayList<>();
        for (Entry e : entries) {
            Map<String, String> flat = new TreeMap<>();
            for (String name : kind.parameters().stream().map(p -> p.name()).toList()) {
                flat.put(name, String.join(", ", values(e.stored().runData(), name)));
            }
            e.provenance().forEach((k, v) -> {
                boolean perRun = k.startsWith("param.") || k.equals("seed") || k.endsWith("At") || k.startsWith("result.");
                if (!perRun) {
                    flat.put(k, v);
                }
            });
            all.add(flat);
            keys.addAll(flat.keySet());
        }
        List<Difference> out = new ArrayList<>();
        for (String key : keys) {
            List<String> values = all.stream().map(m -> m.getOrDefault(key, "—")).toList();
            if (values.stream().distinct().count() > 1) {
                out.add(new Difference(key, values));
            }
        }
        return out;
    }
}
