package org.qalyptus.render;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.qalyptus.plugins.connector.embedded.EmbeddedConnector;
import org.qalyptus.render.html.PhaseProbe;
import org.qalyptus.spi.app.AppModel.SelectionState;
import org.qalyptus.spi.app.AppSession;
import org.qalyptus.spi.config.Config;
import org.qalyptus.spi.render.OutputFormat;
import org.qalyptus.spi.render.RenderDocument;
import org.qalyptus.spi.render.RenderDocument.AssetResolver;
import org.qalyptus.spi.render.RenderOptions;
import org.qalyptus.spi.render.TemplateKind;

/**
 * The rendering benchmark (see docs/report-templates.md#benchmark):
 * {@code mvn -B -o -q -pl core/render -am test -DskipTests -Prender-benchmark}. Options (system properties):
 * {@code benchmark.runs} (timed runs per median, default 21), {@code benchmark.warmup} (default 15),
 * {@code benchmark.seconds} (throughput window, default 5), {@code benchmark.big} (the 20,000-row document, default
 * true).
 *
 * <p>S: the demo's region x product table with subtotals (regions Europe and North America: 24 products, 2
 * subtotals and the totals row, one A4 page) with a header and a page-X-of-Y footer, to PDF, data query
 * included. L: the 2,000 customers table (one row each, plus totals, 41 pages) with its header repeated on every
 * page and page X of Y. Baseline: raw Flying Saucer (a new ITextRenderer per document, default settings, its own
 * XML parser) on the same filled document (the XHTML the engine hands to plugin formats, with the report
 * stylesheet inlined), no data query, run in the same process alternately with ours, so that both see the same
 * machine load: the ratio is the figure that survives a busy machine. Besides wall-clock medians, the thread's CPU
 * time per document is given (what one quiet core would take for the single-threaded part). S is also measured
 * with its data answered from memory ({@link MemoizedSession}): the rendering path alone, without the connector's
 * query. "Data query included" rows use sessions with the embedded connector's result cache off, so that every
 * document queries DuckDB; the rows "through the result cache" use the connector's default settings, where the
 * same object under the same selections is answered from the app's result cache after the first document.
 */
public final class RenderBenchmark {

    static final int RUNS = Integer.getInteger("benchmark.runs", 21);
    static final int WARMUP = Integer.getInteger("benchmark.warmup", 15);
    static final double SECONDS = Double.parseDouble(System.getProperty("benchmark.seconds", "5"));
    static final boolean BIG = Boolean.parseBoolean(System.getProperty("benchmark.big", "true"));
    static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    static final String S_TEMPLATE = """
            <html><head><title>Sales by region</title><style>h1 { font-size: 14pt; color: #0b3d91 }</style></head><body>
            <div class="q-header">${report.name} &#183; ${app.name}</div>
            <div class="q-footer">Page ${pageNumber()} of ${pageCount()}</div>
            <h1>Sales by region and product</h1>
            <p>Regions: ${selected("region")?join(", ")}</p>
            ${table("table-region-product")}
            </body></html>""";

    static final String L_TEMPLATE = """
            <html><head><title>Customers</title></head><body>
            <div class="q-header">${report.name}</div>
            <div class="q-footer">Page ${pageNumber()} of ${pageCount()}</div>
            <h1>Customers by revenue</h1>
            ${table("table-top-customers")}
            </body></html>""";

    static final String XL_TEMPLATE = """
            <html><head><title>Customer x product</title></head><body>
            <div class="q-footer">Page ${pageNumber()} of ${pageCount()}</div>
            ${table("table-customer-product")}
            </body></html>""";

    interface Op {
        void run(AppSession session) throws Exception;
    }

    /** Medians of one measure: wall-clock and thread CPU milliseconds. */
    record Median(double wall, double cpu) {}

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        ReportRenderer renderer = new ReportRenderer();
        OutputFormat pdf = BuiltInFormats.pdf();
        RenderOptions options = new RenderOptions(null, null, 90, '.', ',', ',', Locale.ROOT, null, 512L << 20);
        SelectionState twoRegions = new SelectionState(Map.of("region", List.of("Europe", "North America")), Map.of(), null);
        ReportTemplate s = ReportTemplate.html("bench-s", "Sales by region", S_TEMPLATE, AssetResolver.NONE);
        ReportTemplate l = ReportTemplate.html("bench-l", "Customers", L_TEMPLATE, AssetResolver.NONE);
        ReportTemplate lx = new ReportTemplate("bench-lx", "Customers", TemplateKind.EXCEL, customersExcel(), AssetResolver.NONE);
        AppSession[] sessions = {Demo.openWithoutResultCache(), Demo.openWithoutResultCache()};

