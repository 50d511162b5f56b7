package org.qalyptus.server.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qalyptus.server.report.ReportTenancy.SALES_DEMO;
import static org.qalyptus.server.report.ReportTenancy.assertInvalid;
import static org.qalyptus.server.report.ReportTenancy.assertStatus;
import static org.qalyptus.server.report.ReportTenancy.ids;
import static org.qalyptus.server.report.ReportTenancy.path;
import static org.qalyptus.server.report.ReportTenancy.random;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import org.qalyptus.server.support.SharedServer;
import org.qalyptus.server.support.TenantFixture.Org;
import tools.jackson.databind.JsonNode;

/** Duplicating reports within and across organizations, and the permission and owner routes of reports. */
class ReportDuplicateAndPermissionsTest {

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

    private static Answer duplicate(JsonNode report, String credential, String projectId, Org org) {
        return http.postJson(path(report) + "/duplicate", credential,
                Http.json(Map.of("projectID", projectId, "organizationID", org.id())));
    }

    private static JsonNode iterating(String credential, String projectId) {
        JsonNode report = t.report(credential, projectId, "HTML", SALES_DEMO);
        Answer updated = t.put(path(report), credential, Map.of("name", report.get("name").asString(), "isIteration", true,
                "iterationFields", List.of(Map.of("fieldName", "region")), "dynamicNames",
                List.of(Map.of("type", "Text", "value", "Sales"), Map.of("type", "Field", "value", "region"),
                        Map.of("type", "Date"))));
        assertStatus(updated, 200);
        assertStatus(t.put(path(report) + "/html-content", credential, Map.of("htmlContent", "<h1>Sales</h1>")), 200);
        return updated.data();
    }

    // ---- duplicate ----

    @Test
    void aCopyInTheSameProjectGetsAFreeNameItsOwnTemplateAndTheSettings() {
        String projectId = t.projectId(t.creator);
        JsonNode source = iterating(t.creator.key(), projectId);
        t.grant(projectId, t.otherCreator, t.creator.key(), "viewProject", "viewReport", "createReport", "duplicateReport");

        Answer first = duplicate(source, t.otherCreator.key(), projectId, t.orgA);
        Answer second = duplicate(source, t.creator.key(), projectId, t.orgA);

        assertStatus(first, 200);
        JsonNode copy = first.data();
        assertThat(copy.get("name").asString()).isEqualTo(source.get("name").asString() + " - Copy");
        assertThat(second.data().get("name").asString()).isEqualTo(source.get("name").asString() + " - Copy (2)");
        assertThat(copy.get("id").asString()).isNotEqualTo(source.get("id").asString());
        assertThat(copy.get("owner").asString()).isEqualTo(t.otherCreator.id());
        assertThat(copy.get("isMine").asBoolean()).isTrue();
        assertThat(copy.get("type").asString()).isEqualTo("HTML");
        assertThat(copy.get("isIteration").asBoolean()).isTrue();
        assertThat(copy.get("iterationFields")).isEqualTo(source.get("iterationFields"));
        assertThat(copy.get("dynamicNames")).isEqualTo(source.get("dynamicNames"));
        assertThat(copy.get("qlikAppIDs")).isEqualTo(source.get("qlikAppIDs"));
        assertThat(copy.get("droppedQlikAppIDs").isEmpty()).isTrue();
        assertThat(copy.get("message").isNull()).isTrue();
        assertThat(copy.get("version").asLong()).isZero();
        assertThat(http.get(path(copy) + "/html-content", t.creator.key()).data().get("htmlContent").asString())
                .isEqualTo("<h1>Sales</h1>");
        assertThat(t.templateFiles(copy.get("id").asString())).isEqualTo(1);

        assertStatus(http.delete(path(source), t.creator.key()), 200);
        assertThat(http.get(path(copy) + "/html-content", t.creator.key()).data().get("htmlContent").asString())
                .as("the copy keeps its own file").isEqualTo("<h1>Sales</h1>");
    }

    @Test
    void anOfficeTemplateIsCopiedWithTheReport() {
        String projectId = t.projectId(t.creator);
        JsonNode source = t.report(t.creator.key(), projectId, "Excel");
        Path workbook = files.xlsx("Budget.xlsx");
        TemplateFiles.Multipart upload = TemplateFiles.Multipart.of(workbook);
        assertStatus(http.send(http.request(path(source) + "/template", t.creator.key())
                .header("Content-Type", upload.contentType()).PUT(upload.body())), 200);

        JsonNode copy = duplicate(source, t.creator.key(), projectId, t.orgA).data();

        assertThat(copy.get("templateFile").asString()).isEqualTo("Budget.xlsx");
        byte[] downloaded = http.sendBytes(http.request(path(copy) + "/template", t.creator.key()).GET());
        assertThat(downloaded).isEqualTo(TemplateFiles.bytes(workbook));
    }

