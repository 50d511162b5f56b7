package org.qalyptus.server.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.qalyptus.server.app.AppElementIds;
import org.qalyptus.server.permission.Permission;
import org.qalyptus.server.support.AppBackend;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import org.qalyptus.server.support.RunningServer;
import org.qalyptus.server.support.SharedServer;
import org.qalyptus.server.support.TenantFixture;
import org.qalyptus.server.support.TenantFixture.Org;
import org.qalyptus.server.support.TenantFixture.Person;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Two organizations that both serve the bundled Sales demo app (through their own "Demo apps"
 * connection), with people of every standing in A and an administrator of B, for the filter and
 * condition route tests; plus the assertions and requests those tests share.
 */
public final class ContentFixture {

    /** The Sales demo app bundled with the embedded connector (its manifest's id). */
    public static final String APP = "8f3c2a1e-6d4b-4c7a-9e2f-5b1d0a9c7e31";

    public final RunningServer server;
    public final Http http;
    public final TenantFixture tenants;
    public final Org orgA;
    public final Org orgB;
    public final Person viewer;
    public final Person explorer;
    public final Person creator;
    public final Person otherCreator;
    public final Person administrator;
    /** An administrator of organization B only. */
    public final Person outsider;

    public ContentFixture() {
        this(SharedServer.get());
    }

    public ContentFixture(RunningServer server) {
        this(server, AppBackend.EMBEDDED);
    }

    /** The fixture with the Sales demo app served by {@code backend}. */
    public ContentFixture(RunningServer server, AppBackend backend) {
        this.server = server;
        this.http = server.http();
        this.tenants = new TenantFixture(server);
        orgA = tenants.organization("Content A");
        orgB = tenants.organization("Content B");
        viewer = tenants.viewer(orgA);
        explorer = tenants.member(orgA, "Member", "Explorer");
        creator = tenants.member(orgA, "Member", "Creator");
        otherCreator = tenants.member(orgA, "Member", "Creator");
        administrator = tenants.administrator(orgA);
        outsider = tenants.administrator(orgB);
        backend.connect(server, orgA, administrator);
        backend.connect(server, orgB, outsider);
    }

    public static String field(String name) {
        return AppElementIds.field(APP, name);
    }

    public static String variable(String name) {
        return AppElementIds.variable(APP, name);
    }

    public static String bookmark(String appBookmarkId) {
        return AppElementIds.bookmark(APP, appBookmarkId);
    }

    public static String object(String appObjectId) {
        return AppElementIds.object(APP, appObjectId);
    }

    public static String unique(String name) {
        return name + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    // ---- projects and permissions ----

    /** A new project of organization A owned by {@code owner}; returns its id. */
    public String project(Person owner) {
        Answer answer = http.postJson("/api/v1/projects", owner.key(),
                Http.json(Map.of("name", unique("Project"), "organizationID", orgA.id())));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.data().get("id").asString();
    }

    /** Turns the project customizable (asset-level permissions). */
    public void customizable(String projectId, Person owner) {
        Answer answer = http.putJson("/api/v1/projects/" + projectId + "/permission-mode/false", owner.key(), "");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    /** Grants exactly {@code flags} on the project (or on {@code assetPath}'s asset) to a user; returns the memberPermissionId. */
    public String grant(String basePath, String memberId, Person by, String... flags) {
        Map<String, Boolean> permissions = new LinkedHashMap<>();
        for (Permission p : Permission.values()) {
            permissions.put(p.flag(), List.of(flags).contains(p.flag()));
        }
        Answer answer = http.putJson(basePath + "/permissions", by.key(), Http.json(Map.of(
                "members", List.of(Map.of("id", memberId, "type", "User")), "permissions", permissions)));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        for (JsonNode member : answer.data()) {
            if (member.get("memberID").asString().equals(memberId)) {
                return member.get("id").asString();
            }
        }
        throw new AssertionError("member not in " + answer.body());
    }

    public String grantOnProject(String projectId, Person member, Person by, String... flags) {
        return grant("/api/v1/projects/" + projectId, member.id(), by, flags);
    }

    /** A report as the reports feature stores it, straight into its collection (that feature is built elsewhere). */
    public String report(String projectId, String organizationId, String ownerId, String... appIds) {
        String id = UUID.randomUUID().toString();
        String name = unique("Report");
        server.bean(MongoTemplate.class).insert(new Document("_id", id).append("projectId", projectId)
                .append("organizationId", organizationId).append("name", name).append("nameKey", name.toLowerCase())
                .append("ownerId", ownerId).append("version", 0L).append("type", "Excel")
                .append("appIds", new ArrayList<>(List.of(appIds))), "reports");
        return id;
    }

    // ---- assertions ----

    public static void assertStatus(Answer answer, int status) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        JsonNode json = answer.json();
        assertThat(json.get("isSuccess").asBoolean()).as(answer.body()).isEqualTo(status == 200);
        if (status != 200) {
            assertThat(json.get("data").isNull()).as(answer.body()).isTrue();
        }
    }

    public static void assertInvalid(Answer answer, String... fields) {
        assertStatus(answer, 400);
        List<String> reported = answer.json().get("errorDetails").valueStream().map(e -> e.get("field").asString()).toList();
        assertThat(reported).as(answer.body()).contains(fields);
    }

    public static List<String> ids(Answer answer) {
        assertStatus(answer, 200);
        return answer.data().valueStream().map(n -> n.get("id").asString()).toList();
    }

    public static String id(Answer answer) {
        assertStatus(answer, 200);
        return answer.data().get("id").asString();
    }

    /** The stored document as it is, to compare before and after a refused request. */
    public Document stored(String collection, String id) {
        return server.bean(MongoTemplate.class).findById(id, Document.class, collection);
    }
}
