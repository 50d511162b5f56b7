package org.qalyptus.server.execution;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import org.qalyptus.server.support.RunningServer;
import org.qalyptus.server.support.ServerProcess;
import org.qalyptus.server.support.TenantFixture;

/**
 * A 1,000-value burst of the demo S report end to end on one node: a task whose report (the region x product table
 * with subtotals, a header and a page-X-of-Y footer, as in core/render's RenderBenchmark) is iterated over 1,000
 * customers of the demo Sales app, rendered to PDF, each file stored and delivered to the file storage folder.
 * Measured from the execution's queueing to its end (server timestamps), then checked: Completed, 1,000 files in
 * the folder. Target: under 30 s. Each run is a new run of the same task (the output files are overwritten).
 *
 * <pre>
 * mvn -B -o -q -pl plugins/storage-folder,plugins/storage-ftp,plugins/storage-sftp,plugins/connector-embedded,core/render,core/server \
 *     -am test -DskipTests -Pserver-benchmark -Dbenchmark.main=org.qalyptus.server.execution.BurstBenchmark \
 *     [-Dbenchmark.args="3 1000 Pdf"]
 * </pre>
 * Arguments: runs (default 3), values (default 1,000), format (default Pdf).
 */
public final class BurstBenchmark {

    static final String S_TEMPLATE = """
            <html><head><title>Sales by region</title><style>h1 { font-size: 14pt; color: #0b3d91 }</style></head><body>
            <div class="q-header">${report.name} &#183; ${app.name}</div>
            <div class="q-footer">Page ${pageNumber()} of ${pageCount()}</div>
            <h1>Sales by region and product</h1>
            <p>Regions: ${selected("region")?join(", ")}</p>
            ${table("table-region-product")}
            </body></html>""";

    private BurstBenchmark() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int values = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        String format = args.length > 2 ? args[2] : "Pdf";
        Path dataDir = Files.createTempDirectory("qalyptus-burst-benchmark-");
        System.out.printf(Locale.ROOT, "cores: %d, max heap %d MiB, load average at start: %.2f%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        try (RunningServer server = RunningServer.start(dataDir, ServerProcess.sourceTreePlugins())) {
            ExecutionWorld w = new ExecutionWorld(server);
            String report = sReport(w);
            List<String> customers;
            try (Stream<String> lines = Files.lines(dataDir.resolve("demo-apps/sales-demo/customers.csv"))) {
                customers = lines.skip(1).limit(values).map(line -> line.split(",", 2)[0]).toList();
            }
            String task = w.task(TenantFixture.unique("Burst"));
            String folder = "burst";
            w.taskReport(task, ExecutionWorld.body("reportID", report, "format", format, "emailEmbedment", false,
                    "emailAttachment", true, "filters", List.of(Map.of("id", w.filter("customer", customers), "order", 1)),
                    "fileStorage", Map.of("enabled", true, "folder", folder)));
            Path delivered = dataDir.resolve("deliveries/files").resolve(w.orgA.id()).resolve(folder);
            List<Double> seconds = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                Answer queued = w.http.postJson("/api/v1/tasks/" + task + "/run", w.creator.key(), "");
                String id = queued.data().get("id").asString();
                var ended = w.waitFor("/api/v1/status/tasks/", id, Duration.ofMinutes(20));
                ExecutionDocument execution = w.mongo().findById(id, ExecutionDocument.class);
                double took = Duration.between(execution.createdAt(), execution.finishedAt()).toMillis() / 1000.0;
                long files;
                try (Stream<Path> listed = Files.list(delivered)) {
                    files = listed.filter(p -> !p.getFileName().toString().startsWith(".")).count();
                }
                String status = ended.get("status").asString();
                System.out.printf(Locale.ROOT, "run %d: %s, %d files in the folder, %.1f s end to end (%.0f files/s; target < 30 s)%n",
                        run, status, files, took, values / took);
                if (!status.equals("Completed") || files != values) {
                    System.out.println(w.log(id));
                    throw new IllegalStateException("the burst did not complete with " + values + " files");
                }
                seconds.add(took);
            }
            List<Double> sorted = seconds.stream().sorted().toList();
            int n = sorted.size();
            double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
            System.out.printf(Locale.ROOT, "median of %d: %.1f s for %d %s files (%.0f files/s)%n", n, median, values, format,
                    values / median);
        }
        System.exit(0);
    }

    /** The S report: an HTML template on the demo Sales app rendered per customer, named after them. */
    static String sReport(ExecutionWorld w) {
        Answer created = w.http.postJson("/api/v1/reports", w.creator.key(), Http.json(Map.of("name", TenantFixture.unique("S"),
                "projectID", w.projectId, "type", "HTML", "qlikAppIDs", List.of(ExecutionWorld.SALES_DEMO))));
        String id = created.data().get("id").asString();
        String name = created.data().get("name").asString();
        w.put("/api/v1/reports/" + id + "/html-content", w.creator.key(), Map.of("htmlContent", S_TEMPLATE));
        Map<String, Object> update = new LinkedHashMap<>();
        update.put("name", name);
        update.put("isIteration", true);
        update.put("iterationFields", List.of(Map.of("fieldName", "customer")));
        update.put("dynamicNames", List.of(Map.of("type", "Text", "value", "S"), Map.of("type", "Field", "value", "customer")));
        update.put("dynamicNameSeparator", "-");
        Answer updated = w.put("/api/v1/reports/" + id, w.creator.key(), update);
        if (updated.status() != 200) {
            throw new IllegalStateException(updated.body());
        }
        return id;
    }
}
