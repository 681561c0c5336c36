package org.sparsitystudio.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.sparsitystudio.charts.BandedLineChart;
import org.sparsitystudio.charts.ChartExporter;
import org.sparsitystudio.charts.ChartOptions;
import org.sparsitystudio.charts.Observation;
import org.sparsitystudio.charts.Series;
import org.sparsitystudio.charts.SeriesPoint;
import org.sparsitystudio.experiments.bench.Bench;
import org.sparsitystudio.experiments.bench.BenchReport;
import org.sparsitystudio.experiments.bench.GemmBench;
import org.sparsitystudio.experiments.bench.MlpTrainingBench;
import org.sparsitystudio.experiments.bench.MonarchBench;
import org.sparsitystudio.experiments.bench.NmBench;
import org.sparsitystudio.experiments.bench.ScanBench;
import org.sparsitystudio.experiments.data.DataSource;
import org.sparsitystudio.experiments.data.FashionMnist;
import org.sparsitystudio.experiments.run.Machine;
import org.sparsitystudio.experiments.training.MaskRecipe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Measures this machine: fp32 GEMM and the reference MLP's training throughput (dense, 90% random
 * mask, 2:4 every step), to compare with shared/peer's PyTorch scripts in the same sitting; or,
 * with {@code --monarch}, the Monarch layer against a dense one (shared/peer/monarch.py), as a
 * table and optionally as a chart of the speed-up over dense against n.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmark GEMM and MLP training on this machine (compare with shared/peer).",
            "With --monarch, only the Monarch vs dense layer benchmark (compare with shared/peer/monarch.py)."})
