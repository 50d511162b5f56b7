package org.qalyptus.server.report;

import static org.qalyptus.server.report.ReportDocument.KIND;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.qalyptus.server.asset.Located;
import org.qalyptus.server.asset.ProjectAssets;
import org.qalyptus.server.asset.Versions;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.report.ReportViews.HtmlContentView;
import org.qalyptus.server.report.ReportViews.ReportView;
import org.qalyptus.server.web.ApiException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The template of a report: HTML content for HTML reports, an Office file for the others. Saving needs
 * editReport, reading viewReport. A new template is written as a new file first; the report then switches
 * to it with an update conditional on the file it had (and on the version the client named, if any), and
 * the old file is deleted last, so a reader always finds a template once one was saved.
 */
@Service
public class ReportTemplateService {

    /** The largest HTML template, in UTF-8 bytes. */
    public static final int MAX_HTML_BYTES = 1024 * 1024;
    /** The largest Office template file. */
    public static final long MAX_TEMPLATE_BYTES = 20L * 1024 * 1024;

    private final MongoTemplate mongo;
    private final ReportService reports;
    private final ProjectAssets assets;
    private final TemplateStore store;
    private final Clock clock;

    ReportTemplateService(MongoTemplate mongo, ReportService reports, ProjectAssets assets, TemplateStore store, Clock clock) {
        this.mongo = mongo;
        this.reports = reports;
        this.assets = assets;
        this.store = store;
        this.clock = clock;
    }

    /** An uploaded file: its name (used only for the download name) and its declared size. */
    public record Upload(String fileName, long size, InputStream content) {}

    /** A template file to send back. */
    public record Download(String fileName, String mediaType, byte[] content) {}

    // ---- HTML ----

    public HtmlContentView htmlContent(Caller caller, String id) {
        ReportDocument report = reports.viewable(caller, id).asset();
        requireHtml(report);
        return current(report).map(file -> new HtmlContentView(report.id(), file.text(), file.report().version()))
                .orElseGet(() -> new HtmlContentView(report.id(), null, report.version()));
    }

    /**
     * Saves an HTML report's template.
     *
     * @throws ApiException 400 when it is blank or holds NUL characters, 413 over {@link #MAX_HTML_BYTES},
     *     409 for another type or a stale version
     */
    public HtmlContentView saveHtmlContent(Caller caller, String id, String html, Long bodyVersion, String ifMatch) {
        byte[] bytes = checkedText(html);
        Long expected = Versions.expected(bodyVersion, ifMatch);
        Located<ReportDocument> located = reports.editable(caller, id);
        ReportDocument report = located.asset();
        requireHtml(report);
        Versions.check(KIND, report.version(), expected);
        String fileId = store.store(report, report.name() + ".html", ReportType.HTML.mediaType(), bytes);
        ReportDocument saved = switchTemplate(report, fileId, null, expected);
        return new HtmlContentView(saved.id(), html, saved.version());
    }

