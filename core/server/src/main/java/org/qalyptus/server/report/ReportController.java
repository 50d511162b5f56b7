package org.qalyptus.server.report;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.qalyptus.server.asset.AssetKind;
import org.qalyptus.server.asset.AssetPermissions;
import org.qalyptus.server.asset.AssetPermissionRoutes;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.report.ReportRequests.CreateReport;
import org.qalyptus.server.report.ReportRequests.DuplicateReport;
import org.qalyptus.server.report.ReportRequests.HtmlContent;
import org.qalyptus.server.report.ReportRequests.UpdateReport;
import org.qalyptus.server.report.ReportViews.DuplicatedReport;
import org.qalyptus.server.report.ReportViews.DynamicNameView;
import org.qalyptus.server.report.ReportViews.HtmlContentView;
import org.qalyptus.server.report.ReportViews.IterationFieldView;
import org.qalyptus.server.report.ReportViews.QlikObjectView;
import org.qalyptus.server.report.ReportViews.ReportAppView;
import org.qalyptus.server.report.ReportViews.ReportView;
import org.qalyptus.server.report.ReportViews.TemplateItems;
import org.qalyptus.server.report.ReportViews.VariableView;
import org.qalyptus.server.web.ApiException;
import org.qalyptus.server.web.ApiResponse;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The Reports routes of the Qalyptus Cloud API (all but on-demand generation), plus saving an HTML
 * report's content and uploading/downloading an Office report's template. The rules live in
 * {@link ReportService}, {@link ReportTemplateService} and {@link ReportRendering}; the permission and owner
 * routes come from {@link AssetPermissionRoutes}.
 */
@RestController
@RequestMapping("/api/v1/reports")
@Tag(name = "Reports")
class ReportController extends AssetPermissionRoutes<ReportView> {

    private final ReportService reports;
    private final ReportTemplateService templates;
    private final ReportRendering rendering;

    ReportController(AssetPermissions permissions, ReportService reports, ReportTemplateService templates,
            ReportRendering rendering) {
        super(permissions);
        this.rendering = rendering;
        this.reports = reports;
        this.templates = templates;
    }

    @Override
    protected AssetKind<?> kind() {
        return ReportDocument.KIND;
    }

    @Override
    protected ReportView view(Caller caller, String id) {
        return reports.get(caller, id);
    }

    @Operation(summary = "Create report",
            description = "type is Excel, Word, PowerPoint or HTML (any case; HTML when absent). qlikAppIDs (or one "
                    + "qlikAppID) binds the report to apps of the project's organization, first = main app.")
    @PostMapping
    ApiResponse<ReportView> create(Caller caller, @RequestBody CreateReport request) {
        return ApiResponse.ok(reports.create(caller, request));
    }

    @Operation(summary = "Get reports")
    @GetMapping
    ApiResponse<List<ReportView>> list(Caller caller) {
        return ApiResponse.ok(reports.list(caller));
    }

    @Operation(summary = "Duplicate report",
            description = "Copies the report, its template and settings into a project of the organization under a free "
                    + "name. Apps the target organization does not serve are dropped and listed in droppedQlikAppIDs.")
    @PostMapping("/{id}/duplicate")
    ApiResponse<DuplicatedReport> duplicate(Caller caller, @PathVariable UUID id, @RequestBody DuplicateReport request) {
        return ApiResponse.ok(reports.duplicate(caller, id.toString(), request));
    }

    @Operation(summary = "Update a report",
            description = "The body is the report's new state (null iterationFields/dynamicNames clear them); the type "
                    + "cannot change; qlikAppIDs absent keeps the apps. A stale version (body or If-Match) answers 409.")
    @PutMapping("/{id}")
    ApiResponse<ReportView> update(Caller caller, @PathVariable UUID id, @RequestBody UpdateReport request,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return ApiResponse.ok(reports.update(caller, id.toString(), request, ifMatch));
    }

    @Operation(summary = "Get report by ID")
    @GetMapping("/{id}")
    ApiResponse<ReportView> get(Caller caller, @PathVariable UUID id) {
        return ApiResponse.ok(reports.get(caller, id.toString()));
    }

    @Operation(summary = "Delete report")
    @DeleteMapping("/{id}")
    ApiResponse<String> delete(Caller caller, @PathVariable UUID id) {
        reports.delete(caller, id.toString());
        return ApiResponse.ok(id.toString());
    }

    @Operation(summary = "Get reports by project ID")
    @GetMapping("/project/{id}")
    ApiResponse<List<ReportView>> byProject(Caller caller, @PathVariable UUID id) {
        return ApiResponse.ok(reports.listInProject(caller, id.toString()));
    }

    @Operation(summary = "Get report iteration fields")
    @GetMapping("/{id}/iteration-fields")
    ApiResponse<List<IterationFieldView>> iterationFields(Caller caller, @PathVariable UUID id) {
        return ApiResponse.ok(reports.iterationFields(caller, id.toString()));
    }

    @Operation(summary = "Get report dynamic names")
    @GetMapping("/{id}/dynamic-names")
    ApiResponse<List<DynamicNameView>> dynamicNames(Caller caller, @PathVariable UUID id) {
        return ApiResponse.ok(reports.dynamicNames(caller, id.toString()));
    }

