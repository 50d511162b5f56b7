package org.qalyptus.plugins.connector.embedded;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.function.Supplier;
import org.qalyptus.plugins.connector.embedded.demo.SalesDemoGenerator;
import org.qalyptus.spi.app.AppModel.DataPage;
import org.qalyptus.spi.app.AppModel.FieldValue;
import org.qalyptus.spi.app.AppModel.ImageRequest;
import org.qalyptus.spi.app.AppModel.SelectionState;
import org.qalyptus.spi.app.AppModel.ValueQuery;
import org.qalyptus.spi.app.AppSession;
import org.qalyptus.spi.config.Config;

/**
 * Times the engine on a generated Sales app of 1,000,000 rows (the demo manifest, more data) and prints
 * medians. Run from the repository root:
 *
 * <pre>mvn -B -o -q -pl plugins/connector-embedded -am test -DskipTests -Pbenchmark [-Dbenchmark.rows=1000000] [-Dbenchmark.runs=15]</pre>
 */
public final class EngineBenchmark {

    private EngineBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rows = Integer.getInteger("benchmark.rows", 1_000_000);
        int runs = Integer.getInteger("benchmark.runs", 15);
        Path apps = Files.createTempDirectory("qalyptus-benchmark-");
        Path folder = apps.resolve("sales");
        long started = System.nanoTime();
        SalesDemoGenerator.generate(folder, rows, SalesDemoGenerator.DEFAULT_SEED);
        try (InputStream manifest = EngineBenchmark.class.getClassLoader().getResourceAsStream("demo-apps/sales-demo/app.yaml")) {
            Files.write(folder.resolve("app.yaml"), manifest.readAllBytes());
        }
        System.out.printf(Locale.ROOT, "Generated %,d sales rows in %.1f s%n", rows, (System.nanoTime() - started) / 1e9);

        EmbeddedConnector connector = new EmbeddedConnector();
        // The engine's own query times: the result cache would answer every repeat from memory.
        Config config = Config.bind(connector.configFields(),
                Map.of(EmbeddedConnector.APPS_FOLDER, apps.toString(), EmbeddedConnector.RESULT_CACHE, false));
        started = System.nanoTime();
        try (AppSession session = connector.open(config, SalesDemoTest.DEMO_ID)) {
            System.out.printf(Locale.ROOT, "Loaded into DuckDB in %.1f s; %d warm-up + %d timed runs each, median (min-max) in ms%n",
                    (System.nanoTime() - started) / 1e9, 3, runs);
            SelectionState europe = new SelectionState(Map.of("region", List.of("Europe"), "category", List.of("Bikes", "Clothing")),
                    Map.of(), null);

            double values = time(runs, "Field values (product) under a 2-field selection", "< 50",
                    () -> session.fieldValues("product", europe, new ValueQuery(null, 0, 100)));
            double table = time(runs, "Table 2 dimensions x 2 measures under a selection, first 100 rows", "< 100",
                    () -> session.objectData("table-top-customers", europe, new DataPage(0, 100)));
            double chart = time(runs, "Bar chart PNG 800x500 under a selection", "< 150", () -> {
                ByteArrayOutputStream png = new ByteArrayOutputStream();
                session.chartImage("chart-revenue-by-month", europe, new ImageRequest(800, 500, "png", 0), png);
                return png.size();
            });

            List<String> customers = session.fieldValues("customer", SelectionState.EMPTY, new ValueQuery(null, 0, 1000)).values()
                    .stream().map(FieldValue::text).toList();
            double single = time(runs, "Table with subtotals (region x product), one evaluation", "",
                    () -> session.objectData("table-region-product", europe, new DataPage(0, 100)));
            double burst = time(runs, "Same table for each of " + customers.size() + " customers (iteration field)", "",
                    () -> session.objectDataPerValue("table-region-product", europe, "customer", customers, new DataPage(0, 100)));
            System.out.printf(Locale.ROOT, "%-72s %8.2fx  (target < 3x)%n", "Bursting: all values / one evaluation", burst / single);
            System.out.printf(Locale.ROOT, "Summary: values %.1f ms, table %.1f ms, chart %.1f ms, burst ratio %.2fx%n",
                    values, table, chart, burst / single);
        }
    }

    private static double time(int runs, String what, String target, Supplier<Object> work) {
        for (int i = 0; i < 3; i++) {
            work.get();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            work.get();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        double median = sorted[runs / 2];
        System.out.printf(Locale.ROOT, "%-72s %8.1f ms (%.1f-%.1f) %s%n", what, median, sorted[0], sorted[runs - 1],
                target.isEmpty() ? "" : "target " + target + " ms");
        return median;
    }

}
