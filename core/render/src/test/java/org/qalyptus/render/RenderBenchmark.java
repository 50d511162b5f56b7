package org.qalyptus.render;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
import org.qalyptus.spi.app.AppModel.SelectionState;
import org.qalyptus.spi.app.AppSession;
import org.qalyptus.spi.config.Config;
import org.qalyptus.spi.render.OutputFormat;
import org.qalyptus.spi.render.RenderDocument;
import org.qalyptus.spi.render.RenderDocument.AssetResolver;
import org.qalyptus.spi.render.RenderOptions;
import org.qalyptus.spi.render.TemplateKind;
import org.xhtmlrenderer.pdf.ITextRenderer;

/**
 * The rendering benchmark (see docs/report-templates.md#benchmark):
 * {@code mvn -B -o -q -pl core/render -am test -DskipTests -Prender-benchmark}. Options (system properties):
 * {@code benchmark.runs} (timed runs per median, default 15), {@code benchmark.warmup} (default 10),
 * {@code benchmark.seconds} (throughput window, default 5).
 *
 * <p>S: the demo's region x product table with subtotals (regions Europe and North America: 24 products, 2
 * subtotals and the totals row, one A4 page) with a header and a page-X-of-Y footer, to PDF, data query
 * included. L: the 2,000 customers table (one row each, plus totals, about 40 pages) with its header repeated
 * on every page and page X of Y. Baseline: raw Flying Saucer (a new ITextRenderer per document, default
 * settings, its own XML parser) on the same filled HTML with the same stylesheet inlined, no data query.
 */
public final class RenderBenchmark {

    static final int RUNS = Integer.getInteger("benchmark.runs", 15);
    static final int WARMUP = Integer.getInteger("benchmark.warmup", 10);
    static final double SECONDS = Double.parseDouble(System.getProperty("benchmark.seconds", "5"));

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

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        ReportRenderer renderer = new ReportRenderer();
        OutputFormat pdf = BuiltInFormats.pdf();
        RenderOptions options = new RenderOptions(null, null, 90, '.', ',', ',', Locale.ROOT, null, 512L << 20);
        SelectionState twoRegions = new SelectionState(Map.of("region", List.of("Europe", "North America")), Map.of(), null);
        ReportTemplate s = ReportTemplate.html("bench-s", "Sales by region", S_TEMPLATE, AssetResolver.NONE);
        ReportTemplate l = ReportTemplate.html("bench-l", "Customers", L_TEMPLATE, AssetResolver.NONE);
        ReportTemplate lx = new ReportTemplate("bench-lx", "Customers", TemplateKind.EXCEL, customersExcel(), AssetResolver.NONE);
        AppSession[] sessions = {Demo.open(), Demo.open()};

