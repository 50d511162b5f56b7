package org.qalyptus.render;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.TimeZone;
import org.qalyptus.render.data.Deadline;
import org.qalyptus.render.data.GeneratedAssets;
import org.qalyptus.render.data.ReportData;
import org.qalyptus.render.html.DeferredTables;
import org.qalyptus.render.html.FilledHtml;
import org.qalyptus.render.html.HtmlOutputFormat;
import org.qalyptus.render.html.HtmlTemplateEngine;
import org.qalyptus.render.html.LimitedOutputStream;
import org.qalyptus.render.html.PdfFormat;
import org.qalyptus.render.html.ReportModel;
import org.qalyptus.render.office.OfficeContext;
import org.qalyptus.render.office.OfficeFiller;
import org.qalyptus.spi.ExtensionException;
import org.qalyptus.spi.app.AppModel.FormatOptions;
import org.qalyptus.spi.app.AppModel.SelectionState;
import org.qalyptus.spi.app.AppSession;
import org.qalyptus.spi.render.OutputFormat;
import org.qalyptus.spi.render.RenderDocument;
import org.qalyptus.spi.render.RenderOptions;
import org.qalyptus.spi.render.TemplateKind;

/**
 * The rendering engine's entry point: fills a report template from an app session under a selection state
 * (plus the current iteration values) and converts it to an output format.
 *
 * <p>One instance per server: thread-safe, and it keeps what is worth keeping between documents (compiled
 * templates by report id and content hash, the sandbox configuration, Flying Saucer renderers with their
 * parsed stylesheets and fonts). The {@link AppSession} is the caller's, used by one render at a time.
 *
 * <p>Every failure a report author can cause or fix ends as a {@link RenderException} (an
 * {@link ExtensionException}) with a message for them; formats from plugins may throw their own
 * {@link ExtensionException}s.
 */
public final class ReportRenderer {

    private final RenderLimits limits;
    private final Clock clock;
    private final HtmlTemplateEngine html = new HtmlTemplateEngine();

    public ReportRenderer() {
        this(RenderLimits.defaults(), Clock.systemDefaultZone());
    }

    /**
     * @param limits the budgets every render runs under
     * @param clock the generation date and its time zone (the server's zone, or a tenant's)
     */
    public ReportRenderer(RenderLimits limits, Clock clock) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public RenderLimits limits() {
        return limits;
    }

    /**
     * Renders one document.
     *
     * @param template the report's template
     * @param session an open session on the report's app
     * @param state the selection state (task filters, bookmark); the iteration values go on top
     * @param iteration the current iteration values, or {@link IterationValues#NONE}
     * @param format a built-in format or one from a plugin; it must accept the template's kind
     * @param options passwords, separators, image quality, budgets
     * @param out where the file goes; the caller owns and closes it
     * @throws ExtensionException (a {@link RenderException} for template, data and budget problems)
     */
    public RenderResult render(ReportTemplate template, AppSession session, SelectionState state, IterationValues iteration,
            OutputFormat format, RenderOptions options, OutputStream out) {
        Objects.requireNonNull(format, "format");
        if (!format.templateKinds().contains(template.kind())) {
            throw new RenderException("Output format " + format.typeId() + " does not render " + template.kind().wireName()
                    + " templates");
        }
        LimitedOutputStream counted = new LimitedOutputStream(out, Long.MAX_VALUE);
        if (template.kind() == TemplateKind.HTML) {
            FilledHtml filled = fillHtml(template, session, state, iteration, options);
            if (format instanceof PdfFormat pdf) {
                PdfFormat.Outcome outcome = pdf.renderCounting(filled, options, counted);
                return result(format, counted, outcome.pages(), outcome.refusedReferences());
            }
            if (format instanceof HtmlOutputFormat builtIn) {
                builtIn.render(filled, options, counted);
            } else {
                format.render(new RenderDocument(TemplateKind.HTML, template.name(), filled.xhtml(), filled.assets()), options,
                        counted);
            }
            return result(format, counted, 0, List.of());
        }
        byte[] filled = fillOffice(template, session, state, iteration, options);
        format.render(new RenderDocument(template.kind(), template.name(), filled, template.assets()), options, counted);
        return result(format, counted, 0, List.of());
    }

