package org.sparsitystudio.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jfree.chart.JFreeChart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exported files parse as what they claim to be, at the promised size, with the plotted numbers. */
class ChartExporterTest {

    private static List<Series> series() {
        return Series.aggregate(List.of(new Observation("width=1 · distribution=erk", 0, 88),
                new Observation("width=1 · distribution=erk", 90, 83), new Observation("width=1 · distribution=erk", 90, 85),
                new Observation("width=1 · distribution=uniform", 0, 87.5), new Observation("width=1 · distribution=uniform", 90, 81)));
    }

    private static JFreeChart chart() {
        return BandedLineChart.build(series(),
                new ChartOptions("Test accuracy vs sparsity", "Sparsity (%)", "Test accuracy (%)", false, true));
    }

    @Test
    void pngIsThePaperSizeAt300Dpi(@TempDir Path dir) throws Exception {
        Path single = dir.resolve("single.png");
        ChartExporter.png(chart(), ChartExporter.Size.SINGLE_COLUMN, single);
        BufferedImage image = ImageIO.read(single.toFile());
        assertEquals(1050, image.getWidth(), "3.5 in at 300 DPI");
        assertEquals(780, image.getHeight());
        Path wide = dir.resolve("double.png");
        ChartExporter.png(chart(), ChartExporter.Size.DOUBLE_COLUMN, wide);
        assertEquals(2100, ImageIO.read(wide.toFile()).getWidth(), "7 in at 300 DPI");
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary files left behind");
        }
    }

    @Test
    void svgIsAnXmlDocumentWithTheTitle(@TempDir Path dir) throws Exception {
        Path svg = dir.resolve("chart.svg");
        ChartExporter.svg(chart(), ChartExporter.Size.DOUBLE_COLUMN, svg);
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        // the SVG names its DTD; a parse must not try to download it
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        var document = factory.newDocumentBuilder().parse(svg.toFile());
        assertEquals("svg", document.getDocumentElement().getTagName());
        assertTrue(Files.readString(svg).contains("Test accuracy vs sparsity"));
    }

    @Test
    void csvHoldsExactlyThePlottedNumbers(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("chart.csv");
        ChartExporter.csv(series(), "sparsity", "accuracy", csv);
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(Files.newBufferedReader(csv)).getRecords();
        assertEquals(4, rows.size());
        CSVRecord band = rows.get(1);
        assertEquals("width=1 · distribution=erk", band.get("series"));
        assertEquals(90, Double.parseDouble(band.get("sparsity")));
        assertEquals(84, Double.parseDouble(band.get("accuracy_mean")), 1e-9);
        assertEquals(83, Double.parseDouble(band.get("accuracy_min")), 1e-9);
        assertEquals(85, Double.parseDouble(band.get("accuracy_max")), 1e-9);
        assertEquals("2", band.get("n"));
    }

    @Test
    void pngAtAChosenSizeAndResolutionCarriesItsDpi(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("chosen.png");
        ChartExporter.png(chart(), 4.0, 2.5, 150, png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(600, image.getWidth());
        assertEquals(375, image.getHeight());
        try (var in = ImageIO.createImageInputStream(png.toFile())) {
            var reader = ImageIO.getImageReadersByFormatName("png").next();
            reader.setInput(in);
            var tree = (javax.imageio.metadata.IIOMetadataNode) reader.getImageMetadata(0)
                    .getAsTree("javax_imageio_png_1.0");
            var phys = (javax.imageio.metadata.IIOMetadataNode) tree.getElementsByTagName("pHYs").item(0);
            assertEquals(Math.round(150 / 0.0254), Long.parseLong(phys.getAttribute("pixelsPerUnitXAxis")));
        }
        assertThrows(IllegalArgumentException.class, () -> ChartExporter.png(chart(), 4.0, 2.5, 5000, png));
    }

    @Test
    void pdfIsOnePageWithTheChart(@TempDir Path dir) throws Exception {
        Path pdf = dir.resolve("chart.pdf");
        ChartExporter.pdf(chart(), ChartExporter.Size.SINGLE_COLUMN, pdf);
        byte[] bytes = Files.readAllBytes(pdf);
        assertEquals("%PDF", new String(bytes, 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
        String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(text.contains("/Type /Page"), "has a page");
        assertTrue(text.trim().endsWith("%%EOF"));
    }

    @Test
    void standardDeviationBandSpansMeanPlusMinusStd() {
        JFreeChart drawn = BandedLineChart.build(series(),
                new ChartOptions("t", "x", "y", false, ChartOptions.Band.STD));
        var data = (org.jfree.data.xy.XYIntervalSeriesCollection) drawn.getXYPlot().getDataset();
        double std = Math.sqrt(2);
        assertEquals(84 - std, data.getStartYValue(0, 1), 1e-9);
        assertEquals(84 + std, data.getEndYValue(0, 1), 1e-9);
        BandedLineChart.update(drawn, series().subList(0, 1), ChartOptions.Band.NONE);
        data = (org.jfree.data.xy.XYIntervalSeriesCollection) drawn.getXYPlot().getDataset();
        assertEquals(1, data.getSeriesCount());
        assertEquals(84, data.getEndYValue(0, 1), 1e-9);
    }
}
