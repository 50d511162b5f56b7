package org.qalyptus.server.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.qalyptus.render.DynamicName;
import org.qalyptus.render.IterationValues;
import org.qalyptus.render.ReportRenderer;
import org.qalyptus.render.ReportTemplate;
import org.qalyptus.render.TemplateReferences;
import org.qalyptus.server.app.AppElementIds;
import org.qalyptus.server.asset.Located;
import org.qalyptus.server.asset.ProjectAssets;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.render.OutputFormats;
import org.qalyptus.server.web.ApiException;
import org.qalyptus.server.web.ApiResponse.FieldError;
import org.qalyptus.spi.ExtensionException;
import org.qalyptus.spi.app.AppModel.FieldInfo;
import org.qalyptus.spi.app.AppModel.SelectionState;
import org.qalyptus.spi.render.OutputFormat;
import org.qalyptus.spi.render.RenderDocument.AssetResolver;
import org.qalyptus.spi.render.RenderOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * A report's saved template as the rendering engine sees it: what it references (for the template-item
 * routes) and synchronous previews, which the console's live editor calls as the author types. A preview
 * is bounded in time and size, needs {@code viewReport}, and a template or data problem is the author's to
 * fix: it answers 422 with the engine's message, never 500.
 */
@Service
public class ReportRendering {

    private static final Logger log = LoggerFactory.getLogger(ReportRendering.class);
    /** The largest preview answered; larger ones are 413 (render with a task instead). */
    static final long MAX_PREVIEW_BYTES = 20L << 20;
    static final Duration PREVIEW_TIME = Duration.ofSeconds(30);

    private final ProjectAssets assets;
    private final ReportTemplateService templates;
    private final ReportApps apps;
    private final ReportRenderer renderer;
    private final OutputFormats formats;

    ReportRendering(ProjectAssets assets, ReportTemplateService templates, ReportApps apps, ReportRenderer renderer,
            OutputFormats formats) {
        this.assets = assets;
        this.templates = templates;
        this.apps = apps;
        this.renderer = renderer;
        this.formats = formats;
    }

    /** A rendered preview: the file and how to name and type it. */
    public record Preview(String fileName, String mediaType, byte[] content) {}

    /** One field's selected values; the field is named by {@code fieldName} or by its {@code qlikFieldID}. */
    public record FieldSelection(String fieldName, String qlikFieldID, List<String> values) {}

    /**
     * What to preview under: field selections, an app of the report (default its main app), a bookmark and
     * variable values.
     */
    public record PreviewRequest(List<FieldSelection> selections, String appId, String bookmarkId,
            Map<String, String> variables) {}

    /** The report's saved template, if it has one (previews here, task runs in the execution engine). */
    public Optional<ReportTemplate> template(ReportDocument report) {
        return templates.currentContent(report).map(content -> new ReportTemplate(report.id(), report.name(),
                report.reportType().templateKind(), content, AssetResolver.NONE));
    }

    /**
     * What the saved template references; nothing when the report has no template or the template cannot be
     * read (its problems are reported where it is rendered and saved, not while browsing items).
     */
    TemplateReferences references(ReportDocument report) {
        Optional<ReportTemplate> template = template(report);
        if (template.isEmpty()) {
            return TemplateReferences.NONE;
        }
        try {
            return renderer.references(template.get());
        } catch (ExtensionException e) {
            log.debug("Report {}: its template cannot be read for references: {}", report.id(), e.getMessage());
            return TemplateReferences.NONE;
        }
    }

    // ---- what the template editor lists (REST and GraphQL call these) ----

    /** The variables of the report's apps, valued under no selection, marking those the saved template uses. */
    public List<ReportViews.VariableView> variables(Caller caller, String id) {
        ReportDocument report = viewable(caller, id);
        return apps.variables(report, references(report));
    }

    /** The report's apps with the connection serving each. */
    public List<ReportViews.ReportAppView> qlikApps(Caller caller, String id) {
        return apps.qlikApps(viewable(caller, id));
    }

    /** The objects of the report's apps, marking those the saved template uses. */
    public List<ReportViews.QlikObjectView> qlikObjects(Caller caller, String id) {
        ReportDocument report = viewable(caller, id);
        return apps.objects(report, references(report));
    }

    /** The items a template can insert: what the saved template uses, then per sheet, variables and fields. */
    public ReportViews.TemplateItems templateItems(Caller caller, String id) {
        ReportDocument report = viewable(caller, id);
        return apps.templateItems(report, references(report));
    }

    private ReportDocument viewable(Caller caller, String id) {
        return assets.require(caller, ReportDocument.KIND, id, ReportDocument.KIND.view()).asset();
    }

    /**
     * Renders the saved template once, synchronously.
     *
     * @throws ApiException 400 for an unknown format, one the report type cannot produce or bad selections; 409
     *     when the report has no template or no app; 413 when the file would be larger than the preview cap;
     *     422 when the template or the data cannot be rendered
     */
    public Preview preview(Caller caller, String id, String outputFormat, PreviewRequest request) {
        return preview(caller, id, outputFormat, request, null);
    }