    private static RenderResult result(OutputFormat format, LimitedOutputStream counted, int pages, List<String> refused) {
        try {
            counted.flush();
        } catch (IOException e) {
            throw new RenderException("The output could not be written: " + e.getMessage(), e);
        }
        return new RenderResult(format.typeId(), format.fileExtension(), format.mediaType(), counted.written(), pages, refused);
    }

    /** Renders into memory (previews, tests). */
    public byte[] renderToBytes(ReportTemplate template, AppSession session, SelectionState state, IterationValues iteration,
            OutputFormat format, RenderOptions options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        render(template, session, state, iteration, format, options, out);
        return out.toByteArray();
    }

    /**
     * Fills a template without converting it: for HTML the filled XHTML (charts referenced as
     * {@code qalyptus-image:N} and resolved by the document's assets), for Office kinds the filled package.
     * This is what {@link OutputFormat#render} receives.
     */
    public RenderDocument fill(ReportTemplate template, AppSession session, SelectionState state, IterationValues iteration,
            RenderOptions options) {
        if (template.kind() == TemplateKind.HTML) {
            FilledHtml filled = fillHtml(template, session, state, iteration, options);
            return new RenderDocument(TemplateKind.HTML, template.name(), filled.xhtml(), filled.assets());
        }
        return new RenderDocument(template.kind(), template.name(), fillOffice(template, session, state, iteration, options),
                template.assets());
    }

    /**
     * What a template references in its app (objects, variables, fields, formulas), read from the template
     * alone. Also validates it: a template the sandbox refuses, or a broken Office file, throws here.
     */
    public TemplateReferences references(ReportTemplate template) {
        if (template.kind() == TemplateKind.HTML) {
            return html.compile(template, limits).references();
        }
        return OfficeFiller.references(template.kind(), template.content(), limits);
    }

    private ReportData data(AppSession session, SelectionState state, IterationValues iteration, RenderOptions options,
            GeneratedAssets images) {
        Duration budget = options.timeBudget().compareTo(limits.templateTime()) < 0 ? options.timeBudget() : limits.templateTime();
        return new ReportData(session, state, iteration, formatOptions(options), limits,
                Deadline.in(budget, "Filling the template"), images);
    }

    private FilledHtml fillHtml(ReportTemplate template, AppSession session, SelectionState state, IterationValues iteration,
            RenderOptions options) {
        HtmlTemplateEngine.Compiled compiled = html.compile(template, limits);
        GeneratedAssets images = new GeneratedAssets(limits.maxImages());
        ReportData data = data(session, state, iteration, options, images);
        Instant now = clock.instant();
        DeferredTables tables = new DeferredTables();
        ReportModel model = new ReportModel(data, template.reportId(), template.name(), now, options.imageQuality(), tables);
        String filled = html.fill(compiled, model, options.locale(), TimeZone.getTimeZone(clock.getZone()), limits,
                data.deadline(), tables::chars);
        return FilledHtml.parse(filled, template.name(), images.over(template.assets()), limits, tables);
    }

    private byte[] fillOffice(ReportTemplate template, AppSession session, SelectionState state, IterationValues iteration,
            RenderOptions options) {
        ReportData data = data(session, state, iteration, options, new GeneratedAssets(limits.maxImages()));
        OfficeContext context = new OfficeContext(data, template.name(), clock.instant().atZone(clock.getZone()), options);
        return OfficeFiller.fill(template.kind(), template.content(), context, limits);
    }

    /** The separators of formatted numbers, from the render options. */
    static FormatOptions formatOptions(RenderOptions options) {
        try {
            return new FormatOptions(String.valueOf(options.decimalSeparator()),
                    options.groupSeparator() == null ? "" : String.valueOf(options.groupSeparator()));
        } catch (IllegalArgumentException e) {
            throw new RenderException("Separator options: " + e.getMessage());
        }
    }
}
