package org.qalyptus.render.html;

import java.io.OutputStream;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.TimeZone;
import org.qalyptus.render.IterationValues;
import org.qalyptus.render.RenderLimits;
import org.qalyptus.render.ReportTemplate;
import org.qalyptus.render.data.Deadline;
import org.qalyptus.render.data.GeneratedAssets;
import org.qalyptus.render.data.ReportData;
import org.qalyptus.spi.app.AppModel.FormatOptions;
import org.qalyptus.spi.app.AppModel.SelectionState;
import org.qalyptus.spi.app.AppSession;
import org.qalyptus.spi.render.RenderOptions;
import org.xhtmlrenderer.pdf.ITextRenderer;
import org.xhtmlrenderer.resource.XMLResource;
import org.xml.sax.InputSource;

/**
 * The benchmark's stopwatch: runs the steps of an HTML template to PDF one by one, as {@code ReportRenderer} and
 * {@code PdfFormat} chain them, and times each (wall clock and the thread's CPU time); the same for raw Flying
 * Saucer. The data query is made first (the objects the template references), so the fill time is FreeMarker's
 * own. Test code: it lives in the engine's package to reach the PDF engine's steps.
 */
public final class PhaseProbe {

    public static final String[] OURS = {"data query (embedded engine, DuckDB)", "FreeMarker fill", "HTML parse + clean (jsoup)",
        "W3C DOM + tables", "stylesheets + style matching setup", "layout", "PDF write (paint, fonts, compression)"};
    public static final String[] RAW = {"XML parse", "new ITextRenderer", "setDocument (CSS parse, base fonts)", "layout",
        "createPDF (paint, fonts, compression)"};

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final HtmlTemplateEngine templates = new HtmlTemplateEngine();
    private final PdfEngine pdf = new PdfEngine();
    private final RenderLimits limits = RenderLimits.defaults();

    /** Wall and thread CPU nanoseconds per phase. */
    public static final class Times {
        public final long[] wall;
        public final long[] cpu;
        private long lastWall;
        private long lastCpu;
        private int phase;

        Times(int phases) {
            wall = new long[phases];
            cpu = new long[phases];
            lastWall = System.nanoTime();
            lastCpu = THREADS.getCurrentThreadCpuTime();
        }

        void lap() {
            long w = System.nanoTime();
            long c = THREADS.getCurrentThreadCpuTime();
            wall[phase] = w - lastWall;
            cpu[phase] = c - lastCpu;
            phase++;
            lastWall = System.nanoTime();
            lastCpu = THREADS.getCurrentThreadCpuTime();
        }
    }

    /** One document through the engine's steps. */
    public Times ours(ReportTemplate template, AppSession session, SelectionState state, RenderOptions options) throws Exception {
        Times times = new Times(OURS.length);
        HtmlTemplateEngine.Compiled compiled = templates.compile(template, limits);
        GeneratedAssets images = new GeneratedAssets(limits.maxImages());
        FormatOptions format = new FormatOptions(String.valueOf(options.decimalSeparator()),
                options.groupSeparator() == null ? "" : String.valueOf(options.groupSeparator()));
        ReportData data = new ReportData(session, state, IterationValues.NONE, format, limits,
                Deadline.in(Duration.ofSeconds(10), "Filling the template"), images);
        for (String object : compiled.references().objects()) {
            data.objectData(object);
        }
        times.lap();
        DeferredTables tables = new DeferredTables();
        ReportModel model = new ReportModel(data, template.reportId(), template.name(), Instant.now(), options.imageQuality(), tables);
        String filled = templates.fill(compiled, model, Locale.ROOT, TimeZone.getDefault(), limits, data.deadline(), tables::chars);
        times.lap();
        FilledHtml document = FilledHtml.parse(filled, template.name(), images.over(template.assets()), limits, tables);
        times.lap();
        document.dom();
        times.lap();
        pdf.begin(document, options);
        times.lap();
        try {
            pdf.layout();
            times.lap();
            pdf.writePdf(OutputStream.nullOutputStream());
            times.lap();
        } finally {
            pdf.end();
        }
        return times;
    }

    /** Raw Flying Saucer on XHTML: parse, a new renderer, set the document, lay out, write. */
    public static Times raw(String xhtml) throws Exception {
        Times times = new Times(RAW.length);
        org.w3c.dom.Document document = XMLResource.load(new InputSource(new StringReader(xhtml))).getDocument();
        times.lap();
        ITextRenderer renderer = new ITextRenderer();
        times.lap();
        renderer.setDocument(document, null);
        times.lap();
        renderer.layout();
        times.lap();
        renderer.createPDF(OutputStream.nullOutputStream());
        times.lap();
        return times;
    }

    /** The report stylesheet (what raw Flying Saucer gets inlined). */
    public static String reportCss() {
        return ReportNamespaceHandler.REPORT_CSS;
    }
}