        System.out.printf(Locale.ROOT, "load average at start: %s%n", load());
        System.out.printf(Locale.ROOT, "cores: %d, max heap: %d MiB, %s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"));

        byte[] sPdf = renderer.renderToBytes(s, sessions[0], twoRegions, IterationValues.NONE, pdf, options);
        byte[] lPdf = renderer.renderToBytes(l, sessions[0], SelectionState.EMPTY, IterationValues.NONE, pdf, options);
        System.out.printf(Locale.ROOT, "S: %d page(s), %d bytes; L: %d pages, %d bytes%n", Pdfs.pages(sPdf).size(), sPdf.length,
                Pdfs.pages(lPdf).size(), lPdf.length);
        String sHtml = rawHtml(renderer.fill(s, sessions[0], twoRegions, IterationValues.NONE, options));
        String lHtml = rawHtml(renderer.fill(l, sessions[0], SelectionState.EMPTY, IterationValues.NONE, options));

        Op sOp = session -> renderer.render(s, session, twoRegions, IterationValues.NONE, pdf, options, OutputStream.nullOutputStream());
        Op lOp = session -> renderer.render(l, session, SelectionState.EMPTY, IterationValues.NONE, pdf, options,
                OutputStream.nullOutputStream());
        Op lXlsx = session -> renderer.render(lx, session, SelectionState.EMPTY, IterationValues.NONE,
                BuiltInFormats.byTypeId("Xlsx").orElseThrow(), options, OutputStream.nullOutputStream());
        Op sRaw = session -> rawFlyingSaucer(sHtml);
        Op lRaw = session -> rawFlyingSaucer(lHtml);

        List<String[]> rows = new ArrayList<>();
        rows.add(row("S to PDF (Qalyptus, data query included)", "median ms", median(sOp, sessions[0])));
        rows.add(row("S to PDF (Qalyptus)", "docs/s, 1 thread", throughput(sOp, sessions, 1)));
        rows.add(row("S to PDF (Qalyptus)", "docs/s, 2 threads", throughput(sOp, sessions, 2)));
        rows.add(row("S baseline: raw Flying Saucer, same HTML, no query", "median ms", median(sRaw, sessions[0])));
        rows.add(row("S baseline: raw Flying Saucer", "docs/s, 1 thread", throughput(sRaw, sessions, 1)));
        rows.add(row("S baseline: raw Flying Saucer", "docs/s, 2 threads", throughput(sRaw, sessions, 2)));
        rows.add(row("L to PDF (Qalyptus, data query included)", "median ms", median(lOp, sessions[0])));
        rows.add(row("L baseline: raw Flying Saucer, same HTML, no query", "median ms", median(lRaw, sessions[0])));
        rows.add(row("L to XLSX (Qalyptus, data query included)", "median ms", median(lXlsx, sessions[0])));
        for (AppSession session : sessions) {
            session.close();
        }
        rows.add(row("20,000 rows to PDF in a 512 MB heap", "ms (median of 3)", twentyThousandRows(renderer, pdf, options)));

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
        return new String[] {what, unit, String.format(Locale.ROOT, unit.startsWith("docs") ? "%.1f" : "%.1f", value)};
    }

    static double median(Op op, AppSession session) throws Exception {
        for (int i = 0; i < WARMUP; i++) {
            op.run(session);
        }
        double[] times = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            op.run(session);
            times[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(times);
        return times[RUNS / 2];
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

    /** The filled HTML as raw Flying Saucer gets it: the report stylesheet inlined, XHTML serialization. */
    static String rawHtml(RenderDocument filled) throws IOException {
        String css;
        try (InputStream in = RenderBenchmark.class.getResourceAsStream("/org/qalyptus/render/report.css")) {
            css = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String xhtml = new String(filled.content(), StandardCharsets.UTF_8);
        return xhtml.replaceFirst("<head>", "<head><style>" + css.replace("$", "\\$") + "</style>");
    }

    static void rawFlyingSaucer(String xhtml) throws Exception {
        ITextRenderer renderer = new ITextRenderer();
        renderer.setDocumentFromString(xhtml);
        renderer.layout();
        renderer.createPDF(OutputStream.nullOutputStream());
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
        try (AppSession session = connector.open(config, "3d1f7c52-0a9e-4b6d-8c21-6f0e9a4b7d10")) {
            long rowsCount = session.objectData("table-customer-product", tenProducts,
                    new org.qalyptus.spi.app.AppModel.DataPage(0, 1)).totalRows();
            for (int i = 0; i < times.length; i++) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                long start = System.nanoTime();
                RenderResult result = renderer.render(xl, session, tenProducts, IterationValues.NONE, pdf, options, out);
                times[i] = (System.nanoTime() - start) / 1e6;
                System.out.printf(Locale.ROOT, "20k run %d: %d rows, %d pages, %d bytes, %.0f ms, heap used after: %d MiB%n", i + 1,
                        rowsCount, result.pages(), result.bytes(), times[i],
                        (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
            }
        }
        Arrays.sort(times);
        return times[1];
    }

    static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