    @Test
    void aCopyInAnotherOrganizationKeepsTheAppsItServesAndSaysWhichItDropped() {
        String session = t.everywhere.session();
        String inA = t.project(t.everywhere, session, t.orgA).get("id").asString();
        String inB = t.project(t.everywhere, session, t.orgB).get("id").asString();
        String inC = t.project(t.everywhere, session, t.orgC).get("id").asString();
        JsonNode source = iterating(session, inA);

        Answer toB = duplicate(source, session, inB, t.orgB);
        assertStatus(toB, 200);
        assertThat(toB.data().get("organizationID").asString()).isEqualTo(t.orgB.id());
        assertThat(toB.data().get("name").asString()).as("free in the target project").isEqualTo(
                source.get("name").asString() + " - Copy");
        assertThat(toB.data().get("qlikAppIDs").valueStream().map(JsonNode::asString)).containsExactly(SALES_DEMO);
        assertThat(toB.data().get("isIteration").asBoolean()).isTrue();
        assertThat(toB.data().get("droppedQlikAppIDs").isEmpty()).isTrue();
        assertStatus(http.get(path(toB.data()) + "/template-items", session), 200);

        Answer toC = duplicate(source, session, inC, t.orgC);
        assertStatus(toC, 200);
        JsonNode copy = toC.data();
        assertThat(copy.get("qlikAppIDs").isEmpty()).isTrue();
        assertThat(copy.get("droppedQlikAppIDs").valueStream().map(JsonNode::asString)).containsExactly(SALES_DEMO);
        assertThat(copy.get("message").asString()).contains("does not serve");
        assertThat(copy.get("isIteration").asBoolean()).isFalse();
        assertThat(copy.get("iterationFields").isEmpty()).isTrue();
        assertThat(copy.get("dynamicNames").valueStream().map(n -> n.get("type").asString())).containsExactly("Text", "Date");
        assertThat(http.get(path(copy) + "/html-content", session).data().get("htmlContent").asString())
                .isEqualTo("<h1>Sales</h1>");
        assertThat(ids(http.get("/api/v1/reports/project/" + inC, session))).containsExactly(copy.get("id").asString());
    }

    @Test
    void duplicatingValidatesTheTargetAndNeedsBothFlags() {
        String projectId = t.projectId(t.creator);
        String target = t.projectId(t.otherCreator);
        JsonNode source = t.report(t.creator.key(), projectId, "Word");
        String sessionOfB = t.project(t.outsider, t.outsider.key(), t.orgB).get("id").asString();

        assertInvalid(http.postJson(path(source) + "/duplicate", t.creator.key(), "{}"), "projectID", "organizationID");
        assertInvalid(http.postJson(path(source) + "/duplicate", t.creator.key(),
                Http.json(Map.of("projectID", "x", "organizationID", t.orgA.id()))), "projectID");
        assertInvalid(http.postJson(path(source) + "/duplicate", t.creator.key(),
                "{\"projectID\": \"" + projectId + "\", \"organizationID\": {\"$ne\": null}}"), "organizationID");
        assertStatus(http.postJson(path(source) + "/duplicate", t.creator.key(), ""), 400);
        String session = t.everywhere.session();
        JsonNode own = t.report(session, t.project(t.everywhere, session, t.orgA).get("id").asString(), "Word");
        assertInvalid(http.postJson(path(own) + "/duplicate", session,
                Http.json(Map.of("projectID", t.project(t.everywhere, session, t.orgB).get("id").asString(),
                        "organizationID", t.orgA.id()))), "projectID");

        assertStatus(duplicate(source, null, projectId, t.orgA), 401);
        assertStatus(duplicate(source, t.creator.key(), target, t.orgA), 404);
        t.grant(target, t.creator, t.otherCreator.key(), ReportTenancy.allBut("createReport"));
        assertStatus(duplicate(source, t.creator.key(), target, t.orgA), 403);
        t.grant(target, t.creator, t.otherCreator.key(), "viewProject", "createReport");
        t.grant(projectId, t.otherCreator, t.creator.key(), ReportTenancy.allBut("duplicateReport"));
        assertStatus(duplicate(source, t.otherCreator.key(), target, t.orgA), 403);
        assertStatus(duplicate(source, t.outsider.key(), sessionOfB, t.orgB), 404);
        assertStatus(http.postJson(random() + "/duplicate", t.creator.key(),
                Http.json(Map.of("projectID", projectId, "organizationID", t.orgA.id()))), 404);
        assertStatus(duplicate(source, t.creator.key(), sessionOfB, t.orgB), 404);
        assertStatus(http.postJson(path(source) + "/duplicate", t.creator.key(),
                Http.json(Map.of("projectID", projectId, "organizationID", UUID.randomUUID().toString()))), 404);
        assertStatus(duplicate(source, t.creator.key(), UUID.randomUUID().toString(), t.orgA), 404);
        assertThat(t.reportsIn(projectId)).isEqualTo(1);
        assertThat(t.reportsIn(target)).isZero();

        assertStatus(duplicate(source, t.creator.key(), target, t.orgA), 200);
        assertThat(t.reportsIn(target)).isEqualTo(1);
    }

