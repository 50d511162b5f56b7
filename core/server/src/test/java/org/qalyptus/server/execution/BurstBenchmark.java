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
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.qalyptus.server.app.AppElementIds;
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
 * <p>With {@code email} as fourth argument, each value's file is also emailed to its own recipient (the customer's
 * address, the report's email visibility variable {@code =Only(email)}), one message per recipient, attached, through
 * a GreenMail SMTP server in this JVM; a run is then checked to have mailed every recipient exactly once with its file.
 *
 * <pre>
 * mvn -B -o -q -pl plugins/storage-folder,plugins/storage-ftp,plugins/storage-sftp,plugins/connector-embedded,plugins/connector-qlik,plugins/idp-oidc,core/render,graphql-schema,core/server \
 *     -am test -DskipTests -Pserver-benchmark -Dbenchmark.main=org.qalyptus.server.execution.BurstBenchmark \
 *     [-Dbenchmark.args="3 1000 Pdf"]
 * </pre>
 * Arguments: runs (default 3), values (default 1,000), format (default Pdf), {@code email} or {@code folder}
 * (default).
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
        boolean email = args.length > 3 && args[3].equalsIgnoreCase("email");
        GreenMail greenMail = null;
        if (email) {
            greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
            greenMail.start();
        }
        Path dataDir = Files.createTempDirectory("qalyptus-burst-benchmark-");
        System.out.printf(Locale.ROOT, "cores: %d, max heap %d MiB, load average at start: %.2f%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        try (RunningServer server = RunningServer.start(dataDir, ServerProcess.sourceTreePlugins())) {
            ExecutionWorld w = email ? new ExecutionWorld(server, ExecutionWorld.demoAppsWith(server,
                    Map.of("vRecipient", "=Only(email)"))) : new ExecutionWorld(server);
            String report = sReport(w);
            List<String> customers;
            Map<String, String> emailOf = new LinkedHashMap<>();
            try (Stream<String> lines = Files.lines(dataDir.resolve("demo-apps/sales-demo/customers.csv"))) {
                lines.skip(1).limit(values).map(line -> line.split(",")).forEach(cells -> emailOf.put(cells[0],
                        cells[1].toLowerCase(Locale.ROOT)));
            }
            customers = List.copyOf(emailOf.keySet());
            String task = w.task(TenantFixture.unique("Burst"));
            String folder = "burst";
            Map<String, Object> taskReport = new LinkedHashMap<>(ExecutionWorld.body("reportID", report, "format", format,
                    "emailEmbedment", false, "emailAttachment", true,
                    "filters", List.of(Map.of("id", w.filter("customer", customers), "order", 1)),
                    "fileStorage", Map.of("enabled", true, "folder", folder)));
            if (email) {
                taskReport.put("iterationOptions", Map.of("emailVisibilityVariable",
                        AppElementIds.variable(ExecutionWorld.SALES_DEMO, "vRecipient")));
                Map<String, Object> smtp = new LinkedHashMap<>();
                smtp.put("host", "127.0.0.1");
                smtp.put("port", greenMail.getSmtp().getPort());
                smtp.put("security", "None");
                smtp.put("requireAuthentication", false);
                smtp.put("fromName", "Sales reports");
                smtp.put("fromAddress", "reports@example.com");
                check(w.http.putJson("/api/v1/organizations/" + w.orgA.id() + "/smtp-settings", w.admin.key(), Http.json(smtp)));
            }
            w.taskReport(task, taskReport);
            if (email) {
                check(w.put("/api/v1/tasks/" + task + "/email", w.creator.key(), ExecutionWorld.body("from",
                        "reports@example.com", "subject", "{{ReportName}} {{IterationValue}}", "message",
                        "<p>Your sales, {{IterationValue}}.</p>", "isActive", true, "oneToAll", false)));
            }
            Path delivered = dataDir.resolve("deliveries/files").resolve(w.orgA.id()).resolve(folder);
            List<Double> seconds = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                if (greenMail != null) {
                    greenMail.purgeEmailFromAllMailboxes();
                }
                Answer queued = w.http.postJson("/api/v1/tasks/" + task + "/run", w.creator.key(), "");
                String id = queued.data().get("id").asString();
                ExecutionDocument execution = awaitEnd(w, id, Duration.ofMinutes(20));
                var ended = w.http.get("/api/v1/status/tasks/" + id, w.creator.key()).data();
                double took = Duration.between(execution.createdAt(), execution.finishedAt()).toMillis() / 1000.0;
                long files;
                try (Stream<Path> listed = Files.list(delivered)) {
                    files = listed.filter(p -> !p.getFileName().toString().startsWith(".")).count();
                }
                String status = ended.get("status").asString();
                String mailed = "";
                boolean mailsRight = true;
                if (greenMail != null) {
                    Map<String, Integer> perRecipient = new java.util.HashMap<>();
                    for (MimeMessage message : greenMail.getReceivedMessages()) {
                        for (jakarta.mail.Address to : message.getAllRecipients()) {
                            perRecipient.merge(to.toString().toLowerCase(Locale.ROOT), 1, Integer::sum);
                        }
                    }
                    mailsRight = perRecipient.keySet().equals(new java.util.HashSet<>(emailOf.values()))
                            && perRecipient.values().stream().allMatch(c -> c == 1);
                    mailed = String.format(Locale.ROOT, ", %d mails to %d recipients%s", greenMail.getReceivedMessages().length,
                            perRecipient.size(), mailsRight ? " (each exactly once)" : " (NOT each exactly once)");
                }
                System.out.printf(Locale.ROOT, "run %d: %s, %d files in the folder%s, %.1f s end to end (%.0f files/s; target < 30 s)%n",
                        run, status, files, mailed, took, values / took);
                if (!status.equals("Completed") || files != values || !mailsRight) {
                    System.out.println(w.log(id));
                    throw new IllegalStateException("the burst did not complete with " + values + " files"
                            + (email ? " each mailed once to its recipient" : ""));
                }
                seconds.add(took);
            }
            List<Double> sorted = seconds.stream().sorted().toList();
            int n = sorted.size();
            double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
            System.out.printf(Locale.ROOT, "median of %d: %.1f s for %d %s files%s (%.0f files/s); load average at end: %.2f%n", n,
                    median, values, format, email ? " each emailed to its recipient" : "", values / median,
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        } finally {
            if (greenMail != null) {
                greenMail.stop();
            }
        }
        System.exit(0);
    }

    /**
     * Waits for the execution to end, reading its document by id once a second: polling the status route every 100 ms
     * read the run's growing file list (up to 1,000 files) ten times a second, load that the run itself had to share
     * the 2 cores with.
     */
    static ExecutionDocument awaitEnd(ExecutionWorld w, String id, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            ExecutionDocument execution = w.mongo().findById(id, ExecutionDocument.class);
            if (execution != null && execution.finishedAt() != null) {
                return execution;
            }
            Thread.sleep(1_000);
        }
        throw new IllegalStateException("execution " + id + " did not end in " + timeout);
    }

    private static void check(Answer answer) {
        if (answer.status() != 200) {
            throw new IllegalStateException(answer.body());
        }
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