    @Operation(summary = "Delete reports", description = "All or none: every id must be a report the caller may delete.")
    @DeleteMapping
    ApiResponse<List<String>> deleteMany(Caller caller, @RequestBody List<UUID> ids) {
        return ApiResponse.ok(reports.deleteMany(caller, ids));
    }

    // ---- apps ----

    @Operation(summary = "Get report variables", description = "The variables of the report's apps, valued under no selection; usedInTemplate marks those the saved template references.")
    @GetMapping("/{id}/variables")
    ApiResponse<List<VariableView>> variables(Caller caller, @PathVariable UUID id) {
        return ApiResponse.ok(rendering.variables(caller, id.toString()));
    }

    @Operation(summary = "Get report Qlik apps")
    @GetMapping("/{id}/qlik-apps")
    ApiResponse<List<ReportAppView>> qlikApps(Caller caller, @PathVariable UUID id) {
        return ApiResponse.ok(rendering.qlikApps(caller, id.toString()));
    }

    @Operation(summary = "Get Qlik objects by report")
    @GetMapping("/{id}/qlik-objects")
    ApiResponse<List<QlikObjectView>> qlikObjects(Caller caller, @PathVariable UUID id) {
        return ApiResponse.ok(rendering.qlikObjects(caller, id.toString()));
    }

    @Operation(summary = "Get report objects",
            description = "The template items: what the saved template uses, then one node per sheet of each app with its objects, then the apps' variables and fields.")
    @GetMapping("/{id}/template-items")
    ApiResponse<TemplateItems> templateItems(Caller caller, @PathVariable UUID id) {
        return ApiResponse.ok(rendering.templateItems(caller, id.toString()));
    }

    // ---- templates ----

    @Operation(summary = "Get report HTML content")
    @GetMapping("/{id}/html-content")
    ApiResponse<HtmlContentView> htmlContent(Caller caller, @PathVariable UUID id) {
        return ApiResponse.ok(templates.htmlContent(caller, id.toString()));
    }

    @Operation(summary = "Save report HTML content",
            description = "HTML reports only. JSON {htmlContent, version} or a text/html body; at most 1 MB.")
    @PutMapping(value = "/{id}/html-content", consumes = MediaType.APPLICATION_JSON_VALUE)
    ApiResponse<HtmlContentView> saveHtmlContent(Caller caller, @PathVariable UUID id, @RequestBody HtmlContent request,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        if (request == null) {
            throw ApiException.badRequest("A JSON body is required");
        }
        return ApiResponse.ok(templates.saveHtmlContent(caller, id.toString(), request.htmlContent(), request.version(), ifMatch));
    }

    @PutMapping(value = "/{id}/html-content", consumes = {MediaType.TEXT_HTML_VALUE, MediaType.TEXT_PLAIN_VALUE})
    ApiResponse<HtmlContentView> saveHtmlText(Caller caller, @PathVariable UUID id, @RequestBody byte[] body,
            @RequestHeader(HttpHeaders.CONTENT_TYPE) String contentType,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return ApiResponse.ok(templates.saveHtmlContent(caller, id.toString(), decode(body, contentType), null, ifMatch));
    }

    @Operation(summary = "Upload report template",
            description = "Excel, Word and PowerPoint reports: multipart/form-data with the file in a part named 'file' "
                    + "(.xlsx, .docx or .pptx as the type needs, checked by content; at most 20 MB).")
    @PutMapping(value = "/{id}/template", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ApiResponse<ReportView> uploadTemplate(Caller caller, @PathVariable UUID id,
            @RequestPart(value = "file", required = false) MultipartFile file,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        if (file == null) {
            throw ApiException.invalid("file", "send the template as multipart/form-data in a part named 'file'");
        }
        try {
            return ApiResponse.ok(templates.uploadTemplate(caller, id.toString(),
                    new ReportTemplateService.Upload(file.getOriginalFilename(), file.getSize(), file.getInputStream()), ifMatch));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Operation(summary = "Download report template", description = "The Office template file of an Excel, Word or PowerPoint report.")
    @GetMapping("/{id}/template")
    ResponseEntity<byte[]> template(Caller caller, @PathVariable UUID id) {
        ReportTemplateService.Download download = templates.template(caller, id.toString());
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(download.mediaType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(download.fileName(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(download.content());
    }

    @Operation(summary = "Preview a report",
            description = "Renders the saved template once, synchronously, under optional selections (size- and time-capped), "
                    + "and answers the file. Used by the console's live template editor.")
    @PostMapping("/{id}/preview/{outputFormat}")
    ResponseEntity<byte[]> preview(Caller caller, @PathVariable UUID id, @PathVariable String outputFormat,
            @RequestBody(required = false) ReportRendering.PreviewRequest request) {
        ReportRendering.Preview preview = rendering.preview(caller, id.toString(), outputFormat, request);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(preview.mediaType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename(preview.fileName(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'")
                .body(preview.content());
    }

    /** The text of a text/html body: in its declared charset, else UTF-8; malformed bytes are refused. */
    private static String decode(byte[] body, String contentType) {
        Charset charset = StandardCharsets.UTF_8;
        try {
            Charset declared = MediaType.parseMediaType(contentType).getCharset();
            if (declared != null) {
                charset = declared;
            }
        } catch (RuntimeException e) {
            throw ApiException.badRequest("The Content-Type header is malformed");
        }
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body == null ? new byte[0] : body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw ApiException.invalid("htmlContent", "is not valid " + charset.name() + " text");
        }
    }
}
