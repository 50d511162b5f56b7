package org.qalyptus.server.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qalyptus.server.report.ReportTenancy.SALES_DEMO;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import org.qalyptus.server.support.SharedServer;
import tools.jackson.databind.JsonNode;

/**
 * Report previews and the template-item routes against the rendering engine: the saved template is rendered
 * on the real demo app, and what it references is what the item routes mark as used.
 */
class ReportPreviewTest {

    static final String TEMPLATE = """
            <html><head>${pageSetup("A4", "15mm")}</head><body>
            <div class="q-footer">Page ${pageNumber()} of ${pageCount()}</div>
            <h1>${report.name}</h1>
            <p>Revenue ${kpi("kpi-revenue")} ${variable("vCurrency")}</p>
            <p>Regions: ${selected("region")?join(", ")}</p>
            ${table("table-region-product")}
            </body></html>
            """;

    static ReportTenancy t;
    static Http http;
    static String report;

    @BeforeAll
    static void tenancy() {
        setUp(new ReportTenancy(SharedServer.get()));
    }

    static void setUp(ReportTenancy tenancy) {
        t = tenancy;
        http = t.http;
        report = t.report(t.creator.key(), t.projectId(t.creator), "HTML", SALES_DEMO).get("id").asString();
        Answer saved = t.put("/api/v1/reports/" + report + "/html-content", t.creator.key(), Map.of("htmlContent", TEMPLATE));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    }

    static HttpResponse<byte[]> preview(String id, String format, String credential, Object body) {
        return http.sendBytesResponse(http.request("/api/v1/reports/" + id + "/preview/" + format, credential)
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(body == null ? "" : Http.json(body))));
    }

    static String pdfText(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    @Test
    void aPdfPreviewRendersTheSavedTemplateOnTheApp() throws Exception {
        HttpResponse<byte[]> answer = preview(report, "Pdf", t.creator.key(), null);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/pdf");
        String text = pdfText(answer.body());
        assertThat(text).contains("Revenue").contains("Page").contains("Europe").contains("Asia Pacific");
        try (PDDocument document = Loader.loadPDF(answer.body())) {
            assertThat(document.getNumberOfPages()).isEqualTo(2);
        }
    }

    @Test
    void selectionsNarrowThePreview() throws Exception {
        HttpResponse<byte[]> answer = preview(report, "Pdf", t.creator.key(),
                Map.of("selections", List.of(Map.of("fieldName", "region", "values", List.of("Europe")))));

        assertThat(answer.statusCode()).as(new String(answer.body())).isEqualTo(200);
        String text = pdfText(answer.body());
        assertThat(text).contains("Regions: Europe").doesNotContain("Asia Pacific");
    }

    @Test
    void htmlAndImagePreviewsHaveTheirTypes() throws Exception {
        HttpResponse<byte[]> html = preview(report, "html", t.creator.key(), Map.of());
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(new String(html.body())).contains("Revenue");

        HttpResponse<byte[]> png = preview(report, "Png", t.creator.key(), Map.of());
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(ImageIO.read(new ByteArrayInputStream(png.body())).getWidth()).isPositive();
    }

    @Test
    void formatsTheReportTypeCannotGiveAndBadSelectionsAre400() {
        assertThat(preview(report, "Xlsx", t.creator.key(), null).statusCode()).isEqualTo(400);
        assertThat(preview(report, "Exe", t.creator.key(), null).statusCode()).isEqualTo(400);
        HttpResponse<byte[]> badField = preview(report, "Pdf", t.creator.key(),
                Map.of("selections", List.of(Map.of("fieldName", "no such field", "values", List.of("x")))));
        assertThat(badField.statusCode()).isEqualTo(400);
        assertThat(new String(badField.body())).contains("selections[0].fieldName");
        assertThat(preview(report, "Pdf", t.creator.key(), Map.of("appId", "another-app")).statusCode()).isEqualTo(400);
        assertThat(preview(report, "Pdf", t.creator.key(), "[1]").statusCode()).isEqualTo(400);
    }

    @Test
    void aTemplateTheEngineRefusesIs422WithItsMessage() {
        String broken = t.report(t.creator.key(), t.projectId(t.creator), "HTML", SALES_DEMO).get("id").asString();
        t.put("/api/v1/reports/" + broken + "/html-content", t.creator.key(),
                Map.of("htmlContent", "<html><body>${table(\"no-such-object\")}</body></html>"));

        HttpResponse<byte[]> answer = preview(broken, "Pdf", t.creator.key(), null);

        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(new String(answer.body())).contains("\"isSuccess\":false").contains("no-such-object");
    }

    @Test
    void aReportWithoutTemplateOrAppIs409() {
        String empty = t.report(t.creator.key(), t.projectId(t.creator), "HTML", SALES_DEMO).get("id").asString();
        assertThat(preview(empty, "Pdf", t.creator.key(), null).statusCode()).isEqualTo(409);
        String appless = t.report(t.creator.key(), t.projectId(t.creator), "HTML").get("id").asString();
        t.put("/api/v1/reports/" + appless + "/html-content", t.creator.key(), Map.of("htmlContent", TEMPLATE));
        assertThat(preview(appless, "Pdf", t.creator.key(), null).statusCode()).isEqualTo(409);
    }

    @Test
    void previewsFollowTheReportsVisibility() {
        assertThat(preview(report, "Pdf", null, null).statusCode()).isEqualTo(401);
        assertThat(preview(report, "Pdf", t.outsider.key(), null).statusCode()).isEqualTo(404);
        assertThat(preview(report, "Pdf", t.viewer.key(), null).statusCode()).isEqualTo(403);
        assertThat(preview(java.util.UUID.randomUUID().toString(), "Pdf", t.creator.key(), null).statusCode()).isEqualTo(404);
    }

    @Test
    void theItemRoutesMarkWhatTheSavedTemplateReferences() {
        JsonNode items = http.get("/api/v1/reports/" + report + "/template-items", t.creator.key()).data();
        JsonNode used = items.get("nodes").get(0);
        assertThat(used.get("name").asString()).isEqualTo("Used in the template");
        assertThat(used.get("objects").findValuesAsString("itemID"))
                .contains("kpi-revenue", "table-region-product", "vCurrency", "region");

        JsonNode objects = http.get("/api/v1/reports/" + report + "/qlik-objects", t.creator.key()).data();
        for (JsonNode object : objects) {
            boolean referenced = List.of("kpi-revenue", "table-region-product").contains(object.get("itemID").asString());
            assertThat(object.get("usedInTemplate").asBoolean()).as(object.get("itemID").asString()).isEqualTo(referenced);
        }
        JsonNode variables = http.get("/api/v1/reports/" + report + "/variables", t.creator.key()).data();
        for (JsonNode variable : variables) {
            assertThat(variable.get("usedInTemplate").asBoolean()).isEqualTo(variable.get("name").asString().equals("vCurrency"));
        }
    }
}
