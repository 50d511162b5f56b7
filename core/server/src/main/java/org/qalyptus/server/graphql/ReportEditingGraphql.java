package org.qalyptus.server.graphql;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.execution.ExecutionService;
import org.qalyptus.server.filter.FilterItemService;
import org.qalyptus.server.filter.FilterItemView;
import org.qalyptus.server.report.ReportRendering;
import org.qalyptus.server.report.ReportService;
import org.qalyptus.server.report.ReportTemplateService;
import org.qalyptus.server.report.ReportViews;
import org.qalyptus.server.report.ReportViews.ReportView;
import org.qalyptus.server.web.ApiException;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;

/**
 * The report template editor: template text, the apps' variables, objects and insertable items, saving
 * and previews. The same service calls as the REST routes.
 */
@Controller
class ReportEditingGraphql {

    /** The largest Html preview answered inline; a GraphQL answer is no place for big documents. */
    static final int MAX_INLINE_HTML_BYTES = 5 << 20;
    private static final String HTML = "Html";

    private final ReportService reports;
    private final ReportTemplateService templates;
    private final ReportRendering rendering;
    private final ExecutionService executions;
    private final FilterItemService items;

    ReportEditingGraphql(ReportService reports, ReportTemplateService templates, ReportRendering rendering,
            ExecutionService executions, FilterItemService items) {
        this.reports = reports;
        this.templates = templates;
        this.rendering = rendering;
        this.executions = executions;
        this.items = items;
    }

    @QueryMapping
    ReportView reportEditor(@ContextValue Caller caller, @Argument String reportId) {
        return reports.get(caller, GlobalId.plain(reportId, "Report"));
    }

    @QueryMapping
    FilterItemView filterItem(@ContextValue Caller caller, @Argument String id) {
        return items.item(caller, id);
    }

    @SchemaMapping(typeName = "ReportEditor", field = "report")
    ReportView editorReport(ReportView report) {
        return report;
    }

    @SchemaMapping(typeName = "ReportEditor", field = "htmlContent")
    ReportViews.HtmlContentView htmlContent(@ContextValue Caller caller, ReportView report) {
        return templates.htmlContent(caller, report.id());
    }

    @SchemaMapping(typeName = "ReportEditor", field = "variables")
    List<ReportViews.VariableView> variables(@ContextValue Caller caller, ReportView report) {
        return rendering.variables(caller, report.id());
    }

    @SchemaMapping(typeName = "ReportEditor", field = "qlikApps")
    List<ReportViews.ReportAppView> qlikApps(@ContextValue Caller caller, ReportView report) {
        return rendering.qlikApps(caller, report.id());
    }

    @SchemaMapping(typeName = "ReportEditor", field = "qlikObjects")
    List<ReportViews.QlikObjectView> qlikObjects(@ContextValue Caller caller, ReportView report) {
        return rendering.qlikObjects(caller, report.id());
    }

    @SchemaMapping(typeName = "ReportEditor", field = "templateItems")
    List<ReportViews.Node> templateItems(@ContextValue Caller caller, ReportView report) {
        return rendering.templateItems(caller, report.id()).nodes();
    }

    @SchemaMapping(typeName = "HtmlContent", field = "reportId")
    String htmlContentReport(ReportViews.HtmlContentView content) {
        return content.id();
    }

    @MutationMapping
    Map<String, Object> saveReportHtmlContent(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("htmlContent", () -> templates.saveHtmlContent(caller, Inputs.uuid(input, "id", "Report"),
                Inputs.string(input, "htmlContent"), Inputs.version(input), null));
    }

    @MutationMapping
    Map<String, Object> previewReport(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payloadOf(() -> {
            String id = Inputs.uuid(input, "id", "Report");
            String format = input.get("outputFormat") == null ? HTML : Inputs.string(input, "outputFormat");
            List<ReportRendering.FieldSelection> selections = input.get("selections") == null ? null
                    : Inputs.bodies(input, "selections", ReportRendering.FieldSelection.class);
            String appId = Inputs.string(input, "qlikAppId");
            String bookmarkId = Inputs.string(input, "bookmarkId");
            if (!HTML.equalsIgnoreCase(format)) {
                if (input.get("htmlContent") != null || input.get("variables") != null) {
                    throw ApiException.invalid(input.get("htmlContent") != null ? "htmlContent" : "variables",
                            "previews only as Html; other formats render the saved template");
                }
                return Map.of("execution", executions.generate(caller, id, format,
                        new ExecutionService.GenerateRequest(selections, appId, bookmarkId)));
            }
            ReportRendering.Preview preview = rendering.preview(caller, id, format,
                    new ReportRendering.PreviewRequest(selections, appId, bookmarkId, variables(input)),
                    Inputs.string(input, "htmlContent"));
            if (preview.content().length > MAX_INLINE_HTML_BYTES) {
                throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "The preview is larger than "
                        + (MAX_INLINE_HTML_BYTES >> 20) + " MiB; generate it and download it by link instead", null);
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("html", new String(preview.content(), StandardCharsets.UTF_8));
            answer.put("fileName", preview.fileName());
            answer.put("mediaType", preview.mediaType());
            return answer;
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> variables(Map<String, Object> input) {
        if (!(input.get("variables") instanceof List<?> given)) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Object o : given) {
            Map<String, Object> pair = (Map<String, Object>) o;
            values.put(Inputs.string(pair, "name"), Inputs.string(pair, "value"));
        }
        return values;
    }
}
