package org.qalyptus.server.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest.BodyPublishers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.qalyptus.server.permission.Permission;
import org.qalyptus.server.support.AppBackend;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import org.qalyptus.server.support.RunningServer;
import org.qalyptus.server.support.TenantFixture;
import org.qalyptus.server.support.TenantFixture.Org;
import org.qalyptus.server.support.TenantFixture.Person;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;

/**
 * Organizations, people and apps for the report tests, on one server: organization A and B serve the Sales
 * demo app through their own connection (to the demo apps folder of the server's first start),
 * organization C serves no app. People of A have every license; keys are limited to the person's first
 * organization, sessions are not.
 */
final class ReportTenancy {

    static final String SALES_DEMO = "8f3c2a1e-6d4b-4c7a-9e2f-5b1d0a9c7e31";
    static final String REPORTS = "/api/v1/reports";

    final RunningServer server;
    final Http http;
    final TenantFixture fixture;
    final Org orgA;
    final Org orgB;
    final Org orgC;
    final Person adminA;
    final Person creator;
    final Person otherCreator;
    final Person explorer;
    final Person viewer;
    /** Administrator of B only. */
    final Person outsider;
    /** A Creator of A, B and C; its key is limited to A, its session sees all three. */
    final Person everywhere;

    ReportTenancy(RunningServer server) {
        this(server, AppBackend.EMBEDDED);
    }

    /** The tenancy with the Sales demo app of A and B served by {@code backend}. */
    ReportTenancy(RunningServer server, AppBackend backend) {
        this.server = server;
        this.http = server.http();
        this.fixture = new TenantFixture(server);
        orgA = fixture.organization("Reports A");
        orgB = fixture.organization("Reports B");
        orgC = fixture.organization("Reports C");
        adminA = fixture.administrator(orgA);
        creator = fixture.member(orgA, "Member", "Creator");
        otherCreator = fixture.member(orgA, "Member", "Creator");
        explorer = fixture.member(orgA, "Member", "Explorer");
        viewer = fixture.viewer(orgA);
        outsider = fixture.administrator(orgB);
        everywhere = fixture.member(orgA, "Member", "Creator");
        fixture.join(everywhere, orgB, "Member", "Creator");
        fixture.join(everywhere, orgC, "Member", "Creator");
        if (backend == AppBackend.EMBEDDED) {
            connectDemoApps(adminA, orgA);
            connectDemoApps(outsider, orgB);
        } else {
            backend.connect(server, orgA, adminA);
            backend.connect(server, orgB, outsider);
        }
    }

    /** A connection of the organization to the demo apps folder (the Sales demo app). */
    String connectDemoApps(Person administrator, Org org) {
        return connect(administrator, org, server.dataDir().resolve("demo-apps").toString());
    }

    String connect(Person administrator, Org org, String appsFolder) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", TenantFixture.unique("Apps"));
        body.put("type", "Embedded");
        body.put("organizationID", org.id());
        body.put("settings", Map.of("appsFolder", appsFolder));
        Answer answer = http.postJson("/api/v1/connections", administrator.key(), Http.json(body));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.data().get("id").asString();
    }

    /** A project of organization A owned by {@code owner}. */
    JsonNode project(Person owner) {
        return project(owner, owner.key(), orgA);
    }

    JsonNode project(Person owner, String credential, Org org) {
        Answer answer = http.postJson("/api/v1/projects", credential,
                Http.json(Map.of("name", TenantFixture.unique("Project"), "organizationID", org.id())));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.data();
    }

    String projectId(Person owner) {
        return project(owner).get("id").asString();
    }

    /** Creates a report; fails the test unless it is created. */
    JsonNode report(String credential, String projectId, String type, String... appIds) {
        Answer answer = createReport(credential, projectId, TenantFixture.unique("Report"), type, appIds);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.data();
    }

    Answer createReport(String credential, String projectId, String name, String type, String... appIds) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("projectID", projectId);
        if (type != null) {
            body.put("type", type);
        }
        if (appIds.length > 0) {
            body.put("qlikAppIDs", List.of(appIds));
        }
        return http.postJson(REPORTS, credential, Http.json(body));
    }

    Answer put(String path, String credential, String json) {
        return http.send(http.request(path, credential).header("Content-Type", "application/json")
                .PUT(BodyPublishers.ofString(json)));
    }

    Answer put(String path, String credential, Object body) {
        return put(path, credential, Http.json(body));
    }

    /**
     * Grants {@code flags} on the project (all flags when none) to a user; the project's owner or an
     * administrator asks.
     */
    void grant(String projectId, Person member, String managerCredential, String... flags) {
        Map<String, Boolean> permissions = new LinkedHashMap<>();
        for (Permission p : Permission.values()) {
            permissions.put(p.flag(), flags.length == 0 || List.of(flags).contains(p.flag()));
        }
        Answer answer = put("/api/v1/projects/" + projectId + "/permissions", managerCredential, Map.of(
                "members", List.of(Map.of("id", member.id(), "type", "User")), "permissions", permissions));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    /** Every flag but {@code missing}. */
    static String[] allBut(String... missing) {
        List<String> flags = new ArrayList<>();
        for (Permission p : Permission.values()) {
            if (!List.of(missing).contains(p.flag())) {
                flags.add(p.flag());
            }
        }
        return flags.toArray(String[]::new);
    }

    void customizable(String projectId, String ownerCredential) {
        Answer answer = put("/api/v1/projects/" + projectId + "/permission-mode/false", ownerCredential, "");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    /** DELETE /api/v1/reports with the ids as a JSON array. */
    Answer bulkDelete(List<String> ids, String credential) {
        return http.deleteJson(REPORTS, credential, Http.json(ids));
    }

    /** The stored report, as the store has it (null when gone). */
    Document stored(String reportId) {
        return server.bean(MongoTemplate.class).findById(reportId, Document.class, "reports");
    }

    long reportsIn(String projectId) {
        return server.bean(MongoTemplate.class).count(new Query(Criteria.where("projectId").is(projectId)), "reports");
    }

    long templateFiles(String reportId) {
        return server.bean(MongoTemplate.class).count(new Query(Criteria.where("metadata.reportId").is(reportId)),
                "templates.files");
    }

    static String path(JsonNode report) {
        return REPORTS + "/" + report.get("id").asString();
    }

    static String random() {
        return REPORTS + "/" + UUID.randomUUID();
    }

    static void assertStatus(Answer answer, int status) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        JsonNode json = answer.json();
        assertThat(json.get("isSuccess").asBoolean()).as(answer.body()).isEqualTo(status == 200);
        if (status != 200) {
            assertThat(json.get("data").isNull()).as(answer.body()).isTrue();
            assertThat(json.get("error").asString()).as(answer.body()).isNotBlank();
        }
    }

    static void assertInvalid(Answer answer, String... fields) {
        assertStatus(answer, 400);
        List<String> reported = answer.json().get("errorDetails").valueStream().map(e -> e.get("field").asString()).toList();
        assertThat(reported).as(answer.body()).contains(fields);
    }

    static List<String> ids(Answer answer) {
        assertStatus(answer, 200);
        return answer.data().valueStream().map(r -> r.get("id").asString()).toList();
    }
}