    /** The template text as stored, checked. @throws ApiException 400 blank or with NUL, 413 over the limit */
    private static byte[] checkedText(String html) {
        if (html == null || html.isBlank()) {
            throw ApiException.invalid("htmlContent", "is required: the report's HTML template");
        }
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_HTML_BYTES) {
            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE,
                    "The HTML content is larger than the limit of " + (MAX_HTML_BYTES >> 10) + " KB", null);
        }
        if (html.indexOf('\0') >= 0) {
            throw ApiException.invalid("htmlContent", "must be text: it holds NUL characters");
        }
        return bytes;
    }

    /** An unsaved template text of the report, checked as saving it would be (previews of the editor). */
    static byte[] checkedHtml(ReportDocument report, String html) {
        byte[] bytes = checkedText(html);
        requireHtml(report);
        return bytes;
    }

    // ---- Office ----

    /**
     * Replaces an Office report's template with the uploaded file, checked by content.
     *
     * @throws ApiException 413 over {@link #MAX_TEMPLATE_BYTES} (before the content is read), 400 when the file
     *     is not a template of the report's type, 409 for an HTML report or a stale version
     */
    public ReportView uploadTemplate(Caller caller, String id, Upload upload, String ifMatch) {
        Long expected = Versions.expected(null, ifMatch);
        Located<ReportDocument> located = reports.editable(caller, id);
        ReportDocument report = located.asset();
        ReportType type = report.reportType();
        if (!type.isOffice()) {
            throw ApiException.conflict("Report '" + report.name() + "' is an HTML report: save its template with "
                    + "PUT /api/v1/reports/" + report.id() + "/html-content");
        }
        if (upload.size() > MAX_TEMPLATE_BYTES) {
            throw tooLarge();
        }
        Versions.check(KIND, report.version(), expected);
        Path file = copyCapped(upload.content());
        try {
            if (Files.size(file) == 0) {
                throw ApiException.invalid("file", "is empty");
            }
            OfficeTemplateCheck.check(file, type);
            String fileName = fileName(upload.fileName(), report.name(), type);
            String fileId = store.store(report, fileName, type.mediaType(), file);
            ReportDocument saved = switchTemplate(report, fileId, fileName, expected);
            return ReportService.view(new Located<>(saved, located.project(), located.user(), located.subject()),
                    assets.ownerName(located));
        } catch (OfficeTemplateCheck.Refused e) {
            throw ApiException.invalid("file", e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file; the OS cleans its temp folder
            }
        }
    }

    public Download template(Caller caller, String id) {
        ReportDocument report = reports.viewable(caller, id).asset();
        ReportType type = report.reportType();
        if (!type.isOffice()) {
            throw ApiException.conflict("Report '" + report.name() + "' is an HTML report: read its template with "
                    + "GET /api/v1/reports/" + report.id() + "/html-content");
        }
        Current current = current(report).orElseThrow(() -> ApiException.notFound("The template of report '"
                + report.name() + "'"));
        return new Download(fileName(current.file().fileName(), report.name(), type), type.mediaType(), current.file().content());
    }

    // ---- internals ----

    private record Current(ReportDocument report, TemplateStore.StoredFile file) {
        String text() {
            return new String(file.content(), StandardCharsets.UTF_8);
        }
    }

    /** The report's current template bytes, or empty when it has none (yet). */
    Optional<byte[]> currentContent(ReportDocument report) {
        return current(report).map(c -> c.file().content());
    }

    /**
     * The report's current template file. A file replaced between reading the report and reading the file
     * is found by reading the report again.
     */
    private Optional<Current> current(ReportDocument report) {
        ReportDocument seen = report;
        for (int attempt = 0; attempt < 3 && seen != null && seen.templateFileId() != null; attempt++) {
            Optional<TemplateStore.StoredFile> file = store.read(seen.templateFileId());
            if (file.isPresent()) {
                return Optional.of(new Current(seen, file.get()));
            }
            seen = mongo.findById(report.id(), ReportDocument.class);
        }
        return Optional.empty();
    }

    /**
     * Points the report at its new template file if it still has the file it was read with (and the version
     * the client named), then deletes the old file; otherwise deletes the new file and answers 409 (or 404
     * when the report was deleted meanwhile).
     */
    private ReportDocument switchTemplate(ReportDocument report, String fileId, String fileName, Long expectedVersion) {
        Criteria unchanged = Criteria.where("_id").is(report.id()).and("templateFileId").is(report.templateFileId());
        if (expectedVersion != null) {
            unchanged = unchanged.and("version").is(expectedVersion);
        }
        Update update = new Update().set("templateFileId", fileId).set("updatedAt", clock.instant()).inc("version", 1);
        update = fileName == null ? update.unset("templateFileName") : update.set("templateFileName", fileName);
        ReportDocument saved = mongo.findAndModify(new Query(unchanged), update,
                FindAndModifyOptions.options().returnNew(true), ReportDocument.class);
        if (saved == null) {
            store.delete(fileId);
            if (mongo.findById(report.id(), ReportDocument.class) == null) {
                throw ApiException.notFound("Report " + report.id());
            }
            throw Versions.stale(KIND);
        }
        store.delete(report.templateFileId());
        return saved;
    }

    private static void requireHtml(ReportDocument report) {
        if (report.reportType() != ReportType.HTML) {
            throw ApiException.conflict("Report '" + report.name() + "' is of type " + report.type()
                    + ": its template is a file, see /api/v1/reports/" + report.id() + "/template");
        }
    }

    /**
     * The name the template is kept and downloaded under: the uploaded name without any folder, with
     * characters a file name may not hold replaced, and the type's extension; the report's name when the
     * upload had none.
     */
    static String fileName(String uploaded, String reportName, ReportType type) {
        String name = uploaded == null ? "" : uploaded;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        StringBuilder safe = new StringBuilder();
        name.codePoints().forEach(c -> safe.appendCodePoint(Character.isISOControl(c)
                || org.qalyptus.server.asset.AssetNames.FILE_UNSAFE.indexOf(c) >= 0 ? '_' : c));
        String cleaned = safe.toString().trim();
        String extension = "." + type.extension();
        if (cleaned.toLowerCase(java.util.Locale.ROOT).endsWith(extension)) {
            cleaned = cleaned.substring(0, cleaned.length() - extension.length());
        }
        if (cleaned.isBlank() || cleaned.chars().allMatch(c -> c == '.')) {
            cleaned = reportName;
        }
        if (cleaned.length() > 150) {
            cleaned = cleaned.substring(0, 150);
        }
        return cleaned + extension;
    }

    private static Path copyCapped(InputStream in) {
        try {
            Path file = Files.createTempFile("qalyptus-template-", ".bin");
            boolean kept = false;
            try (InputStream source = in; OutputStream out = Files.newOutputStream(file)) {
                byte[] buffer = new byte[64 * 1024];
                long total = 0;
                for (int n; (n = source.read(buffer)) > 0; ) {
                    total += n;
                    if (total > MAX_TEMPLATE_BYTES) {
                        throw tooLarge();
                    }
                    out.write(buffer, 0, n);
                }
                kept = true;
            } finally {
                if (!kept) {
                    Files.deleteIfExists(file);
                }
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ApiException tooLarge() {
        return new ApiException(HttpStatus.CONTENT_TOO_LARGE,
                "The template file is larger than the limit of " + (MAX_TEMPLATE_BYTES >> 20) + " MB", null);
    }
}
