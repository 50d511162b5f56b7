package org.qalyptus.charts;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.general.DefaultPieDataset;
import org.qalyptus.spi.ExtensionException;
import org.qalyptus.spi.app.AppModel.ImageRequest;

/**
 * Draws a chart object's data with JFreeChart: bar and line charts (one series per measure, or per
 * value of the second dimension when there are two), combo charts (first measure as bars, the others
 * as lines) and pie charts (first measure). PNG, or JPEG at the requested quality.
 *
 * <p>Shared by the connectors that draw charts themselves (the embedded engine, and the Qlik Sense
 * connector where no export service is available) so that one chart looks the same whatever app it
 * comes from. Each connector bundles this module in its plugin.
 */
public final class ChartPainter {

    public static final int MAX_SIDE = 4000;
    public static final int MIN_SIDE = 16;
    /** The most rows a chart is drawn from. */
    public static final int MAX_POINTS = 2_000;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** One series: its label, the category labels (first dimension) and one value per category (null for none). */
    public record Series(String name, List<String> categories, List<Double> values) {}

    /** One row of a chart object's data: the texts of its dimensions and the numbers of its measures. */
    public record Row(List<String> dimensions, List<Double> measures) {}

    private ChartPainter() {}

    /** Checks the size, format and quality of a request before any data is read. */
    public static void validate(ImageRequest request) {
        if (request.width() < MIN_SIDE || request.width() > MAX_SIDE || request.height() < MIN_SIDE
                || request.height() > MAX_SIDE) {
            throw new ExtensionException("Chart images must be " + MIN_SIDE + " to " + MAX_SIDE + " pixels wide and high", false);
        }
        String format = request.format().toLowerCase(Locale.ROOT);
        if (!format.equals("png") && !format.equals("jpeg") && !format.equals("jpg")) {
            throw new ExtensionException("Chart images are png or jpeg, not '" + shorten(request.format()) + "'",
                    false);
        }
        if (!format.equals("png") && (request.quality() < 1 || request.quality() > 100)) {
            throw new ExtensionException("JPEG quality must be 1 to 100", false);
        }
    }

    /**
     * The series of a chart object's rows: with two dimensions or more (and not a pie), one series per value of
     * the second dimension holding the first measure; otherwise one series per measure.
     *
     * @param measureNames the labels of the measures, in column order
     */
    public static List<Series> series(String type, int dimensionCount, List<String> measureNames, List<Row> rows) {
        List<Series> series = new ArrayList<>();
        if (dimensionCount >= 2 && !type.equals("piechart")) {
            Map<String, Map<String, Double>> bySeries = new LinkedHashMap<>();
            List<String> categories = new ArrayList<>();
            for (Row row : rows) {
                String category = row.dimensions().get(0);
                if (!categories.contains(category)) {
                    categories.add(category);
                }
                bySeries.computeIfAbsent(row.dimensions().get(1), x -> new LinkedHashMap<>()).put(category, row.measures().get(0));
            }
            bySeries.forEach((name, values) -> series.add(new Series(name, categories, categories.stream().map(values::get).toList())));
        } else {
            List<String> categories = rows.stream().map(r -> dimensionCount == 0 ? "" : r.dimensions().get(0)).toList();
            for (int k = 0; k < measureNames.size(); k++) {
                int index = k;
                series.add(new Series(measureNames.get(k), categories, rows.stream().map(r -> r.measures().get(index)).toList()));
            }
        }
        if (series.isEmpty()) {
            series.add(new Series(measureNames.isEmpty() ? "" : measureNames.get(measureNames.size() - 1), List.of(), List.of()));
        }
        return series;
    }

    /** Draws the series as a {@code type} chart ({@code barchart} when the type is unknown) into {@code out}. */
    public static void paint(String type, String title, String categoryLabel, String valueLabel, List<Series> series,
            ImageRequest request, OutputStream out) {
        JFreeChart chart = switch (type) {
            case "piechart" -> pie(title, series.get(0));
            case "linechart" -> ChartFactory.createLineChart(title, categoryLabel, valueLabel, dataset(series),
                    PlotOrientation.VERTICAL, series.size() > 1, false, false);
            case "combochart" -> combo(title, categoryLabel, valueLabel, series);
            default -> ChartFactory.createBarChart(title, categoryLabel, valueLabel, dataset(series),
                    PlotOrientation.VERTICAL, series.size() > 1, false, false);
        };
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        try {
            if (request.format().equalsIgnoreCase("png")) {
                ChartUtils.writeChartAsPNG(out, chart, request.width(), request.height());
            } else {
                ChartUtils.writeChartAsJPEG(out, request.quality() / 100f, chart, request.width(), request.height());
            }
        } catch (IOException e) {
            throw new ExtensionException("The chart image could not be written: " + e.getMessage(), true, e);
        }
    }

    private static DefaultCategoryDataset dataset(List<Series> series) {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        for (Series s : series) {
            for (int i = 0; i < s.categories().size(); i++) {
                dataset.addValue(s.values().get(i), s.name(), s.categories().get(i));
            }
        }
        return dataset;
    }

    private static JFreeChart pie(String title, Series series) {
        DefaultPieDataset<String> dataset = new DefaultPieDataset<>();
        for (int i = 0; i < series.categories().size(); i++) {
            Double value = series.values().get(i);
            if (value != null && value > 0) {
                dataset.setValue(series.categories().get(i), value);
            }
        }
        return ChartFactory.createPieChart(title, dataset, true, false, false);
    }

    private static JFreeChart combo(String title, String categoryLabel, String valueLabel, List<Series> series) {
        JFreeChart chart = ChartFactory.createBarChart(title, categoryLabel, valueLabel, dataset(series.subList(0, 1)),
                PlotOrientation.VERTICAL, true, false, false);
        if (series.size() > 1) {
            CategoryPlot plot = chart.getCategoryPlot();
            plot.setDataset(1, dataset(series.subList(1, series.size())));
            plot.setRenderer(1, new LineAndShapeRenderer());
            plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        }
        return chart;
    }

    static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