    // ---- permissions and owner ----

    @Test
    void inACustomizableProjectEachReportHasItsOwnMembers() {
        String projectId = t.projectId(t.creator);
        t.grant(projectId, t.otherCreator, t.creator.key(), "viewProject", "viewReport");
        t.customizable(projectId, t.creator.key());
        JsonNode open = t.report(t.creator.key(), projectId, "HTML");
        JsonNode closed = t.report(t.creator.key(), projectId, "HTML");
        assertStatus(http.get(path(closed), t.otherCreator.key()), 200);

        Answer members = http.get(path(closed) + "/permissions", t.creator.key());
        assertStatus(members, 200);
        JsonNode member = members.data().valueStream().filter(m -> m.get("memberID").asString().equals(t.otherCreator.id()))
                .findFirst().orElseThrow();
        assertStatus(http.delete(path(closed) + "/permissions/" + member.get("id").asString(), t.creator.key()), 200);

        assertStatus(http.get(path(closed), t.otherCreator.key()), 403);
        assertStatus(http.get(path(open), t.otherCreator.key()), 200);
        assertThat(ids(http.get("/api/v1/reports/project/" + projectId, t.otherCreator.key())))
                .containsExactly(open.get("id").asString());

        Map<String, Boolean> edit = Map.of("viewProject", true, "viewReport", true, "editReport", true);
        Answer granted = t.put(path(open) + "/permissions", t.creator.key(), Map.of(
                "members", List.of(Map.of("id", t.otherCreator.id(), "type", "User")), "permissions", edit));
        assertStatus(granted, 200);
        assertStatus(t.put(path(open), t.otherCreator.key(), Map.of("name", "Edited by a member", "isIteration", false)), 200);
        assertStatus(http.get(path(open) + "/permissions", t.otherCreator.key()), 403);
        assertStatus(http.get(path(open) + "/permissions", t.outsider.key()), 404);
        assertStatus(http.get(random() + "/permissions", t.creator.key()), 404);
        assertStatus(http.get(path(open) + "/permissions", null), 401);
    }

    @Test
    void inAGlobalProjectReportMembersAreTheProjectsAndReadOnly() {
        String projectId = t.projectId(t.creator);
        JsonNode report = t.report(t.creator.key(), projectId, "HTML");
        Answer refused = t.put(path(report) + "/permissions", t.creator.key(), Map.of(
                "members", List.of(Map.of("id", t.otherCreator.id(), "type", "User")),
                "permissions", Map.of("viewReport", true)));
        assertStatus(refused, 409);
        assertStatus(http.get(path(report), t.otherCreator.key()), 403);
    }

    @Test
    void theOwnerGivesAReportToAnotherCreator() {
        String projectId = t.projectId(t.creator);
        JsonNode report = t.report(t.creator.key(), projectId, "HTML");
        String to = "/owner/" + t.otherCreator.id();

        assertStatus(t.put(path(report) + to, null, ""), 401);
        t.grant(projectId, t.explorer, t.creator.key());
        assertStatus(t.put(path(report) + to, t.explorer.key(), ""), 403);
        assertStatus(t.put(path(report) + to, t.outsider.key(), ""), 404);
        assertStatus(t.put(random() + to, t.creator.key(), ""), 404);
        assertInvalid(t.put(path(report) + "/owner/" + t.viewer.id(), t.creator.key(), ""), "ownerId");
        assertInvalid(t.put(path(report) + "/owner/" + t.outsider.id(), t.creator.key(), ""), "ownerId");
        assertThat(t.stored(report.get("id").asString()).getString("ownerId")).isEqualTo(t.creator.id());

        Answer changed = t.put(path(report) + to, t.creator.key(), "");

        assertStatus(changed, 200);
        assertThat(changed.data().get("owner").asString()).isEqualTo(t.otherCreator.id());
        assertThat(changed.data().get("isMine").asBoolean()).isFalse();
        assertThat(changed.data().get("version").asLong()).isEqualTo(1);
        assertThat(t.stored(report.get("id").asString()).getString("ownerId")).isEqualTo(t.otherCreator.id());
    }
}
