package org.qalyptus.server.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qalyptus.server.filter.ContentFixture;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import tools.jackson.databind.JsonNode;

/** The template editor through GraphQL: the same data and refusals as the REST report routes. */
class ReportEditingGraphqlTest {

    static final String TEMPLATE = "<html><body><h1>${report.name}</h1><p>Revenue ${kpi(\"kpi-revenue\")} "
            + "${variable(\"vCurrency\")}</p></body></html>";

    static ContentFixture f;
    static String project;
    static String report;

    @BeforeAll
    static void fixture() {
        f = new ContentFixture();
        project = f.project(f.creator);
        Answer created = f.http.postJson("/api/v1/reports", f.creator.key(), Http.json(Map.of("name",
                ContentFixture.unique("Editor"), "projectID", project, "type", "HTML", "qlikAppIDs", List.of(ContentFixture.APP))));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        report = created.data().get("id").asString();
        Answer saved = f.http.putJson("/api/v1/reports/" + report + "/html-content", f.creator.key(),
                Http.json(Map.of("htmlContent", TEMPLATE)));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    }

    static JsonNode graphql(String key, String query, Map<String, Object> variables) {
        Answer answer = f.http.postJson("/graphql", key, Http.json(Map.of("query", query, "variables", variables)));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    @Test
    void theEditorListsWhatTheRestRoutesList() {
        JsonNode editor = graphql(f.creator.key(), """
                query($r: ID!) { reportEditor(reportId: $r) {
                  report { uuid }
                  htmlContent { reportId htmlContent version }
                  variables { id name value qlikAppId usedInTemplate }
                  qlikApps { id name connectionId isAvailable }
                  qlikObjects { id itemId title qlikAppId usedInTemplate columns { id name } }
                  templateItems { name type objects { id itemId title type } } } }""",
                Map.of("r", report)).get("data").get("reportEditor");
        assertThat(editor.get("report").get("uuid").asString()).isEqualTo(report);

        JsonNode html = f.http.get("/api/v1/reports/" + report + "/html-content", f.creator.key()).data();
        assertThat(editor.get("htmlContent").get("htmlContent").asString()).isEqualTo(html.get("htmlContent").asString());
        assertThat(editor.get("htmlContent").get("version").asLong()).isEqualTo(html.get("version").asLong());

        JsonNode variables = f.http.get("/api/v1/reports/" + report + "/variables", f.creator.key()).data();
        assertThat(editor.get("variables").findValuesAsString("id")).isNotEmpty()
                .isEqualTo(variables.findValuesAsString("id"));
        assertThat(editor.get("variables").valueStream().filter(v -> v.get("usedInTemplate").asBoolean())
                .map(v -> v.get("name").asString())).containsExactly("vCurrency");

        JsonNode apps = f.http.get("/api/v1/reports/" + report + "/qlik-apps", f.creator.key()).data();
        assertThat(editor.get("qlikApps").findValuesAsString("connectionId")).isEqualTo(apps.findValuesAsString("connectionID"));

        JsonNode objects = f.http.get("/api/v1/reports/" + report + "/qlik-objects", f.creator.key()).data();
        assertThat(editor.get("qlikObjects").findValuesAsString("itemId")).isNotEmpty()
                .isEqualTo(objects.findValuesAsString("itemID"));

        JsonNode items = f.http.get("/api/v1/reports/" + report + "/template-items", f.creator.key()).data();
        assertThat(editor.get("templateItems").valueStream().map(n -> n.get("name").asString()).toList())
                .isEqualTo(items.get("nodes").valueStream().map(n -> n.get("name").asString()).toList());
        assertThat(editor.get("templateItems").get(1).get("objects").findValuesAsString("itemId"))
                .isEqualTo(items.get("nodes").get(1).get("objects").findValuesAsString("itemID"));
    }

    @Test
    void theEditorOfAReportOutsideTheCallersOrganizationsIsNotFoundAsInRest() {
        assertThat(f.http.get("/api/v1/reports/" + report + "/variables", f.outsider.key()).status()).isEqualTo(404);
        JsonNode answer = graphql(f.outsider.key(), "query($r: ID!) { reportEditor(reportId: $r) { variables { id } } }",
                Map.of("r", report));
        assertThat(answer.get("data").get("reportEditor").isNull()).isTrue();
        assertThat(answer.get("errors").get(0).get("extensions").get("code").asString()).isEqualTo("NOT_FOUND");
    }

    @Test
    void savingTheTemplateTextMovesTheVersionAndAStaleVersionIsAConflict() {
        String own = htmlReport();
        JsonNode saved = graphql(f.creator.key(), """
                mutation($in: SaveReportHtmlContentInput!) { saveReportHtmlContent(input: $in) {
                  htmlContent { reportId htmlContent version } userErrors { field code } } }""",
                Map.of("in", Map.of("id", own, "htmlContent", "<p>one</p>"))).get("data").get("saveReportHtmlContent");
        assertThat(saved.get("userErrors")).isEmpty();
        long version = saved.get("htmlContent").get("version").asLong();
        assertThat(f.http.get("/api/v1/reports/" + own + "/html-content", f.creator.key()).data().get("htmlContent")
                .asString()).isEqualTo("<p>one</p>");

        JsonNode stale = graphql(f.creator.key(), """
                mutation($in: SaveReportHtmlContentInput!) { saveReportHtmlContent(input: $in) {
                  htmlContent { version } userErrors { field code } } }""",
                Map.of("in", Map.of("id", own, "htmlContent", "<p>two</p>", "version", version - 1)))
                .get("data").get("saveReportHtmlContent");
        assertThat(stale.get("htmlContent").isNull()).isTrue();
        assertThat(stale.get("userErrors").get(0).get("code").asString()).isEqualTo("CONFLICT");

        JsonNode blank = graphql(f.creator.key(), """
                mutation($in: SaveReportHtmlContentInput!) { saveReportHtmlContent(input: $in) { userErrors { field code } } }""",
                Map.of("in", Map.of("id", own, "htmlContent", " "))).get("data").get("saveReportHtmlContent");
        assertThat(blank.get("userErrors").get(0).get("field").asString()).isEqualTo("input.htmlContent");
        assertThat(f.http.get("/api/v1/reports/" + own + "/html-content", f.creator.key()).data().get("htmlContent")
                .asString()).as("nothing changed").isEqualTo("<p>one</p>");

        JsonNode viewer = graphql(f.viewer.key(), """
                mutation($in: SaveReportHtmlContentInput!) { saveReportHtmlContent(input: $in) { userErrors { code } } }""",
                Map.of("in", Map.of("id", own, "htmlContent", "<p>x</p>"))).get("data").get("saveReportHtmlContent");
        int rest = f.http.putJson("/api/v1/reports/" + own + "/html-content", f.viewer.key(),
                Http.json(Map.of("htmlContent", "<p>x</p>"))).status();
        assertThat(viewer.get("userErrors").get(0).get("code").asString()).isEqualTo(rest == 403 ? "FORBIDDEN" : "NOT_FOUND");
    }

    @Test
    void anHtmlPreviewIsTheDocumentRestRendersAndMayRenderAnUnsavedText() {
        JsonNode preview = preview(f.creator.key(), Map.of("id", report));
        assertThat(preview.get("userErrors")).isEmpty();
        assertThat(preview.get("mediaType").asString()).startsWith("text/html");
        String rest = new String(f.http.sendBytesResponse(f.http.request("/api/v1/reports/" + report + "/preview/Html",
                f.creator.key()).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))).body(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(preview.get("html").asString()).isEqualTo(rest).contains("Revenue");

        JsonNode unsaved = preview(f.creator.key(), Map.of("id", report, "htmlContent", "<html><body>Draft ${report.name}</body></html>"));
        assertThat(unsaved.get("userErrors")).isEmpty();
        assertThat(unsaved.get("html").asString()).contains("Draft").doesNotContain("Revenue");
        assertThat(f.http.get("/api/v1/reports/" + report + "/html-content", f.creator.key()).data().get("htmlContent")
                .asString()).as("the saved template stays").isEqualTo(TEMPLATE);
    }

    @Test
    void anUnsavedTextNeedsTheRightToEditAndTheLimitsOfSaving() {
        String viewerReport = htmlReport();
        f.grantOnProject(project, f.viewer, f.creator, "viewProject", "viewReport");
        JsonNode saved = preview(f.viewer.key(), Map.of("id", viewerReport));
        assertThat(saved.get("userErrors").toString()).doesNotContain("FORBIDDEN");
        JsonNode unsaved = preview(f.viewer.key(), Map.of("id", viewerReport, "htmlContent", "<p>${report.name}</p>"));
        assertThat(unsaved.get("html").isNull()).isTrue();
        assertThat(unsaved.get("userErrors").get(0).get("code").asString()).isEqualTo("FORBIDDEN");

        JsonNode blank = preview(f.creator.key(), Map.of("id", viewerReport, "htmlContent", "  "));
        assertThat(blank.get("userErrors").get(0).get("field").asString()).isEqualTo("input.htmlContent");
        JsonNode tooBig = preview(f.creator.key(), Map.of("id", viewerReport, "htmlContent", "x".repeat((1 << 20) + 1)));
        assertThat(tooBig.get("userErrors").get(0).get("code").asString()).isEqualTo("PAYLOAD_TOO_LARGE");
        JsonNode notHtml = preview(f.creator.key(), Map.of("id", viewerReport, "outputFormat", "Pdf", "htmlContent", "<p/>"));
        assertThat(notHtml.get("userErrors").get(0).get("field").asString()).isEqualTo("input.htmlContent");
        JsonNode badFormat = preview(f.creator.key(), Map.of("id", viewerReport, "outputFormat", "Xlsx"));
        assertThat(badFormat.get("userErrors").get(0).get("code").asString()).isIn("VALIDATION", "BAD_REQUEST");
    }

    @Test
    void otherFormatsQueueAGenerationWhoseExecutionGivesTheFile() {
        JsonNode pdf = preview(f.creator.key(), Map.of("id", report, "outputFormat", "Pdf"));
        assertThat(pdf.get("userErrors")).isEmpty();
        assertThat(pdf.get("html").isNull()).isTrue();
        String execution = pdf.get("execution").get("uuid").asString();
        assertThat(f.http.get("/api/v1/status/requests/" + execution, f.creator.key()).status()).isEqualTo(200);
    }

    @Test
    void aFilterItemIsTheOneRestGives() {
        Answer filter = f.http.postJson("/api/v1/filters", f.creator.key(), Http.json(Map.of("name",
                ContentFixture.unique("F"), "projectID", project, "qlikAppID", ContentFixture.APP)));
        String filterId = filter.data().get("id").asString();
        Answer item = f.http.putJson("/api/v1/filters/" + filterId + "/variables", f.creator.key(), Http.json(Map.of(
                "qlikVariableID", ContentFixture.variable("vCurrency"), "variableValue", "EUR", "qlikAppID", ContentFixture.APP)));
        assertThat(item.status()).as(item.body()).isEqualTo(200);
        String itemId = item.data().get("id").asString();
        JsonNode rest = f.http.get("/api/v1/filters/items/" + itemId, f.creator.key()).data();
        JsonNode gql = graphql(f.creator.key(), "query($id: ID!) { filterItem(id: $id) { id type name variableValue qlikVariableId } }",
                Map.of("id", itemId)).get("data").get("filterItem");
        assertThat(gql.get("id").asString()).isEqualTo(rest.get("id").asString());
        assertThat(gql.get("variableValue").asString()).isEqualTo("EUR");
        assertThat(gql.get("qlikVariableId").asString()).isEqualTo(rest.get("qlikVariableID").asString());

        JsonNode outsider = graphql(f.outsider.key(), "query($id: ID!) { filterItem(id: $id) { id } }", Map.of("id", itemId));
        assertThat(outsider.get("errors").get(0).get("extensions").get("code").asString()).isEqualTo("NOT_FOUND");
    }

    private static JsonNode preview(String key, Map<String, Object> input) {
        return graphql(key, """
                mutation($in: PreviewReportInput!) { previewReport(input: $in) {
                  html fileName mediaType execution { uuid status } userErrors { field code message } } }""",
                Map.of("in", new HashMap<>(input))).get("data").get("previewReport");
    }

    @Test
    void updateReportSetsIterationFieldsAndDynamicNamesWhenGivenAndKeepsThemWhenNot() {
        String own = htmlReport();
        String update = """
                mutation($in: UpdateReportInput!) { updateReport(input: $in) {
                  report { isIteration iterationFields { qlikFieldId fieldName } dynamicNames { order type value qlikFieldId } }
                  userErrors { field code } } }""";
        JsonNode set = graphql(f.creator.key(), update, Map.of("in", Map.of("id", own, "name", "Iterated", "isIteration", true,
                "iterationFields", List.of(Map.of("qlikFieldId", ContentFixture.field("region"))),
                "dynamicNames", List.of(Map.of("type", "Text", "value", "Sales"), Map.of("type", "Field", "value", "region")))))
                .get("data").get("updateReport");
        assertThat(set.get("userErrors")).isEmpty();
        assertThat(set.get("report").get("isIteration").asBoolean()).isTrue();
        assertThat(set.get("report").get("iterationFields").findValuesAsString("fieldName")).containsExactly("region");
        assertThat(set.get("report").get("dynamicNames").findValuesAsString("type")).containsExactly("Text", "Field");
        JsonNode rest = f.http.get("/api/v1/reports/" + own, f.creator.key()).data();
        assertThat(rest.get("iterationFields").findValuesAsString("fieldName")).containsExactly("region");

        JsonNode renamed = graphql(f.creator.key(), update, Map.of("in", Map.of("id", own, "name", "Renamed", "isIteration", true)))
                .get("data").get("updateReport");
        assertThat(renamed.get("userErrors")).isEmpty();
        assertThat(renamed.get("report").get("iterationFields").findValuesAsString("fieldName")).as("kept").containsExactly("region");
        assertThat(renamed.get("report").get("dynamicNames")).as("kept").hasSize(2);

        JsonNode cleared = graphql(f.creator.key(), update, Map.of("in", Map.of("id", own, "name", "Renamed", "isIteration", true,
                "iterationFields", List.of()))).get("data").get("updateReport");
        assertThat(cleared.get("report").isNull()).isTrue();
        assertThat(cleared.get("userErrors").findValuesAsString("field")).anyMatch(field -> field.contains("iterationFields"));
        JsonNode unknown = graphql(f.creator.key(), update, Map.of("in", Map.of("id", own, "name", "Renamed", "isIteration", true,
                "iterationFields", List.of(Map.of("fieldName", "colour"))))).get("data").get("updateReport");
        assertThat(unknown.get("userErrors")).isNotEmpty();
        assertThat(f.http.get("/api/v1/reports/" + own, f.creator.key()).data().get("iterationFields").findValuesAsString("fieldName"))
                .as("nothing changed by refused updates").containsExactly("region");
    }

    private static String htmlReport() {
        Answer created = f.http.postJson("/api/v1/reports", f.creator.key(), Http.json(Map.of("name",
                ContentFixture.unique("Editor"), "projectID", project, "type", "HTML", "qlikAppIDs", List.of(ContentFixture.APP))));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String id = created.data().get("id").asString();
        f.http.putJson("/api/v1/reports/" + id + "/html-content", f.creator.key(), Http.json(Map.of("htmlContent", TEMPLATE)));
        return id;
    }
}
