package org.qalyptus.server.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qalyptus.server.report.ReportTenancy.REPORTS;
import static org.qalyptus.server.report.ReportTenancy.SALES_DEMO;
import static org.qalyptus.server.report.ReportTenancy.assertInvalid;
import static org.qalyptus.server.report.ReportTenancy.assertStatus;
import static org.qalyptus.server.report.ReportTenancy.ids;
import static org.qalyptus.server.report.ReportTenancy.path;
import static org.qalyptus.server.report.ReportTenancy.random;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qalyptus.server.app.AppElementIds;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import org.qalyptus.server.support.SharedServer;
import org.qalyptus.server.support.TenantFixture;
import tools.jackson.databind.JsonNode;

/** Create, list, get, update and delete reports over real HTTP: success, 400, 401, 403, 404 and 409 for each. */
class ReportRoutesTest {

    private static ReportTenancy t;
    private static Http http;

    @BeforeAll
    static void tenancy() {
        t = new ReportTenancy(SharedServer.get());
        http = t.http;
    }

    private static Map<String, Object> update(JsonNode report) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", report.get("name").asString());
        body.put("description", report.get("description").isNull() ? null : report.get("description").asString());
        body.put("isIteration", false);
        return body;
    }

    // ---- create ----

    @Test
    void aCreatorCreatesAReportWithTheListFields() {
        String projectId = t.projectId(t.creator);
        String name = TenantFixture.unique("Monthly sales");
        Answer answer = http.postJson(REPORTS, t.creator.key(), Http.json(Map.of("name", "  " + name + " ",
                "description", "By month", "projectID", projectId, "type", "excel", "qlikAppIDs", List.of(SALES_DEMO))));

        assertStatus(answer, 200);
        JsonNode report = answer.data();
        assertThat(report.propertyNames()).contains("id", "name", "type", "owner", "isMine", "project", "ownerName",
                "description", "isIteration", "templateFile", "outputFormats", "dynamicNameSeparator", "version", "qlikAppIDs");
        assertThat(UUID.fromString(report.get("id").asString())).isNotNull();
        assertThat(report.get("name").asString()).isEqualTo(name);
        assertThat(report.get("type").asString()).isEqualTo("Excel");
        assertThat(report.get("owner").asString()).isEqualTo(t.creator.id());
        assertThat(report.get("isMine").asBoolean()).isTrue();
        assertThat(report.get("ownerName").asString()).startsWith("Test ");
        assertThat(report.get("project").get("id").asString()).isEqualTo(projectId);
        assertThat(report.get("project").get("name").asString()).startsWith("Project-");
        assertThat(report.get("description").asString()).isEqualTo("By month");
        assertThat(report.get("isIteration").asBoolean()).isFalse();
        assertThat(report.get("templateFile").isNull()).isTrue();
        assertThat(report.get("outputFormats").valueStream().map(JsonNode::asString)).containsExactly("Xlsx", "Pdf", "Csv");
        assertThat(report.get("dynamicNameSeparator").asString()).isEqualTo("_");
        assertThat(report.get("version").asLong()).isZero();
        assertThat(report.get("qlikAppIDs").valueStream().map(JsonNode::asString)).containsExactly(SALES_DEMO);
        assertThat(report.get("organizationID").asString()).isEqualTo(t.orgA.id());

        Document stored = t.stored(report.get("id").asString());
        assertThat(stored.getString("type")).isEqualTo("Excel");
        assertThat(stored.getString("nameKey")).isEqualTo(name.toLowerCase());
        assertThat(stored.getList("appIds", String.class)).containsExactly(SALES_DEMO);
    }

    @Test
    void eachTypeHasItsOutputFormatsAndHtmlIsTheDefault() {
        String projectId = t.projectId(t.creator);
        Map<String, List<String>> expected = Map.of("WORD", List.of("Docx", "Pdf"), "powerPoint", List.of("Pptx", "Pdf"),
                "Html", List.of("Html", "Pdf", "Png", "Jpeg"));
        expected.forEach((type, formats) -> {
            JsonNode report = t.report(t.creator.key(), projectId, type);
            assertThat(report.get("outputFormats").valueStream().map(JsonNode::asString)).containsExactlyElementsOf(formats);
        });
        JsonNode untyped = t.report(t.creator.key(), projectId, null);
        assertThat(untyped.get("type").asString()).isEqualTo("HTML");
        assertThat(untyped.get("qlikAppIDs").isEmpty()).isTrue();
        JsonNode single = http.postJson(REPORTS, t.creator.key(), Http.json(Map.of("name", TenantFixture.unique("One app"),
                "projectID", projectId, "qlikAppID", SALES_DEMO, "someFieldWeDoNotKnow", 1))).data();
        assertThat(single.get("qlikAppIDs").valueStream().map(JsonNode::asString)).containsExactly(SALES_DEMO);
    }

    @Test
    void creatingValidatesTheBodyAndCreatesNothingWhenRefused() {
        String projectId = t.projectId(t.creator);
        for (String bad : List.of("a/b", "a\\b", "a:b", "a*b", "a?b", "a@b", "a\"b", "a<b", "a>b", "a|b")) {
            assertInvalid(t.createReport(t.creator.key(), projectId, bad, "HTML"), "name");
        }
        assertInvalid(http.postJson(REPORTS, t.creator.key(), Http.json(Map.of("projectID", projectId))), "name");
        assertInvalid(http.postJson(REPORTS, t.creator.key(), Http.json(Map.of("name", "x".repeat(201), "projectID", projectId,
                "description", "d".repeat(2001)))), "name", "description");
        assertInvalid(t.createReport(t.creator.key(), projectId, "ok", "Pdf"), "type");
        assertInvalid(http.postJson(REPORTS, t.creator.key(), Http.json(Map.of("name", "ok"))), "projectID");
        assertInvalid(http.postJson(REPORTS, t.creator.key(), Http.json(Map.of("name", "ok", "projectID", "nope"))), "projectID");
        assertInvalid(t.createReport(t.creator.key(), projectId, "ok", "HTML", SALES_DEMO, "not-an-app"), "qlikAppIDs[1]");
        assertInvalid(t.createReport(t.creator.key(), projectId, "ok", "HTML", SALES_DEMO, SALES_DEMO), "qlikAppIDs[1]");
        assertInvalid(http.postJson(REPORTS, t.creator.key(), Http.json(Map.of("name", "ok", "projectID", projectId,
                "qlikAppID", UUID.randomUUID().toString()))), "qlikAppID");
        assertInvalid(http.postJson(REPORTS, t.creator.key(), Http.json(Map.of("name", "ok", "projectID", projectId,
                "qlikAppID", SALES_DEMO, "qlikAppIDs", List.of(SALES_DEMO)))), "qlikAppID");
        assertInvalid(http.postJson(REPORTS, t.creator.key(),
                "{\"name\": {\"$ne\": null}, \"projectID\": \"" + projectId + "\"}"), "name");
        assertInvalid(http.postJson(REPORTS, t.creator.key(),
                "{\"name\": \"ok\", \"projectID\": \"" + projectId + "\", \"qlikAppIDs\": \"" + SALES_DEMO + "\"}"), "qlikAppIDs");
        assertStatus(http.postJson(REPORTS, t.creator.key(), "{not json"), 400);
        assertStatus(http.postJson(REPORTS, t.creator.key(), ""), 400);

        assertThat(t.reportsIn(projectId)).isZero();
    }

    @Test
    void creatingNeedsCreateReportOnAVisibleProject() {
        String projectId = t.projectId(t.creator);
        assertStatus(t.createReport(null, projectId, "x", "HTML"), 401);
        assertStatus(t.createReport("qlk_not-a-key", projectId, "x", "HTML"), 401);
        t.grant(projectId, t.otherCreator, t.creator.key(), ReportTenancy.allBut("createReport"));
        assertStatus(t.createReport(t.otherCreator.key(), projectId, "x", "HTML"), 403);
        t.grant(projectId, t.explorer, t.creator.key());
        assertStatus(t.createReport(t.explorer.key(), projectId, "x", "HTML"), 403);
        t.grant(projectId, t.viewer, t.creator.key());
        assertStatus(t.createReport(t.viewer.key(), projectId, "x", "HTML"), 403);
        assertStatus(t.createReport(t.outsider.key(), projectId, "x", "HTML"), 404);
        assertStatus(t.createReport(t.everywhere.key(), UUID.randomUUID().toString(), "x", "HTML"), 404);
        assertThat(t.reportsIn(projectId)).isZero();

        t.grant(projectId, t.otherCreator, t.creator.key(), "viewProject", "createReport");
        JsonNode created = t.report(t.otherCreator.key(), projectId, "Word");
        assertThat(created.get("owner").asString()).isEqualTo(t.otherCreator.id());
        assertStatus(t.createReport(t.adminA.key(), projectId, TenantFixture.unique("By admin"), "HTML"), 200);
    }

    @Test
    void namesAreUniqueInAProjectIgnoringCase() {
        String projectId = t.projectId(t.creator);
        String name = TenantFixture.unique("Budget");
        t.createReport(t.creator.key(), projectId, name, "Excel");

        Answer duplicate = t.createReport(t.creator.key(), projectId, " " + name.toUpperCase() + " ", "Word");
        assertStatus(duplicate, 409);
        assertThat(duplicate.json().get("error").asString()).contains("already exists");
        assertThat(t.reportsIn(projectId)).isEqualTo(1);
        assertStatus(t.createReport(t.creator.key(), t.projectId(t.creator), name, "Excel"), 200);
    }

    // ---- list, get ----

    @Test
    void listsShowTheReportsTheCallerMaySee() {
        String shared = t.projectId(t.creator);
        String hidden = t.projectId(t.creator);
        String own = t.projectId(t.otherCreator);
        String inShared = t.report(t.creator.key(), shared, "Excel").get("id").asString();
        String inHidden = t.report(t.creator.key(), hidden, "HTML").get("id").asString();
        String mine = t.report(t.otherCreator.key(), own, "Word").get("id").asString();
        t.grant(shared, t.otherCreator, t.creator.key(), "viewProject", "viewReport");

        List<String> seen = ids(http.get(REPORTS, t.otherCreator.key()));
        assertThat(seen).contains(inShared, mine).doesNotContain(inHidden);
        JsonNode sharedView = http.get(REPORTS, t.otherCreator.key()).data().valueStream()
                .filter(r -> r.get("id").asString().equals(inShared)).findFirst().orElseThrow();
        assertThat(sharedView.get("isMine").asBoolean()).isFalse();
        assertThat(sharedView.get("owner").asString()).isEqualTo(t.creator.id());
        assertThat(sharedView.get("ownerName").asString()).startsWith("Test ");
        assertThat(sharedView.get("project").get("id").asString()).isEqualTo(shared);

        assertThat(ids(http.get(REPORTS, t.adminA.key()))).contains(inShared, inHidden, mine);
        assertThat(ids(http.get(REPORTS, t.outsider.key()))).doesNotContain(inShared, inHidden, mine);
        assertThat(ids(http.get(REPORTS, t.viewer.key()))).doesNotContain(inShared, inHidden, mine);
        assertStatus(http.get(REPORTS, null), 401);

        assertThat(ids(http.get(REPORTS + "/project/" + shared, t.otherCreator.key()))).containsExactly(inShared);
        assertThat(ids(http.get(REPORTS + "/project/" + own, t.otherCreator.key()))).containsExactly(mine);
        assertStatus(http.get(REPORTS + "/project/" + hidden, t.otherCreator.key()), 403);
        assertStatus(http.get(REPORTS + "/project/" + shared, t.outsider.key()), 404);
        assertStatus(http.get(REPORTS + "/project/" + UUID.randomUUID(), t.creator.key()), 404);
        assertStatus(http.get(REPORTS + "/project/not-a-uuid", t.creator.key()), 400);
        assertStatus(http.get(REPORTS + "/project/" + shared, null), 401);
    }

    @Test
    void theListOfAProjectWithoutViewReportIsEmpty() {
        String projectId = t.projectId(t.creator);
        t.report(t.creator.key(), projectId, "HTML");
        t.grant(projectId, t.otherCreator, t.creator.key(), "viewProject");
        assertThat(ids(http.get(REPORTS + "/project/" + projectId, t.otherCreator.key()))).isEmpty();
    }

    @Test
    void gettingAReportNeedsViewReport() {
        String projectId = t.projectId(t.creator);
        JsonNode report = t.report(t.creator.key(), projectId, "PowerPoint", SALES_DEMO);

        Answer answer = http.get(path(report), t.creator.key());
        assertStatus(answer, 200);
        assertThat(answer.data().get("name").asString()).isEqualTo(report.get("name").asString());
        assertThat(answer.data().get("version").asLong()).isZero();
        assertStatus(http.get(path(report), t.otherCreator.key()), 403);
        t.grant(projectId, t.otherCreator, t.creator.key(), "viewProject");
        assertStatus(http.get(path(report), t.otherCreator.key()), 403);
        t.grant(projectId, t.viewer, t.creator.key(), "viewProject", "viewReport");
        assertStatus(http.get(path(report), t.viewer.key()), 200);
        assertThat(http.get(path(report), t.viewer.key()).data().get("isMine").asBoolean()).isFalse();
        assertStatus(http.get(path(report), t.outsider.key()), 404);
        assertStatus(http.get(path(report), t.fixture.keyFor(t.everywhere, t.orgB)), 404);
        assertStatus(http.get(random(), t.creator.key()), 404);
        assertStatus(http.get(REPORTS + "/not-a-uuid", t.creator.key()), 400);
        assertStatus(http.get(path(report), null), 401);
    }

    // ---- update ----

    @Test
    void theOwnerUpdatesNameDescriptionIterationAndDynamicNames() {
        String projectId = t.projectId(t.creator);
        JsonNode report = t.report(t.creator.key(), projectId, "Excel", SALES_DEMO);
        String name = TenantFixture.unique("Renamed");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("description", "Burst by region");
        body.put("isIteration", true);
        body.put("iterationFields", List.of(Map.of("fieldName", "region")));
        body.put("dynamicNameSeparator", "-");
        body.put("dynamicNames", List.of(Map.of("type", "text", "value", "Sales"), Map.of("type", "Field", "value", "region"),
                Map.of("type", "VARIABLE", "value", "vCurrency"), Map.of("type", "Date", "format", "yyyyMMdd")));
        body.put("type", "EXCEL");

        Answer answer = t.put(path(report), t.creator.key(), body);

        assertStatus(answer, 200);
        JsonNode updated = answer.data();
        assertThat(updated.get("name").asString()).isEqualTo(name);
        assertThat(updated.get("description").asString()).isEqualTo("Burst by region");
        assertThat(updated.get("isIteration").asBoolean()).isTrue();
        assertThat(updated.get("dynamicNameSeparator").asString()).isEqualTo("-");
        assertThat(updated.get("version").asLong()).isEqualTo(1);
        assertThat(updated.get("type").asString()).isEqualTo("Excel");
        String regionId = AppElementIds.field(SALES_DEMO, "region");

        JsonNode iteration = http.get(path(report) + "/iteration-fields", t.creator.key()).data();
        assertThat(iteration.size()).isEqualTo(1);
        assertThat(iteration.get(0).get("qlikFieldID").asString()).isEqualTo(regionId);
        assertThat(iteration.get(0).get("fieldName").asString()).isEqualTo("region");
        assertThat(iteration.get(0).get("qlikAppID").asString()).isEqualTo(SALES_DEMO);

        JsonNode names = http.get(path(report) + "/dynamic-names", t.creator.key()).data();
        assertThat(names.valueStream().map(n -> n.get("type").asString())).containsExactly("Text", "Field", "Variable", "Date");
        assertThat(names.get(0).get("value").asString()).isEqualTo("Sales");
        assertThat(names.get(1).get("qlikFieldID").asString()).isEqualTo(regionId);
        assertThat(names.get(2).get("qlikVariableID").asString()).isEqualTo(AppElementIds.variable(SALES_DEMO, "vCurrency"));
        assertThat(names.get(2).get("value").asString()).isEqualTo("vCurrency");
        assertThat(names.get(3).get("format").asString()).isEqualTo("yyyyMMdd");
        assertThat(names.valueStream().map(n -> n.get("order").asInt())).containsExactly(1, 2, 3, 4);

        Document stored = t.stored(report.get("id").asString());
        assertThat(stored.getBoolean("isIteration")).isTrue();
        assertThat(stored.getList("iterationFields", Document.class).get(0).getString("fieldName")).isEqualTo("region");
        assertThat(stored.getList("dynamicNames", Document.class)).hasSize(4);

        // by id, and again as stored: the same state comes back; null lists clear
        body.put("iterationFields", List.of(Map.of("qlikFieldID", regionId.toUpperCase())));
        body.put("version", 1);
        assertStatus(t.put(path(report), t.creator.key(), body), 200);
        Map<String, Object> cleared = update(http.get(path(report), t.creator.key()).data());
        Answer clearedAnswer = t.put(path(report), t.creator.key(), cleared);
        assertStatus(clearedAnswer, 200);
        assertThat(clearedAnswer.data().get("iterationFields").isEmpty()).isTrue();
        assertThat(clearedAnswer.data().get("dynamicNames").isEmpty()).isTrue();
        assertThat(clearedAnswer.data().get("dynamicNameSeparator").asString()).isEqualTo("_");
        assertThat(clearedAnswer.data().get("qlikAppIDs").valueStream().map(JsonNode::asString)).as("kept when absent")
                .containsExactly(SALES_DEMO);
    }

    @Test
    void updatingValidatesTheBodyAndChangesNothingWhenRefused() {
        String projectId = t.projectId(t.creator);
        JsonNode report = t.report(t.creator.key(), projectId, "Word", SALES_DEMO);
        JsonNode unbound = t.report(t.creator.key(), projectId, "Word");
        Document before = t.stored(report.get("id").asString());
        Map<String, Object> valid = update(report);

        assertInvalid(t.put(path(report), t.creator.key(), Map.of("isIteration", false)), "name");
        assertInvalid(t.put(path(report), t.creator.key(), Map.of("name", "a:b", "isIteration", false)), "name");
        assertInvalid(t.put(path(report), t.creator.key(), Map.of("name", "ok")), "isIteration");
        assertInvalid(t.put(path(report), t.creator.key(), with(valid, "type", "Excel")), "type");
        assertInvalid(t.put(path(report), t.creator.key(), with(valid, "type", "Spreadsheet")), "type");
        assertInvalid(t.put(path(report), t.creator.key(), with(valid, "dynamicNameSeparator", "/")), "dynamicNameSeparator");
        assertInvalid(t.put(path(report), t.creator.key(), with(valid, "isIteration", true)), "iterationFields");
        assertInvalid(t.put(path(report), t.creator.key(), with(valid, "iterationFields",
                List.of(Map.of("fieldName", "no such field")))), "iterationFields[0].fieldName");
        assertInvalid(t.put(path(report), t.creator.key(), with(valid, "iterationFields",
                List.of(Map.of("qlikFieldID", UUID.randomUUID().toString())))), "iterationFields[0].qlikFieldID");
        assertInvalid(t.put(path(report), t.creator.key(), with(valid, "iterationFields",
                List.of(Map.of("qlikFieldID", "region")))), "iterationFields[0].qlikFieldID");
        assertInvalid(t.put(path(report), t.creator.key(), with(valid, "iterationFields",
                List.of(Map.of("fieldName", "region"), Map.of("fieldName", "REGION")))), "iterationFields[1]");
        assertInvalid(t.put(path(report), t.creator.key(), with(valid, "iterationFields",
                List.of(Map.of("fieldName", "region", "qlikAppID", "another-app")))), "iterationFields[0].qlikAppID");
        assertInvalid(t.put(path(unbound), t.creator.key(), with(update(unbound), "iterationFields",
                List.of(Map.of("fieldName", "region")))), "iterationFields");
        assertInvalid(t.put(path(report), t.creator.key(), with(valid, "dynamicNames",
                List.of(Map.of("type", "Text", "value", "a/b"), Map.of("type", "Picture", "value", "x"),
                        Map.of("type", "Date", "format", "HH:mm"), Map.of("type", "Date", "format", "yyyy-MM-dd {bad"),
                        Map.of("type", "Field", "value", "nowhere"), Map.of("type", "Variable", "value", "vNone"),
                        Map.of("type", "Field")))),
                "dynamicNames[0].value", "dynamicNames[1].type", "dynamicNames[2].format", "dynamicNames[3].format",
                "dynamicNames[6].value");
        assertInvalid(t.put(path(report), t.creator.key(), with(valid, "dynamicNames",
                List.of(Map.of("type", "Field", "value", "nowhere"), Map.of("type", "Variable", "value", "vNone")))),
                "dynamicNames[0].value", "dynamicNames[1].value");
        assertInvalid(t.put(path(report), t.creator.key(), with(valid, "qlikAppIDs", List.of("unknown-app"))), "qlikAppIDs[0]");
        assertInvalid(t.put(path(report), t.creator.key(), "{\"name\": [\"x\"], \"isIteration\": false}"), "name");
        assertInvalid(t.put(path(report), t.creator.key(), "{\"name\": \"x\", \"isIteration\": {\"$ne\": null}}"), "isIteration");
        assertStatus(t.put(path(report), t.creator.key(), "{"), 400);
        assertStatus(t.put(REPORTS + "/not-a-uuid", t.creator.key(), valid), 400);

        assertThat(t.stored(report.get("id").asString())).isEqualTo(before);
    }

    private static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
        Map<String, Object> changed = new HashMap<>(body);
        changed.put(key, value);
        return changed;
    }

    @Test
    void updatingNeedsEditReportAndAFreshVersion() {
        String projectId = t.projectId(t.creator);
        JsonNode report = t.report(t.creator.key(), projectId, "HTML");
        JsonNode other = t.report(t.creator.key(), projectId, "HTML");
        Map<String, Object> body = update(report);

        assertStatus(t.put(path(report), null, body), 401);
        t.grant(projectId, t.otherCreator, t.creator.key(), ReportTenancy.allBut("editReport"));
        assertStatus(t.put(path(report), t.otherCreator.key(), body), 403);
        t.grant(projectId, t.viewer, t.creator.key());
        assertStatus(t.put(path(report), t.viewer.key(), body), 403);
        assertStatus(t.put(path(report), t.outsider.key(), body), 404);
        assertStatus(t.put(random(), t.creator.key(), body), 404);
        assertStatus(t.put(path(report), t.creator.key(), with(body, "name", other.get("name").asString().toUpperCase())), 409);

        assertStatus(t.put(path(report), t.creator.key(), with(body, "version", 0)), 200);
        Answer stale = t.put(path(report), t.creator.key(), with(body, "version", 0));
        assertStatus(stale, 409);
        assertStatus(http.send(http.request(path(report), t.creator.key()).header("Content-Type", "application/json")
                .header("If-Match", "\"0\"").PUT(java.net.http.HttpRequest.BodyPublishers.ofString(Http.json(body)))), 409);
        assertStatus(http.send(http.request(path(report), t.creator.key()).header("Content-Type", "application/json")
                .header("If-Match", "W/\"1\"").PUT(java.net.http.HttpRequest.BodyPublishers.ofString(Http.json(body)))), 200);
        assertStatus(http.send(http.request(path(report), t.creator.key()).header("Content-Type", "application/json")
                .header("If-Match", "yesterday").PUT(java.net.http.HttpRequest.BodyPublishers.ofString(Http.json(body)))), 400);
        assertThat(t.stored(report.get("id").asString()).get("version")).isEqualTo(2L);

        t.grant(projectId, t.explorer, t.creator.key(), "viewProject", "viewReport", "editReport");
        assertStatus(t.put(path(report), t.explorer.key(), with(body, "description", "by an explorer")), 200);
    }

    @Test
    void theRouteForIterationFieldsAndDynamicNamesNeedViewReport() {
        String projectId = t.projectId(t.creator);
        JsonNode report = t.report(t.creator.key(), projectId, "HTML");
        for (String route : List.of("/iteration-fields", "/dynamic-names")) {
            assertStatus(http.get(path(report) + route, t.creator.key()), 200);
            assertThat(http.get(path(report) + route, t.creator.key()).data().isEmpty()).isTrue();
            assertStatus(http.get(path(report) + route, t.otherCreator.key()), 403);
            assertStatus(http.get(path(report) + route, t.outsider.key()), 404);
            assertStatus(http.get(random() + route, t.creator.key()), 404);
            assertStatus(http.get(REPORTS + "/x" + route, t.creator.key()), 400);
            assertStatus(http.get(path(report) + route, null), 401);
        }
    }

    // ---- delete ----

    @Test
    void deletingNeedsDeleteReportAndRemovesTheReport() {
        String projectId = t.projectId(t.creator);
        JsonNode report = t.report(t.creator.key(), projectId, "HTML");
        String id = report.get("id").asString();
        assertStatus(t.put(path(report) + "/html-content", t.creator.key(), Map.of("htmlContent", "<p>x</p>")), 200);
        assertThat(t.templateFiles(id)).isEqualTo(1);

        assertStatus(http.delete(path(report), null), 401);
        t.grant(projectId, t.otherCreator, t.creator.key(), ReportTenancy.allBut("deleteReport"));
        assertStatus(http.delete(path(report), t.otherCreator.key()), 403);
        assertStatus(http.delete(path(report), t.outsider.key()), 404);
        assertStatus(http.delete(random(), t.creator.key()), 404);
        assertStatus(http.delete(REPORTS + "/nope", t.creator.key()), 400);
        assertThat(t.stored(id)).isNotNull();

        Answer deleted = http.delete(path(report), t.creator.key());
        assertStatus(deleted, 200);
        assertThat(deleted.data().asString()).isEqualTo(id);
        assertThat(t.stored(id)).isNull();
        assertThat(t.templateFiles(id)).isZero();
        assertStatus(http.get(path(report), t.creator.key()), 404);
        assertStatus(http.delete(path(report), t.creator.key()), 404);
    }

    @Test
    void bulkDeletionIsAllOrNone() {
        String projectId = t.projectId(t.creator);
        String foreign = t.projectId(t.otherCreator);
        String a = t.report(t.creator.key(), projectId, "HTML").get("id").asString();
        String b = t.report(t.creator.key(), projectId, "Excel").get("id").asString();
        String notMine = t.report(t.otherCreator.key(), foreign, "Word").get("id").asString();
        t.grant(foreign, t.creator, t.otherCreator.key(), "viewProject", "viewReport");

        assertStatus(t.bulkDelete(List.of(a, notMine), t.creator.key()), 403);
        assertStatus(t.bulkDelete(List.of(a, UUID.randomUUID().toString()), t.creator.key()), 404);
        assertInvalid(t.bulkDelete(List.of(), t.creator.key()), "ids");
        assertStatus(http.deleteJson(REPORTS, t.creator.key(), "[\"" + a + "\", \"nope\"]"), 400);
        assertStatus(http.deleteJson(REPORTS, t.creator.key(), "{\"$in\": []}"), 400);
        assertStatus(t.bulkDelete(List.of(a), null), 401);
        assertThat(t.stored(a)).isNotNull();
        assertThat(t.stored(b)).isNotNull();
        assertThat(t.stored(notMine)).isNotNull();

        Answer deleted = t.bulkDelete(List.of(a, b, a), t.creator.key());
        assertStatus(deleted, 200);
        assertThat(deleted.data().valueStream().map(JsonNode::asString)).containsExactly(a, b);
        assertThat(t.stored(a)).isNull();
        assertThat(t.stored(b)).isNull();
    }

    // ---- documentation ----

    @Test
    void everyReportRouteIsInTheOpenApiDocument() {
        JsonNode paths = http.get("/api/v1/openapi.json", null).json().get("paths");
        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("/api/v1/reports", List.of("get", "post", "delete"));
        expected.put("/api/v1/reports/{id}", List.of("get", "put", "delete"));
        expected.put("/api/v1/reports/{id}/duplicate", List.of("post"));
        expected.put("/api/v1/reports/project/{id}", List.of("get"));
        expected.put("/api/v1/reports/{id}/iteration-fields", List.of("get"));
        expected.put("/api/v1/reports/{id}/dynamic-names", List.of("get"));
        expected.put("/api/v1/reports/{id}/html-content", List.of("get", "put"));
        expected.put("/api/v1/reports/{id}/template", List.of("get", "put"));
        expected.put("/api/v1/reports/{id}/permissions", List.of("get", "put", "delete"));
        expected.put("/api/v1/reports/{id}/permissions/{memberPermissionId}", List.of("get", "put", "delete"));
        expected.put("/api/v1/reports/{id}/owner/{ownerId}", List.of("put"));
        expected.put("/api/v1/reports/{id}/variables", List.of("get"));
        expected.put("/api/v1/reports/{id}/qlik-apps", List.of("get"));
        expected.put("/api/v1/reports/{id}/qlik-objects", List.of("get"));
        expected.put("/api/v1/reports/{id}/template-items", List.of("get"));
        expected.forEach((route, methods) -> {
            assertThat(paths.has(route)).as(route).isTrue();
            assertThat(paths.get(route).propertyNames()).as(route).containsAll(methods);
        });
        assertThat(paths.get("/api/v1/reports/{id}/html-content").get("put").get("requestBody").get("content").propertyNames())
                .contains("application/json", "text/html");
    }
}