final class BenchCommand implements Callable<Integer> {

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--threads", defaultValue = "1",
            description = "Backend threads for the MLP workloads (default: ${DEFAULT-VALUE}); with --monarch, "
                    + "the products' threads (default there: all cores, as the peer).")
    private int threads;

    @Option(names = "--gemm", split = ",", defaultValue = "512,1024,2048",
            description = "GEMM sizes; 0 skips GEMM (default: ${DEFAULT-VALUE}).")
    private int[] gemmSizes;

    @Option(names = "--mask", split = ",", defaultValue = "dense,random90,nm24",
            description = "MLP workloads (default: ${DEFAULT-VALUE}).")
    private List<String> masks;

    @Option(names = "--data", description = "Fashion-MNIST directory (default: as for train).")
    private Path data;

    @Option(names = "--json", description = "Also write the report (with --monarch: the machine and the timings) as JSON to this file.")
    private Path json;

    @Option(names = "--monarch", split = ",", paramLabel = "N",
            description = "Instead of GEMM and MLP: time an n × n Monarch layer against a dense one (no bias, fp32), "
                    + "forward and forward+backward, at these n, e.g. 1024,2048,4096.")
    private int[] monarchSizes;

    @Option(names = "--batch", defaultValue = "256",
            description = "Rows per call for --monarch (default: ${DEFAULT-VALUE}, as the peer).")
    private int batch;

    @Option(names = "--blocks", defaultValue = "0",
            description = "Monarch blocks b for --monarch; 0: √n rounded to a power of two (default: ${DEFAULT-VALUE}).")
    private int blocks;

    @Option(names = "--scan", description = "Instead of GEMM and MLP: time the Mamba selective scan forward and "
            + "forward+backward as shared/peer/selective_scan.py does (batch 8, length 256, width 128, state 16).")
    private boolean scan;

    @Option(names = "--nm", split = ",", paramLabel = "N:M",
            description = "Instead of GEMM and MLP: time the compressed N:M product against the dense product of "
                    + "the same shape (batch --batch) at these patterns, e.g. 2:4,1:8,1:32, at n = --nm-sizes.")
    private List<String> nmPatterns;

    @Option(names = "--nm-sizes", split = ",", defaultValue = "1024,4096", paramLabel = "N",
            description = "Layer sizes n × n for --nm (default: ${DEFAULT-VALUE}).")
    private int[] nmSizes;

    @Option(names = "--png", description = "With --monarch or --nm: the speed-up chart as PNG (300 DPI, 7 in wide).")
    private Path png;

    @Option(names = "--csv", description = "With --monarch or --nm: the speed-ups plotted, as CSV.")
    private Path csv;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (monarchSizes != null) {
            return monarch(out);
        }
        if (scan) {
            return scan(out);
        }
        if (nmPatterns != null) {
            return nm(out);
        }
        if (png != null || csv != null) {
            throw new IllegalArgumentException("--png and --csv chart the Monarch or N:M benchmark: add --monarch N,N,... "
                    + "or --nm 2:4,1:8,...");
        }
        List<MaskRecipe> recipes = new ArrayList<>();
        for (String mask : masks) {
            recipes.add(MaskRecipe.parse(mask));
        }
        int[] sizes = java.util.Arrays.stream(gemmSizes).filter(n -> n > 0).toArray();
        FashionMnist dataset = FashionMnist.load(DataSource.resolve(data));
        out.println("data: " + dataset.origin().describe());
        out.flush();
        BenchReport report = Bench.run(dataset, threads, sizes, recipes, line -> {
            out.println(line);
            out.flush();
        });
        print(out, report);
        if (json != null) {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), report);
            out.println("wrote " + json);
        }
        return 0;
    }

    /** The selective scan on {@code --threads} threads, with the peer's workload and protocol. */
    private int scan(PrintWriter out) throws IOException {
        out.println(Machine.backendSummary() + ", scan threads " + threads);
        out.flush();
        ScanBench.Result r = ScanBench.run(threads);
        out.printf(Locale.ROOT, "selective scan b%d L%d E%d N%d: forward %.2f ms, forward+backward %.2f ms%n", r.batch(),
                r.length(), r.channels(), r.states(), r.forwardMillis(), r.forwardBackwardMillis());
        if (json != null) {
            java.nio.file.Files.writeString(json, r.toJson() + "\n");
            out.println("wrote " + json);
        }
        return 0;
    }

    /** The compressed N:M product against dense, with the FLOP reduction beside each speed-up. */
    private int nm(PrintWriter out) throws IOException {
        out.println(Machine.backendSummary() + ", BLAS threads " + threads + ", N:M kernel threads "
                + java.util.concurrent.ForkJoinPool.getCommonPoolParallelism());
        out.flush();
        if (nmPatterns.isEmpty()) {
            throw new IllegalArgumentException("--nm needs patterns, e.g. --nm 2:4,1:8,1:32");
        }
        List<NmBench.Result> results = NmBench.run(batch, nmSizes, nmPatterns, threads);
        out.print(NmBench.table(results));
        String machine = Machine.backendSummary() + ", BLAS threads " + threads + ", N:M kernel threads "
                + java.util.concurrent.ForkJoinPool.getCommonPoolParallelism();
        if (png != null || csv != null) {
            List<Observation> points = new ArrayList<>();
            for (NmBench.Result r : results) {
                points.add(new Observation("measured, n = " + r.n(), r.flopReduction(), r.speedup()));
            }
            for (NmBench.Result r : results) {
                points.add(new Observation("FLOP reduction M/N (the most skipping could gain)", r.flopReduction(),
                        r.flopReduction()));
            }
            List<Series> series = Series.aggregate(points);
            if (png != null) {
                ChartOptions options = new ChartOptions("Compressed N:M product vs dense", "M/N (2:4 → 2, 1:8 → 8, "
                        + "1:32 → 32; log scale)", "Speed-up over dense (×, log scale)", true, ChartOptions.Band.NONE);
                JFreeChart chart = BandedLineChart.build(series, options);
                chart.addSubtitle(new TextTitle(String.format(Locale.ROOT,
                        "batch %d, fp32, forward only; median of 9 calls; measured on %s", batch, machine),
                        new Font(Font.SANS_SERIF, Font.PLAIN, 10)));
                XYPlot plot = chart.getXYPlot();
                plot.setDomainAxis(powersOfTwo(plot.getDomainAxis(), new DecimalFormat("0"), series, false));
                plot.setRangeAxis(powersOfTwo(plot.getRangeAxis(), new DecimalFormat("0.###"), series, true));
                plot.addRangeMarker(breakEven());
                ChartExporter.png(chart, ChartExporter.Size.DOUBLE_COLUMN, png);
                out.println("wrote " + png.toAbsolutePath());
            }
            if (csv != null) {
                ChartExporter.csv(series, "flop_reduction", "speedup", csv);
                out.println("wrote " + csv.toAbsolutePath());
            }
        }
        if (json != null) {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), results);
            out.println("wrote " + json);
        }
        return 0;
    }

    /**
     * The Monarch benchmark: products on all cores as the peer's default (or {@code --threads}
     * when given), element-wise ops and copies on one thread as {@link MonarchBench#main} does.
     */
    private int monarch(PrintWriter out) throws IOException {
        boolean threadsGiven = spec.commandLine().getParseResult().hasMatchedOption("--threads");
        int blas = threadsGiven ? threads : Runtime.getRuntime().availableProcessors();
        String machine = Machine.backendSummary() + ", BLAS threads " + blas + ", element-wise threads 1";
        out.println(machine);
        out.flush();
        List<MonarchBench.Result> results = MonarchBench.run(batch, monarchSizes, blocks, blas, 1, r -> {
            out.printf(Locale.ROOT, "monarch n=%d b=%d: forward %.2fx, forward+backward %.2fx (FLOPs %.1fx fewer)%n",
                    r.n(), r.blocks(), r.forwardSpeedup(), r.trainSpeedup(), r.flopRatio());
            out.flush();
        });
        out.println();
        out.print(MonarchBench.table(results));
        if (png != null || csv != null) {
            List<Series> series = speedupSeries(results);
            if (png != null) {
                ChartExporter.png(speedupChart(series, String.format(Locale.ROOT,
                        "batch %d, fp32, no bias; median of %d alternating calls; %s", batch, MonarchBench.REPEATS,
                        machine)), ChartExporter.Size.DOUBLE_COLUMN, png);
                out.println("wrote " + png.toAbsolutePath());
            }
            if (csv != null) {
                ChartExporter.csv(series, "layer_size", "speedup", csv);
                out.println("wrote " + csv.toAbsolutePath());
            }
        }
        if (json != null) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("machine", machine);
            report.put("results", results);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), report);
            out.println("wrote " + json);
        }
        out.flush();
        return 0;
    }

    /**
     * The charts module's line chart with both axes in powers of two, so that the measured n are
     * the ticks and the speed-ups (around 1) and the FLOP ratio (16 to 32) are both readable; a
     * grey line marks break-even and the FLOP ratio is dashed, a reference rather than a measurement.
     */
    /** The line at a speed-up of 1, labelled, for the speed-up charts. */
    private static ValueMarker breakEven() {
        ValueMarker marker = new ValueMarker(1.0, Color.GRAY, new BasicStroke(1f));
        marker.setLabel("as fast as dense");
        marker.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 9));
        marker.setLabelPaint(Color.GRAY);
        marker.setLabelBackgroundColor(new Color(0, 0, 0, 0));
        marker.setLabelAnchor(RectangleAnchor.TOP_LEFT);
        marker.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
        return marker;
    }

    private static JFreeChart speedupChart(List<Series> series, String subtitle) {
        ChartOptions options = new ChartOptions("Monarch speed-up over dense vs n", "Layer size n (in = out, log scale)",
                "Speed-up over dense (×, log scale)", true, ChartOptions.Band.NONE);
        JFreeChart chart = BandedLineChart.build(series, options);
        chart.addSubtitle(new TextTitle(subtitle, new Font(Font.SANS_SERIF, Font.PLAIN, 10)));
        XYPlot plot = chart.getXYPlot();
        plot.setDomainAxis(powersOfTwo(plot.getDomainAxis(), new DecimalFormat("0"), series, false));
        plot.setRangeAxis(powersOfTwo(plot.getRangeAxis(), new DecimalFormat("0.###"), series, true));
        plot.addRangeMarker(breakEven());
        plot.getRenderer().setSeriesStroke(2, new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                new float[] {6f, 3f}, 0f));
        return chart;
    }

    /**
     * A base-2 log axis ticked at every power of two, spanning the powers of two around the data
     * (y, where 1 is always shown) or the data itself (x), with a little room either side.
     */
    private static LogAxis powersOfTwo(ValueAxis like, DecimalFormat format, List<Series> series, boolean y) {
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (SeriesPoint p : s.points()) {
                double v = y ? p.mean() : p.x();
                if (v > 0) {
                    low = Math.min(low, v);
                    high = Math.max(high, v);
                }
            }
        }
        if (y) {
            low = Math.min(1, Math.pow(2, Math.floor(log2(low))));
            high = Math.max(1, Math.pow(2, Math.ceil(log2(high))));
        }
        LogAxis axis = new LogAxis(like.getLabel());
        axis.setBase(2);
        axis.setTickUnit(new NumberTickUnit(1));
        axis.setNumberFormatOverride(format);
        axis.setLabelFont(like.getLabelFont());
        axis.setTickLabelFont(like.getTickLabelFont());
        axis.setSmallestValue(1e-6);
        if (low < high) {
            double room = Math.pow(2, 0.12 * Math.max(1, log2(high / low)));
            axis.setRange(low / room, high * room);
        }
        return axis;
    }

    private static double log2(double v) {
        return Math.log(v) / Math.log(2);
    }

    /** Forward, forward+backward and, for reference, the FLOP ratio, each against n. */
    private static List<Series> speedupSeries(List<MonarchBench.Result> results) {
        List<Observation> points = new ArrayList<>();
        for (MonarchBench.Result r : results) {
            points.add(new Observation("forward", r.n(), r.forwardSpeedup()));
        }
        for (MonarchBench.Result r : results) {
            points.add(new Observation("forward+backward", r.n(), r.trainSpeedup()));
        }
        for (MonarchBench.Result r : results) {
            points.add(new Observation("FLOP ratio (dense / Monarch)", r.n(), r.flopRatio()));
        }
        return Series.aggregate(points);
    }

    private static void print(PrintWriter out, BenchReport report) {
        out.println();
        out.println("backend: " + report.backend());
        for (GemmBench.Result r : report.gemm()) {
            out.printf(Locale.ROOT, "GEMM n=%-5d %8.2f ms  %7.1f GFLOP/s%n", r.n(), r.medianMillis(), r.gflops());
        }
        out.printf(Locale.ROOT, "%-32s %12s %9s %9s   %s%n", "MLP 784-300-100-10, batch 128", "samples/s", "ms/step",
                "test acc", "ms/step by phase");
        for (MlpTrainingBench.Result r : report.mlp()) {
            StringBuilder phases = new StringBuilder();
            r.phaseMillis().forEach((phase, ms) -> phases.append(String.format(Locale.ROOT, "%s %.3f  ",
                    phase.name().toLowerCase(Locale.ROOT), ms)));
            out.printf(Locale.ROOT, "%-32s %12.0f %9.3f %9.4f   %s%n", r.mask(), r.samplesPerSecond(), r.millisPerStep(),
                    r.testAccuracy(), phases.toString().trim());
        }
        out.flush();
    }
}
