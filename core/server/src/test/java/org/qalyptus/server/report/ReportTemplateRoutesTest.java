package org.qalyptus.server.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qalyptus.server.report.ReportTenancy.REPORTS;
import static org.qalyptus.server.report.ReportTenancy.assertInvalid;
import static org.qalyptus.server.report.ReportTenancy.assertStatus;
import static org.qalyptus.server.report.ReportTenancy.path;
import static org.qalyptus.server.report.ReportTenancy.random;

import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import org.qalyptus.server.support.SharedServer;
import tools.jackson.databind.JsonNode;

/**
 * HTML content and Office template files over real HTTP: saving and reading them, the size caps, the
 * content checks with real files made by POI and hostile ones, and the permission rules.
 */
class ReportTemplateRoutesTest {

    private static ReportTenancy t;
    private static Http http;
    private static TemplateFiles files;

    @TempDir
    static Path folder;

    @BeforeAll
    static void tenancy() {
        t = new ReportTenancy(SharedServer.get());
        http = t.http;
        files = new TemplateFiles(folder);
    }

    private static Answer upload(String path, String credential, TemplateFiles.Multipart multipart, String... headers) {
        HttpRequest.Builder request = http.request(path + "/template", credential)
                .header("Content-Type", multipart.contentType()).PUT(multipart.body());
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request);
    }

    private static Answer upload(JsonNode report, String credential, Path file) {
        return upload(path(report), credential, TemplateFiles.Multipart.of(file));
    }

    private static HttpResponse<byte[]> download(JsonNode report, String credential) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(http.request(path(report) + "/template", credential).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Answer saveHtml(JsonNode report, String credential, Object body) {
        return t.put(path(report) + "/html-content", credential, body);
    }

    // ---- Office templates ----

    @Test
    void eachOfficeReportTakesItsTemplateAndGivesItBack() {
        String projectId = t.projectId(t.creator);
        Map<String, Path> byType = Map.of("Excel", files.xlsx("Budget.xlsx"), "Word", files.docx("Letter.docx"),
                "PowerPoint", files.pptx("Deck.pptx"));
        Map<String, String> mediaTypes = Map.of(
                "Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "Word", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "PowerPoint", "application/vnd.openxmlformats-officedocument.presentationml.presentation");
        byType.forEach((type, file) -> {
            JsonNode report = t.report(t.creator.key(), projectId, type);

            Answer uploaded = upload(report, t.creator.key(), file);

            assertStatus(uploaded, 200);
            assertThat(uploaded.data().get("templateFile").asString()).isEqualTo(file.getFileName().toString());
            assertThat(uploaded.data().get("version").asLong()).isEqualTo(1);
            assertThat(http.get(path(report), t.creator.key()).data().get("templateFile").asString())
                    .isEqualTo(file.getFileName().toString());
            HttpResponse<byte[]> downloaded = download(report, t.creator.key());
            assertThat(downloaded.statusCode()).isEqualTo(200);
            assertThat(downloaded.body()).isEqualTo(TemplateFiles.bytes(file));
            assertThat(downloaded.headers().firstValue("Content-Type").orElseThrow()).isEqualTo(mediaTypes.get(type));
            assertThat(downloaded.headers().firstValue("Content-Disposition").orElseThrow())
                    .startsWith("attachment").contains(file.getFileName().toString());
        });
    }

    @Test
    void aNewTemplateReplacesTheOldOneAndLeavesOneFile() {
        JsonNode report = t.report(t.creator.key(), t.projectId(t.creator), "Excel");
        String id = report.get("id").asString();
        assertStatus(upload(report, t.creator.key(), files.xlsx("First.xlsx")), 200);
        Path second = files.xlsx("C:\\Users\\me\\Second:v2.XLSX");

        Answer replaced = upload(report, t.creator.key(), second);

        assertStatus(replaced, 200);
        assertThat(replaced.data().get("templateFile").asString()).as("folder dropped, unsafe characters replaced")
                .isEqualTo("Second_v2.xlsx");
        assertThat(t.templateFiles(id)).isEqualTo(1);
        assertThat(download(report, t.creator.key()).body()).isEqualTo(TemplateFiles.bytes(second));
        assertThat(t.stored(id).get("version")).isEqualTo(2L);
    }

    @Test
    void templatesAreCheckedByTheirContentNotTheirName() {
        JsonNode excel = t.report(t.creator.key(), t.projectId(t.creator), "Excel");
        JsonNode word = t.report(t.creator.key(), t.projectId(t.creator), "Word");
        Path kept = files.xlsx("Kept.xlsx");
        assertStatus(upload(excel, t.creator.key(), kept), 200);
        Document before = t.stored(excel.get("id").asString());

        Map<Path, String> refused = Map.of(
                files.text("Renamed.xlsx"), "not an Excel workbook",
                files.docx("Letter.xlsx"), "is a Word document",
                files.pptx("Deck.xlsx"), "is a PowerPoint presentation",
                files.xls("Legacy.xlsx"), "legacy binary",
                files.xlsm("Macros.xlsx"), "Macro-enabled",
                files.plainZip("Archive.xlsx"), "not a readable",
                files.zipBomb("Bomb.xlsx", 60), "zip bomb",
                files.empty("Empty.xlsx"), "empty");
        refused.forEach((file, reason) -> {
            Answer answer = upload(excel, t.creator.key(), file);
            assertInvalid(answer, "file");
            assertThat(answer.json().get("error").asString()).as(file.toString()).contains(reason);
        });
        assertInvalid(upload(word, t.creator.key(), files.xlsx("Book.docx")), "file");

        assertThat(t.stored(excel.get("id").asString())).isEqualTo(before);
        assertThat(t.templateFiles(excel.get("id").asString())).isEqualTo(1);
        assertThat(download(excel, t.creator.key()).body()).isEqualTo(TemplateFiles.bytes(kept));
        assertThat(t.templateFiles(word.get("id").asString())).isZero();
    }

    @Test
    void aTemplateOverTheSizeCapIsRefusedWith413() {
        JsonNode report = t.report(t.creator.key(), t.projectId(t.creator), "PowerPoint");
        Answer answer = upload(report, t.creator.key(), files.large("Huge.pptx", 21L * 1024 * 1024));

        assertStatus(answer, 413);
        assertThat(answer.json().get("error").asString()).contains("20 MB");
        assertThat(t.templateFiles(report.get("id").asString())).isZero();
        assertThat(t.stored(report.get("id").asString()).get("version")).isEqualTo(0L);
    }

    @Test
    void uploadingNeedsEditReportOnAnOfficeReport() {
        String projectId = t.projectId(t.creator);
        JsonNode report = t.report(t.creator.key(), projectId, "Excel");
        JsonNode html = t.report(t.creator.key(), projectId, "HTML");
        Path file = files.xlsx("Book.xlsx");

        assertStatus(upload(report, null, file), 401);
        t.grant(projectId, t.otherCreator, t.creator.key(), ReportTenancy.allBut("editReport"));
        assertStatus(upload(report, t.otherCreator.key(), file), 403);
        assertStatus(upload(report, t.outsider.key(), file), 404);
        assertStatus(upload(path(report).replace(report.get("id").asString(), java.util.UUID.randomUUID().toString()),
                t.creator.key(), TemplateFiles.Multipart.of(file)), 404);
        assertStatus(upload(REPORTS + "/nope", t.creator.key(), TemplateFiles.Multipart.of(file)), 400);
        assertStatus(upload(html, t.creator.key(), file), 409);
        assertInvalid(upload(path(report), t.creator.key(), TemplateFiles.Multipart.of("document", "Book.xlsx",
                TemplateFiles.bytes(file))), "file");
        assertStatus(http.send(http.request(path(report) + "/template", t.creator.key())
                .header("Content-Type", "application/octet-stream").PUT(BodyPublishers.ofByteArray(TemplateFiles.bytes(file)))),
                415);
        assertStatus(upload(path(report), t.creator.key(), TemplateFiles.Multipart.of(file), "If-Match", "7"), 409);
        assertThat(t.templateFiles(report.get("id").asString())).isZero();

        assertStatus(upload(path(report), t.creator.key(), TemplateFiles.Multipart.of(file), "If-Match", "0"), 200);
    }

    @Test
    void downloadingNeedsViewReportAndATemplate() {
        String projectId = t.projectId(t.creator);
        JsonNode report = t.report(t.creator.key(), projectId, "Word");
        JsonNode html = t.report(t.creator.key(), projectId, "HTML");

        assertStatus(http.get(path(report) + "/template", t.creator.key()), 404);
        assertStatus(upload(report, t.creator.key(), files.docx("Letter.docx")), 200);
        assertStatus(http.get(path(report) + "/template", null), 401);
        assertStatus(http.get(path(report) + "/template", t.otherCreator.key()), 403);
        assertStatus(http.get(path(report) + "/template", t.outsider.key()), 404);
        assertStatus(http.get(random() + "/template", t.creator.key()), 404);
        assertStatus(http.get(REPORTS + "/nope/template", t.creator.key()), 400);
        assertStatus(http.get(path(html) + "/template", t.creator.key()), 409);

        t.grant(projectId, t.viewer, t.creator.key(), "viewProject", "viewReport");
        assertThat(download(report, t.viewer.key()).statusCode()).isEqualTo(200);
    }

    // ---- HTML content ----

    @Test
    void anHtmlReportSavesAndReadsItsContent() {
        JsonNode report = t.report(t.creator.key(), t.projectId(t.creator), "HTML");
        Answer empty = http.get(path(report) + "/html-content", t.creator.key());
        assertStatus(empty, 200);
        assertThat(empty.data().get("htmlContent").isNull()).isTrue();
        assertThat(empty.data().get("id").asString()).isEqualTo(report.get("id").asString());

        String html = "<html><body><h1>Ventes à l'été</h1>${objects[\"kpi-revenue\"]}</body></html>";
        Answer saved = saveHtml(report, t.creator.key(), Map.of("htmlContent", html));

        assertStatus(saved, 200);
        assertThat(saved.data().get("htmlContent").asString()).isEqualTo(html);
        assertThat(saved.data().get("version").asLong()).isEqualTo(1);
        Answer read = http.get(path(report) + "/html-content", t.creator.key());
        assertThat(read.data().get("htmlContent").asString()).isEqualTo(html);
        assertThat(read.data().get("version").asLong()).isEqualTo(1);
        assertThat(http.get(path(report), t.creator.key()).data().get("templateFile").asString())
                .isEqualTo(report.get("name").asString() + ".html");

        String latin = "<p>Caf\u00e9</p>";
        Answer asText = http.send(http.request(path(report) + "/html-content", t.creator.key())
                .header("Content-Type", "text/html; charset=ISO-8859-1").header("If-Match", "1")
                .PUT(BodyPublishers.ofByteArray(latin.getBytes(StandardCharsets.ISO_8859_1))));
        assertStatus(asText, 200);
        assertThat(http.get(path(report) + "/html-content", t.creator.key()).data().get("htmlContent").asString())
                .isEqualTo(latin);
        Answer utf8 = http.send(http.request(path(report) + "/html-content", t.creator.key())
                .header("Content-Type", "text/html").PUT(BodyPublishers.ofString("<p>\u00e9t\u00e9</p>", StandardCharsets.UTF_8)));
        assertStatus(utf8, 200);
        assertThat(utf8.data().get("htmlContent").asString()).isEqualTo("<p>\u00e9t\u00e9</p>");
        assertThat(t.templateFiles(report.get("id").asString())).isEqualTo(1);
    }

    @Test
    void htmlContentIsValidatedAndCappedAndChangesNothingWhenRefused() {
        JsonNode report = t.report(t.creator.key(), t.projectId(t.creator), "HTML");
        assertStatus(saveHtml(report, t.creator.key(), Map.of("htmlContent", "<p>kept</p>")), 200);
        Document before = t.stored(report.get("id").asString());

        assertInvalid(saveHtml(report, t.creator.key(), Map.of("htmlContent", "  ")), "htmlContent");
        assertInvalid(saveHtml(report, t.creator.key(), Map.of("version", 1)), "htmlContent");
        assertInvalid(saveHtml(report, t.creator.key(), Map.of("htmlContent", "<p>a\u0000b</p>")), "htmlContent");
        assertInvalid(t.put(path(report) + "/html-content", t.creator.key(), "{\"htmlContent\": {\"$ne\": null}}"),
                "htmlContent");
        assertStatus(saveHtml(report, t.creator.key(), Map.of("htmlContent", "x".repeat(1024 * 1024 + 1))), 413);
        assertStatus(saveHtml(report, t.creator.key(), Map.of("htmlContent", "<p>stale</p>", "version", 0)), 409);
        assertInvalid(http.send(http.request(path(report) + "/html-content", t.creator.key())
                .header("Content-Type", "text/html; charset=UTF-8")
                .PUT(BodyPublishers.ofByteArray(new byte[] {'<', 'p', '>', (byte) 0xC3, (byte) 0x28}))), "htmlContent");
        assertStatus(http.send(http.request(path(report) + "/html-content", t.creator.key())
                .header("Content-Type", "application/pdf").PUT(BodyPublishers.ofString("%PDF"))), 415);

        assertThat(t.stored(report.get("id").asString())).isEqualTo(before);
        assertThat(http.get(path(report) + "/html-content", t.creator.key()).data().get("htmlContent").asString())
                .isEqualTo("<p>kept</p>");
    }

    @Test
    void htmlContentBelongsToHtmlReportsAndNeedsItsFlags() {
        String projectId = t.projectId(t.creator);
        JsonNode report = t.report(t.creator.key(), projectId, "HTML");
        JsonNode excel = t.report(t.creator.key(), projectId, "Excel");
        Map<String, Object> body = Map.of("htmlContent", "<p>x</p>");

        assertStatus(saveHtml(excel, t.creator.key(), body), 409);
        assertStatus(http.get(path(excel) + "/html-content", t.creator.key()), 409);
        assertStatus(saveHtml(report, null, body), 401);
        assertStatus(http.get(path(report) + "/html-content", null), 401);
        t.grant(projectId, t.otherCreator, t.creator.key(), "viewProject", "viewReport");
        assertStatus(saveHtml(report, t.otherCreator.key(), body), 403);
        assertStatus(http.get(path(report) + "/html-content", t.otherCreator.key()), 200);
        assertStatus(http.get(path(report) + "/html-content", t.explorer.key()), 403);
        assertStatus(saveHtml(report, t.outsider.key(), body), 404);
        assertStatus(http.get(path(report) + "/html-content", t.outsider.key()), 404);
        assertStatus(http.get(random() + "/html-content", t.creator.key()), 404);
        assertStatus(t.put(random() + "/html-content", t.creator.key(), body), 404);
        assertStatus(http.get(REPORTS + "/nope/html-content", t.creator.key()), 400);
        assertThat(t.templateFiles(report.get("id").asString())).isZero();
        assertThat(t.templateFiles(excel.get("id").asString())).isZero();
    }

    // ---- what happens to the files ----

    @Test
    void theSweepRemovesTheTemplatesOfDeletedProjectsAndKeepsTheOthers() {
        String doomed = t.projectId(t.creator);
        String kept = t.projectId(t.creator);
        JsonNode gone = t.report(t.creator.key(), doomed, "Excel");
        JsonNode stays = t.report(t.creator.key(), kept, "Excel");
        assertStatus(upload(gone, t.creator.key(), files.xlsx("Gone.xlsx")), 200);
        assertStatus(upload(stays, t.creator.key(), files.xlsx("Stays.xlsx")), 200);
        assertStatus(http.delete("/api/v1/projects/" + doomed, t.creator.key()), 200);
        assertThat(t.templateFiles(gone.get("id").asString())).as("projects delete their reports directly").isEqualTo(1);

        t.server.bean(TemplateStore.class).sweep(Instant.now().plusSeconds(5));

        assertThat(t.templateFiles(gone.get("id").asString())).isZero();
        assertThat(t.templateFiles(stays.get("id").asString())).isEqualTo(1);
        assertThat(download(stays, t.creator.key()).statusCode()).isEqualTo(200);
        assertThat(List.of(gone.get("id").asString())).allSatisfy(id -> assertThat(t.stored(id)).isNull());
    }
}