        System.out.printf(Locale.ROOT, "load average at start: %s%n", load());
        System.out.printf(Locale.ROOT, "cores: %d, max heap: %d MiB, Java %s, %s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"),
                ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("-XX:+Use")).findFirst()
                        .orElse("default GC"));
        System.out.printf(Locale.ROOT, "%d timed runs after %d warm-up runs per median, %.0f s throughput windows%n", RUNS, WARMUP,
                SECONDS);

        byte[] sPdf = renderer.renderToBytes(s, sessions[0], twoRegions, IterationValues.NONE, pdf, options);
        byte[] lPdf = renderer.renderToBytes(l, sessions[0], SelectionState.EMPTY, IterationValues.NONE, pdf, options);
        String sHtml = rawHtml(renderer.fill(s, sessions[0], twoRegions, IterationValues.NONE, options));
        String lHtml = rawHtml(renderer.fill(l, sessions[0], SelectionState.EMPTY, IterationValues.NONE, options));
        ByteArrayOutputStream rawL = new ByteArrayOutputStream();
        org.xhtmlrenderer.pdf.ITextRenderer raw = new org.xhtmlrenderer.pdf.ITextRenderer();
        raw.setDocumentFromString(lHtml);
        raw.layout();
        raw.createPDF(rawL);
        System.out.printf(Locale.ROOT, "S: %d page(s), %d bytes; L: %d pages, %d bytes (raw Flying Saucer: %d bytes)%n",
                Pdfs.pages(sPdf).size(), sPdf.length, Pdfs.pages(lPdf).size(), lPdf.length, rawL.size());

        // Warm-up of everything measured below (the JIT compiles Flying Saucer's layout and painting gradually).
        PhaseProbe probe = new PhaseProbe();
        long warm = System.nanoTime() + (long) (Math.max(5, SECONDS * 2) * 1e9);
        while (System.nanoTime() < warm) {
            probe.ours(s, sessions[0], twoRegions, options);
            PhaseProbe.raw(sHtml);
        }
        for (int i = 0; i < WARMUP; i++) {
            probe.ours(l, sessions[0], SelectionState.EMPTY, options);
            PhaseProbe.raw(lHtml);
        }

        // Per-phase profile of S and L (ours and raw Flying Saucer, alternately).
        phases("S", probe, s, sessions[0], twoRegions, options, sHtml, Math.max(RUNS, 60));
        phases("L", probe, l, sessions[0], SelectionState.EMPTY, options, lHtml, RUNS);

        Op sOp = session -> renderer.render(s, session, twoRegions, IterationValues.NONE, pdf, options, OutputStream.nullOutputStream());
        Op lOp = session -> renderer.render(l, session, SelectionState.EMPTY, IterationValues.NONE, pdf, options,
                OutputStream.nullOutputStream());
        Op lXlsx = session -> renderer.render(lx, session, SelectionState.EMPTY, IterationValues.NONE,
                BuiltInFormats.byTypeId("Xlsx").orElseThrow(), options, OutputStream.nullOutputStream());
        Op sRaw = session -> PhaseProbe.raw(sHtml);
        Op lRaw = session -> PhaseProbe.raw(lHtml);

        List<String[]> rows = new ArrayList<>();
        Median[] sPair = alternate(sOp, sRaw, sessions[0], Math.max(RUNS, 60));
        rows.add(row("S to PDF (Qalyptus, data query included)", "median ms", sPair[0].wall()));
        rows.add(row("S to PDF (Qalyptus, data query included)", "thread CPU ms/doc", sPair[0].cpu()));
        rows.add(row("S baseline: raw Flying Saucer, same document, no query", "median ms", sPair[1].wall()));
        rows.add(row("S baseline: raw Flying Saucer", "thread CPU ms/doc", sPair[1].cpu()));
        rows.add(ratio("S: Qalyptus / raw Flying Saucer (query included)", sPair[0].wall() / sPair[1].wall()));
        rows.add(row("S to PDF (Qalyptus)", "docs/s, 1 thread", throughput(sOp, sessions, 1)));
        rows.add(row("S to PDF (Qalyptus)", "docs/s, 2 threads", throughput(sOp, sessions, 2)));
        AppSession[] cached = {Demo.open(), Demo.open()};
        Median[] sCached = alternate(sOp, sRaw, cached[0], Math.max(RUNS, 60));
        rows.add(row("S to PDF through the connector's result cache (default settings, same selections again)", "median ms",
                sCached[0].wall()));
        rows.add(ratio("S through the result cache / raw Flying Saucer (alternate runs)", sCached[0].wall() / sCached[1].wall()));
        rows.add(row("S to PDF through the connector's result cache", "docs/s, 1 thread", throughput(sOp, cached, 1)));
        rows.add(row("S to PDF through the connector's result cache", "docs/s, 2 threads", throughput(sOp, cached, 2)));
        for (AppSession session : cached) {
            session.close();
        }
        AppSession[] memoized = {new MemoizedSession(sessions[0]), new MemoizedSession(sessions[1])};
        Median[] sMemo = alternate(sOp, sRaw, memoized[0], Math.max(RUNS, 60));
        rows.add(row("S to PDF, data answered from memory (the rendering path alone)", "median ms", sMemo[0].wall()));
        rows.add(row("S to PDF, data answered from memory", "thread CPU ms/doc", sMemo[0].cpu()));
        rows.add(ratio("S: Qalyptus rendering path / raw Flying Saucer (alternate runs)", sMemo[0].wall() / sMemo[1].wall()));
        rows.add(row("S to PDF, data answered from memory", "docs/s, 1 thread", throughput(sOp, memoized, 1)));
        rows.add(row("S to PDF, data answered from memory", "docs/s, 2 threads", throughput(sOp, memoized, 2)));
        rows.add(row("S baseline: raw Flying Saucer", "docs/s, 1 thread", throughput(sRaw, sessions, 1)));
        rows.add(row("S baseline: raw Flying Saucer", "docs/s, 2 threads", throughput(sRaw, sessions, 2)));
        Median[] lPair = alternate(lOp, lRaw, sessions[0], RUNS);
        rows.add(row("L to PDF (Qalyptus, data query included), 41 pages", "median ms", lPair[0].wall()));
        rows.add(row("L to PDF (Qalyptus, data query included)", "thread CPU ms/doc", lPair[0].cpu()));
        rows.add(row("L baseline: raw Flying Saucer, same document, no query", "median ms", lPair[1].wall()));
        rows.add(row("L baseline: raw Flying Saucer", "thread CPU ms/doc", lPair[1].cpu()));
        rows.add(ratio("L: Qalyptus / raw Flying Saucer (query included)", lPair[0].wall() / lPair[1].wall()));
        Median[] lMemo = alternate(lOp, lRaw, memoized[0], RUNS);
        rows.add(row("L to PDF, data answered from memory (the rendering path alone)", "median ms", lMemo[0].wall()));
        rows.add(ratio("L: Qalyptus rendering path / raw Flying Saucer (alternate runs)", lMemo[0].wall() / lMemo[1].wall()));
        Median x = median(lXlsx, sessions[0], RUNS);
        rows.add(row("L to XLSX (Qalyptus, data query included)", "median ms", x.wall()));
        rows.add(row("L to XLSX (Qalyptus, data query included)", "thread CPU ms/doc", x.cpu()));
        for (AppSession session : sessions) {
            session.close();
        }
        if (BIG) {
            rows.add(row("20,000 rows to PDF in a 512 MB heap", "ms (median of 3)", twentyThousandRows(renderer, pdf, options)));
        }

        System.out.println();
        System.out.println("| measure | unit | value |");
        System.out.println("|---|---|---:|");
        for (String[] r : rows) {
            System.out.println("| " + r[0] + " | " + r[1] + " | " + r[2] + " |");
        }
        System.out.printf(Locale.ROOT, "%nload average at end: %s%n", load());
        System.exit(0);
    }

    static String[] row(String what, String unit, double value) {
        return new String[] {what, unit, String.format(Locale.ROOT, "%.1f", value)};
    }

    static String[] ratio(String what, double value) {
        return new String[] {what, "ratio of medians", String.format(Locale.ROOT, "%.2f", value)};
    }

    static double cpuNow() {
        return THREADS.getCurrentThreadCpuTime() / 1e6;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    static Median median(Op op, AppSession session, int runs) throws Exception {
        for (int i = 0; i < WARMUP; i++) {
            op.run(session);
        }
        double[] wall = new double[runs];
        double[] cpu = new double[runs];
        for (int i = 0; i < runs; i++) {
            double c = cpuNow();
            long start = System.nanoTime();
            op.run(session);
            wall[i] = (System.nanoTime() - start) / 1e6;
            cpu[i] = cpuNow() - c;
        }
        return new Median(median(wall), median(cpu));
    }

    /** Medians of two operations run alternately (so that both see the same load). */
    static Median[] alternate(Op a, Op b, AppSession session, int runs) throws Exception {
        for (int i = 0; i < WARMUP; i++) {
            a.run(session);
            b.run(session);
        }
        double[][] wall = new double[2][runs];
        double[][] cpu = new double[2][runs];
        Op[] ops = {a, b};
        for (int i = 0; i < runs; i++) {
            for (int k = 0; k < 2; k++) {
                double c = cpuNow();
                long start = System.nanoTime();
                ops[k].run(session);
                wall[k][i] = (System.nanoTime() - start) / 1e6;
                cpu[k][i] = cpuNow() - c;
            }
        }
        return new Median[] {new Median(median(wall[0]), median(cpu[0])), new Median(median(wall[1]), median(cpu[1]))};
    }

    /** The per-phase medians of our steps and of raw Flying Saucer's, run alternately, printed as a table. */
    static void phases(String name, PhaseProbe probe, ReportTemplate template, AppSession session, SelectionState state,
            RenderOptions options, String rawHtml, int runs) throws Exception {
        for (int i = 0; i < WARMUP; i++) {
            probe.ours(template, session, state, options);
            PhaseProbe.raw(rawHtml);
        }
        double[][] oursWall = new double[PhaseProbe.OURS.length][runs];
        double[][] oursCpu = new double[PhaseProbe.OURS.length][runs];
        double[][] rawWall = new double[PhaseProbe.RAW.length][runs];
        double[][] rawCpu = new double[PhaseProbe.RAW.length][runs];
        double[] oursTotal = new double[runs];
        double[] rawTotal = new double[runs];
        double[] oursRender = new double[runs];
        for (int i = 0; i < runs; i++) {
            PhaseProbe.Times ours = probe.ours(template, session, state, options);
            PhaseProbe.Times raw = PhaseProbe.raw(rawHtml);
            for (int p = 0; p < PhaseProbe.OURS.length; p++) {
                oursWall[p][i] = ours.wall[p] / 1e6;
                oursCpu[p][i] = ours.cpu[p] / 1e6;
                oursTotal[i] += ours.wall[p] / 1e6;
                if (p > 0) {
                    oursRender[i] += ours.wall[p] / 1e6;
                }
            }
            for (int p = 0; p < PhaseProbe.RAW.length; p++) {
                rawWall[p][i] = raw.wall[p] / 1e6;
                rawCpu[p][i] = raw.cpu[p] / 1e6;
                rawTotal[i] += raw.wall[p] / 1e6;
            }
        }
        System.out.printf(Locale.ROOT, "%n%s, per phase (%d runs each, alternately; medians; load %s)%n%n", name, runs, load());
        System.out.println("| " + name + " phase | wall ms | thread CPU ms |");
        System.out.println("|---|---:|---:|");
        for (int p = 0; p < PhaseProbe.OURS.length; p++) {
            System.out.printf(Locale.ROOT, "| Qalyptus: %s | %.2f | %.2f |%n", PhaseProbe.OURS[p], median(oursWall[p]), median(oursCpu[p]));
        }
        System.out.printf(Locale.ROOT, "| **Qalyptus total** (without the query: %.2f) | **%.2f** | |%n", median(oursRender),
                median(oursTotal));
        for (int p = 0; p < PhaseProbe.RAW.length; p++) {
            System.out.printf(Locale.ROOT, "| raw Flying Saucer: %s | %.2f | %.2f |%n", PhaseProbe.RAW[p], median(rawWall[p]),
                    median(rawCpu[p]));
        }
        System.out.printf(Locale.ROOT, "| **raw Flying Saucer total** | **%.2f** | |%n", median(rawTotal));
        System.out.printf(Locale.ROOT, "| ratio Qalyptus without the query / raw Flying Saucer | %.2f | |%n",
                median(oursRender) / median(rawTotal));
    }

    /** Documents per second over the window, each thread with its own session (sessions are not thread-safe). */
    static double throughput(Op op, AppSession[] sessions, int threads) throws Exception {
        for (int i = 0; i < WARMUP; i++) {
            op.run(sessions[0]);
        }
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + (long) (SECONDS * 1e9);
        List<Thread> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            AppSession session = sessions[t];
            Thread worker = new Thread(() -> {
                try {
                    while (System.nanoTime() < end) {
                        op.run(session);
                        done.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        return done.get() / ((System.nanoTime() - start) / 1e9);
    }

    /** The filled document as raw Flying Saucer gets it: the XHTML handed to plugin formats, report stylesheet inlined. */
    static String rawHtml(RenderDocument filled) {
        String xhtml = new String(filled.content(), StandardCharsets.UTF_8);
        return xhtml.replaceFirst("<head>", "<head><style>" + PhaseProbe.reportCss().replace("$", "\\$") + "</style>");
    }

    static byte[] customersExcel() throws IOException {
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook()) {
            org.apache.poi.xssf.usermodel.XSSFSheet sheet = wb.createSheet("Customers");
            sheet.createRow(0).createCell(0).setCellValue("{{report}} - {{date:yyyy-MM-dd}}");
            sheet.createRow(2).createCell(0).setCellValue("{{table:table-top-customers|totals=true}}");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            wb.write(out);
            return out.toByteArray();
        }
    }

    /** 20,000 customer x product rows (10 of the 12 products selected) in the benchmark app, to PDF. */
    static double twentyThousandRows(ReportRenderer renderer, OutputFormat pdf, RenderOptions options) throws Exception {
        Path apps = Files.createTempDirectory("qalyptus-bench-apps");
        Path app = Files.createDirectories(apps.resolve("bench"));
        try (InputStream in = RenderBenchmark.class.getResourceAsStream("/bench-app/app.yaml")) {
            Files.copy(in, app.resolve("app.yaml"));
        }
        Files.copy(Demo.folder().resolve("sales.csv"), app.resolve("sales.csv"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(Demo.folder().resolve("customers.csv"), app.resolve("customers.csv"), StandardCopyOption.REPLACE_EXISTING);
        EmbeddedConnector connector = new EmbeddedConnector();
        Config config = Config.bind(connector.configFields(), Map.of(EmbeddedConnector.APPS_FOLDER, apps.toString()));
        ReportTemplate xl = ReportTemplate.html("bench-xl", "Customer x product", XL_TEMPLATE, AssetResolver.NONE);
        SelectionState tenProducts = new SelectionState(Map.of("product", List.of("Bike Lights", "Chain", "City Bike", "Gloves",
                "Helmet", "Jacket", "Jersey", "Lock", "Mountain Bike", "Pedals")), Map.of(), null);
        double[] times = new double[3];
        long gcBefore = gcMillis();
        try (AppSession session = connector.open(config, "3d1f7c52-0a9e-4b6d-8c21-6f0e9a4b7d10")) {
            long rowsCount = session.objectData("table-customer-product", tenProducts,
                    new org.qalyptus.spi.app.AppModel.DataPage(0, 1)).totalRows();
            for (int i = 0; i < times.length; i++) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                double cpu = cpuNow();
                long gc = gcMillis();
                long start = System.nanoTime();
                RenderResult result = renderer.render(xl, session, tenProducts, IterationValues.NONE, pdf, options, out);
                times[i] = (System.nanoTime() - start) / 1e6;
                System.out.printf(Locale.ROOT, "20k run %d: %d rows, %d pages, %d bytes, %.0f ms (thread CPU %.0f ms, GC pauses %d ms)%n",
                        i + 1, rowsCount, result.pages(), result.bytes(), times[i], cpuNow() - cpu, gcMillis() - gc);
            }
        }
        System.out.printf(Locale.ROOT, "20k: GC pauses over the 3 runs: %d ms%n", gcMillis() - gcBefore);
        return median(times);
    }

    static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(g -> Math.max(0, g.getCollectionTime())).sum();
    }

    static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