    /**
     * Renders the saved template, or an HTML report's unsaved template text (the editor's live pane), once,
     * synchronously, with the same time and size limits. An unsaved text is checked as saving it would be (HTML
     * reports, at most {@link ReportTemplateService#MAX_HTML_BYTES}, text) and needs {@code editReport}: with
     * only viewReport, a made-up template could read any data of the report's apps.
     *
     * @param unsavedHtml the template text to render instead of the saved one; null for the saved one
     * @throws ApiException as {@link #preview(Caller, String, String, PreviewRequest)}; 400/413 for a text that
     *     could not be saved; 409 for an unsaved text of an Office report
     */
    public Preview preview(Caller caller, String id, String outputFormat, PreviewRequest request, String unsavedHtml) {
        Located<ReportDocument> located = assets.require(caller, ReportDocument.KIND, id,
                unsavedHtml == null ? ReportDocument.KIND.view() : ReportDocument.KIND.edit());
        ReportDocument report = located.asset();
        byte[] unsaved = unsavedHtml == null ? null : ReportTemplateService.checkedHtml(report, unsavedHtml);
        OutputFormat format = formats.byTypeId(outputFormat)
                .filter(f -> report.reportType().outputFormats().stream().anyMatch(allowed -> allowed.equalsIgnoreCase(f.typeId())))
                .orElseThrow(() -> ApiException.invalid("outputFormat", "must be one of "
                        + report.reportType().outputFormats() + " for a " + report.reportType().wireName() + " report"));
        PreviewRequest given = request == null ? new PreviewRequest(null, null, null, null) : request;
        String appId = appOf(report, given.appId());
        ReportTemplate template = unsaved != null
                ? new ReportTemplate(report.id(), report.name(), report.reportType().templateKind(), unsaved, AssetResolver.NONE)
                : template(report).orElseThrow(() -> ApiException.conflict("Report '" + report.name() + "' has no template yet"));
        RenderOptions options = new RenderOptions(null, null, 90, '.', null, ',', Locale.ROOT, PREVIEW_TIME, MAX_PREVIEW_BYTES);
        byte[] content = apps.read(report, appId, session -> {
            SelectionState state = selectionState(appId, session.fields(), given);
            try {
                return renderer.renderToBytes(template, session, state, IterationValues.NONE, format, options);
            } catch (ExtensionException e) {
                if (e.getMessage() != null && e.getMessage().contains("exceeds its size budget")) {
                    throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, e.getMessage(), null);
                }
                throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "The report cannot be rendered: " + e.getMessage(), null);
            }
        });
        if (content.length > MAX_PREVIEW_BYTES) {
            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "The preview is larger than "
                    + (MAX_PREVIEW_BYTES >> 20) + " MiB; generate it with a task instead", null);
        }
        String fileName = DynamicName.safeFileName(report.name()) + "." + format.fileExtension();
        return new Preview(fileName, format.mediaType(), content);
    }

    private static String appOf(ReportDocument report, String requested) {
        if (report.appIds().isEmpty()) {
            throw ApiException.conflict("Report '" + report.name() + "' draws from no app; set its qlikAppIDs first");
        }
        if (requested == null || requested.isBlank()) {
            return report.appIds().get(0);
        }
        if (!report.appIds().contains(requested)) {
            throw ApiException.invalid("appId", "is not one of the report's apps");
        }
        return requested;
    }

    /**
     * The request's selections, each field resolved by name or stable id among the app's fields (previews and
     * on-demand requests). @throws ApiException 400 naming the selections that are not fields of the app
     */
    public static SelectionState selectionState(String appId, List<FieldInfo> fields, PreviewRequest request) {
        Map<String, List<String>> selected = new LinkedHashMap<>();
        List<FieldError> errors = new ArrayList<>();
        List<FieldSelection> selections = request.selections() == null ? List.of() : request.selections();
        for (int i = 0; i < selections.size(); i++) {
            FieldSelection selection = selections.get(i);
            String at = "selections[" + i + "]";
            if (selection == null) {
                errors.add(new FieldError(at, "is required"));
                continue;
            }
            Optional<String> field = fields.stream().map(FieldInfo::name)
                    .filter(name -> name.equals(selection.fieldName())
                            || AppElementIds.field(appId, name).equals(selection.qlikFieldID()))
                    .findFirst();
            if (field.isEmpty()) {
                errors.add(new FieldError(at + ".fieldName", "is not a field of the app"));
                continue;
            }
            if (selection.values() == null || selection.values().isEmpty() || selection.values().contains(null)) {
                errors.add(new FieldError(at + ".values", "must list at least one value, none null"));
                continue;
            }
            selected.put(field.get(), List.copyOf(selection.values()));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        Map<String, String> variables = request.variables() == null ? Map.of() : request.variables();
        if (variables.entrySet().stream().anyMatch(e -> e.getKey() == null || e.getValue() == null)) {
            throw ApiException.invalid("variables", "names and values must not be null");
        }
        return new SelectionState(selected, variables, blankToNull(request.bookmarkId()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
