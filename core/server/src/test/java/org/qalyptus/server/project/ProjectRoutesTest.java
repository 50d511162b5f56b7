package org.qalyptus.server.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import org.qalyptus.server.support.SharedServer;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;

/** The Projects routes over real HTTP: success, validation, 401, 403, 404 and 409 for each. */
class ProjectRoutesTest {

    private static Tenancy t;
    private static Http http;

    @BeforeAll
    static void tenancy() {
        t = new Tenancy(SharedServer.get());
        http = t.http;
    }

    private static void assertStatus(Answer answer, int status) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.json().get("isSuccess").asBoolean()).isEqualTo(status == 200);
        if (status != 200) {
            assertThat(answer.json().get("data").isNull()).as(answer.body()).isTrue();
        }
    }

    private static void assertInvalid(Answer answer, String... fields) {
        assertStatus(answer, 400);
        List<String> reported = answer.json().get("errorDetails").valueStream().map(e -> e.get("field").asString()).toList();
        assertThat(reported).contains(fields);
    }

    private static List<String> ids(Answer answer) {
        assertStatus(answer, 200);
        return answer.data().valueStream().map(p -> p.get("id").asString()).toList();
    }

    private static String path(JsonNode project) {
        return "/api/v1/projects/" + project.get("id").asString();
    }

    // ---- create ----

    @Test
    void aCreatorCreatesAProjectAndOwnsIt() {
        String name = Tenancy.unique("Sales");
        Answer answer = http.postJson("/api/v1/projects", t.creator.key(),
                Http.json(Map.of("name", "  " + name + " ", "description", "Monthly sales")));

        assertStatus(answer, 200);
        JsonNode project = answer.data();
        assertThat(project.propertyNames()).contains("id", "name", "owner", "isMine", "ownerName", "description",
                "isGlobalPermissions", "organizationID");
        assertThat(project.get("name").asString()).isEqualTo(name);
        assertThat(project.get("description").asString()).isEqualTo("Monthly sales");
        assertThat(project.get("owner").asString()).isEqualTo(t.creator.id());
        assertThat(project.get("ownerName").asString()).startsWith("User ");
        assertThat(project.get("isMine").asBoolean()).isTrue();
        assertThat(project.get("isGlobalPermissions").asBoolean()).isTrue();
        assertThat(project.get("organizationID").asString()).as("from the key's organization").isEqualTo(t.orgA);
        assertThat(UUID.fromString(project.get("id").asString())).isNotNull();
    }

    @Test
    void creatingValidatesTheBody() {
        assertInvalid(http.postJson("/api/v1/projects", t.creator.key(), "{\"name\": \"  \"}"), "name");
        assertInvalid(http.postJson("/api/v1/projects", t.creator.key(),
                Http.json(Map.of("name", "x".repeat(201), "description", "d".repeat(2001)))), "name", "description");
        assertInvalid(http.postJson("/api/v1/projects", t.creator.key(),
                Http.json(Map.of("name", "ok", "organizationID", "not-a-uuid"))), "organizationID");
        assertInvalid(http.postJson("/api/v1/projects", t.creator.key(), "{\"name\": 12, \"description\": []}"), "description");
        assertStatus(http.postJson("/api/v1/projects", t.creator.key(), "{not json"), 400);
    }

    @Test
    void creatingNeedsACreatorLicenseAndAVisibleOrganization() {
        assertStatus(http.postJson("/api/v1/projects", null, "{\"name\": \"x\"}"), 401);
        assertStatus(http.postJson("/api/v1/projects", t.explorer.key(), Http.json(Map.of("name", Tenancy.unique("E")))), 403);
        assertStatus(http.postJson("/api/v1/projects", t.viewer.key(), Http.json(Map.of("name", Tenancy.unique("V")))), 403);
        assertStatus(http.postJson("/api/v1/projects", t.creator.key(),
                Http.json(Map.of("name", Tenancy.unique("B"), "organizationID", t.orgB))), 404);
        assertStatus(http.postJson("/api/v1/projects", t.inBothKeyForB.key(),
                Http.json(Map.of("name", Tenancy.unique("A"), "organizationID", t.orgA))), 404);
        assertStatus(http.postJson("/api/v1/projects", t.creator.key(),
                Http.json(Map.of("name", Tenancy.unique("N"), "organizationID", UUID.randomUUID().toString()))), 404);
    }

    @Test
    void namesAreUniqueWithinAnOrganizationIgnoringCase() {
        String name = Tenancy.unique("Finance");
        t.project(t.creator, name);

        Answer duplicate = http.postJson("/api/v1/projects", t.otherCreator.key(), Http.json(Map.of("name", name.toUpperCase())));
        assertStatus(duplicate, 409);
        assertThat(duplicate.json().get("error").asString()).contains("already exists");
        assertStatus(http.postJson("/api/v1/projects", t.outsider.key(), Http.json(Map.of("name", name))), 200);
    }

    // ---- list ----

    @Test
    void theListShowsWhatTheCallerMaySeeWithTheListFields() {
        JsonNode mine = t.project(t.otherCreator, Tenancy.unique("Mine"));
        JsonNode shared = t.project(t.creator, Tenancy.unique("Shared"));
        JsonNode hidden = t.project(t.creator, Tenancy.unique("Hidden"));
        t.grant(shared.get("id").asString(), t.otherCreator.id(), "User", t.creator.key(), "viewProject");

        List<String> seen = ids(http.get("/api/v1/projects", t.otherCreator.key()));
        assertThat(seen).contains(mine.get("id").asString(), shared.get("id").asString())
                .doesNotContain(hidden.get("id").asString());
        JsonNode first = http.get("/api/v1/projects", t.otherCreator.key()).data().valueStream()
                .filter(p -> p.get("id").asString().equals(shared.get("id").asString())).findFirst().orElseThrow();
        assertThat(first.get("isMine").asBoolean()).isFalse();
        assertThat(first.get("owner").asString()).isEqualTo(t.creator.id());

        assertThat(ids(http.get("/api/v1/projects", t.administrator.key())))
                .contains(mine.get("id").asString(), shared.get("id").asString(), hidden.get("id").asString());
        assertThat(ids(http.get("/api/v1/projects", t.outsider.key()))).doesNotContain(mine.get("id").asString(),
                shared.get("id").asString(), hidden.get("id").asString());
        assertThat(ids(http.get("/api/v1/projects", t.inBothKeyForB.key()))).doesNotContain(mine.get("id").asString());
        assertStatus(http.get("/api/v1/projects", null), 401);
    }

    @Test
    void aGroupMembershipShowsTheProjectToTheGroupsUsers() {
        JsonNode project = t.project(t.creator, Tenancy.unique("Team project"));
        assertThat(ids(http.get("/api/v1/projects", t.teamMember.key()))).doesNotContain(project.get("id").asString());
        assertStatus(http.get(path(project), t.teamMember.key()), 403);

        t.grant(project.get("id").asString(), t.teamA, "Group", t.creator.key(), "viewProject");

        assertThat(ids(http.get("/api/v1/projects", t.teamMember.key()))).contains(project.get("id").asString());
        assertStatus(http.get(path(project), t.teamMember.key()), 200);
        assertThat(ids(http.get("/api/v1/projects", t.explorer.key()))).doesNotContain(project.get("id").asString());
    }

    @Test
    void theOrganizationsProjectsAreThoseOfThatOrganizationTheCallerMaySee() {
        JsonNode project = t.project(t.creator, Tenancy.unique("Org list"));

        assertThat(ids(http.get("/api/v1/projects/organization/" + t.orgA, t.creator.key()))).contains(project.get("id").asString());
        assertThat(ids(http.get("/api/v1/projects/organization/" + t.orgA, t.viewer.key()))).doesNotContain(project.get("id").asString());
        assertStatus(http.get("/api/v1/projects/organization/" + t.orgA, t.outsider.key()), 404);
        assertStatus(http.get("/api/v1/projects/organization/" + t.orgA, t.inBothKeyForB.key()), 404);
        assertStatus(http.get("/api/v1/projects/organization/" + UUID.randomUUID(), t.creator.key()), 404);
        assertStatus(http.get("/api/v1/projects/organization/nope", t.creator.key()), 400);
        assertStatus(http.get("/api/v1/projects/organization/" + t.orgA, null), 401);
    }

    // ---- get, update ----

    @Test
    void gettingAProjectNeedsViewProjectInsideTheCallersOrganizations() {
        JsonNode project = t.project(t.creator, Tenancy.unique("Get"));

        Answer answer = http.get(path(project), t.creator.key());
        assertStatus(answer, 200);
        assertThat(answer.data().get("name").asString()).isEqualTo(project.get("name").asString());
        assertStatus(http.get(path(project), t.viewer.key()), 403);
        assertStatus(http.get(path(project), t.outsider.key()), 404);
        assertStatus(http.get(path(project), t.inBothKeyForB.key()), 404);
        assertStatus(http.get("/api/v1/projects/" + UUID.randomUUID(), t.creator.key()), 404);
        assertStatus(http.get("/api/v1/projects/not-a-uuid", t.creator.key()), 400);
        assertStatus(http.get(path(project), null), 401);

        t.grant(project.get("id").asString(), t.viewer.id(), "User", t.creator.key(), "viewProject");
        assertStatus(http.get(path(project), t.viewer.key()), 200);
    }

    @Test
    void theOwnerRenamesAProjectWithinTheRules() {
        JsonNode project = t.project(t.creator, Tenancy.unique("Old"));
        JsonNode other = t.project(t.creator, Tenancy.unique("Taken"));
        String name = Tenancy.unique("New");

        Answer renamed = t.put(path(project), t.creator.key(), Http.json(Map.of("name", name, "description", "changed")));
        assertStatus(renamed, 200);
        assertThat(renamed.data().get("name").asString()).isEqualTo(name);
        assertThat(renamed.data().get("organizationID").asString()).isEqualTo(t.orgA);
        assertThat(http.get(path(project), t.creator.key()).data().get("description").asString()).isEqualTo("changed");

        assertStatus(t.put(path(project), t.creator.key(), Http.json(Map.of("name", other.get("name").asString()))), 409);
        assertStatus(t.put(path(project), t.creator.key(), Http.json(Map.of("name", name.toLowerCase()))), 200);
        assertInvalid(t.put(path(project), t.creator.key(), "{\"description\": \"no name\"}"), "name");
        t.grant(project.get("id").asString(), t.explorer.id(), "User", t.creator.key());
        assertStatus(t.put(path(project), t.explorer.key(), Http.json(Map.of("name", "By explorer"))), 403);
        assertStatus(t.put(path(project), t.outsider.key(), Http.json(Map.of("name", "By outsider"))), 404);
        assertStatus(t.put("/api/v1/projects/" + UUID.randomUUID(), t.creator.key(), Http.json(Map.of("name", "x"))), 404);
        assertStatus(t.put(path(project), null, Http.json(Map.of("name", "x"))), 401);
        assertThat(http.get(path(project), t.creator.key()).data().get("name").asString()).isEqualTo(name.toLowerCase());
    }

    @Test
    void anAdministratorOfTheOrganizationManagesEveryProject() {
        JsonNode project = t.project(t.creator, Tenancy.unique("Administered"));
        String name = Tenancy.unique("Renamed by admin");

        assertStatus(t.put(path(project), t.administrator.key(), Http.json(Map.of("name", name))), 200);
        assertStatus(http.get(path(project) + "/permissions", t.administrator.key()), 200);
        assertStatus(http.delete(path(project), t.administrator.key()), 200);
    }

    // ---- delete ----

    @Test
    void deletingAProjectDeletesEverythingInIt() {
        JsonNode project = t.project(t.creator, Tenancy.unique("Doomed"));
        JsonNode kept = t.project(t.creator, Tenancy.unique("Kept"));
        String id = project.get("id").asString();
        t.grant(id, t.viewer.id(), "User", t.creator.key(), "viewProject");
        MongoTemplate mongo = t.server.bean(MongoTemplate.class);
        for (String collection : ProjectService.CONTENT_COLLECTIONS) {
            mongo.getCollection(collection).insertOne(new Document("_id", UUID.randomUUID().toString()).append("projectId", id));
            mongo.getCollection(collection).insertOne(new Document("_id", UUID.randomUUID().toString())
                    .append("projectId", kept.get("id").asString()));
        }

        assertStatus(http.delete(path(project), t.viewer.key()), 403);
        assertStatus(http.delete(path(project), t.outsider.key()), 404);
        assertStatus(http.delete(path(project), null), 401);
        assertStatus(http.delete("/api/v1/projects/bad-id", t.creator.key()), 400);
        assertThat(mongo.count(new Query(Criteria.where("projectId").is(id)), "reports")).isEqualTo(1);

        Answer deleted = http.delete(path(project), t.creator.key());
        assertStatus(deleted, 200);
        assertStatus(http.get(path(project), t.creator.key()), 404);
        assertStatus(http.delete(path(project), t.creator.key()), 404);
        for (String collection : List.of("reports", "filters", "conditions", "tasks", "permissions")) {
            assertThat(mongo.count(new Query(Criteria.where("projectId").is(id)), collection)).as(collection).isZero();
        }
        for (String collection : ProjectService.CONTENT_COLLECTIONS) {
            assertThat(mongo.count(new Query(Criteria.where("projectId").is(kept.get("id").asString())), collection)).isEqualTo(1);
        }
        assertThat(mongo.count(new Query(Criteria.where("_id").is(id)), "permissionDomains")).isZero();
    }

    @Test
    void deletingSeveralProjectsIsAllOrNothing() {
        JsonNode first = t.project(t.creator, Tenancy.unique("Bulk 1"));
        JsonNode second = t.project(t.creator, Tenancy.unique("Bulk 2"));
        JsonNode notMine = t.project(t.otherCreator, Tenancy.unique("Bulk 3"));
        JsonNode elsewhere = t.http.postJson("/api/v1/projects", t.outsider.key(),
                Http.json(Map.of("name", Tenancy.unique("In B")))).data();
        String firstId = first.get("id").asString();
        String secondId = second.get("id").asString();

        assertStatus(t.deleteWithBody("/api/v1/projects", t.creator.key(),
                Http.json(List.of(firstId, notMine.get("id").asString()))), 403);
        assertStatus(t.deleteWithBody("/api/v1/projects", t.creator.key(),
                Http.json(List.of(firstId, elsewhere.get("id").asString()))), 404);
        assertStatus(t.deleteWithBody("/api/v1/projects", t.creator.key(), Http.json(List.of(firstId, UUID.randomUUID()))), 404);
        assertInvalid(t.deleteWithBody("/api/v1/projects", t.creator.key(), "[]"), "ids");
        assertStatus(t.deleteWithBody("/api/v1/projects", t.creator.key(), "[\"nope\"]"), 400);
        assertStatus(t.deleteWithBody("/api/v1/projects", null, Http.json(List.of(firstId))), 401);
        assertStatus(http.get("/api/v1/projects/" + firstId, t.creator.key()), 200);

        Answer deleted = t.deleteWithBody("/api/v1/projects", t.creator.key(), Http.json(List.of(firstId, secondId)));
        assertStatus(deleted, 200);
        assertThat(deleted.data().valueStream().map(JsonNode::asString).toList()).containsExactly(firstId, secondId);
        assertStatus(http.get("/api/v1/projects/" + firstId, t.creator.key()), 404);
        assertStatus(http.get("/api/v1/projects/" + secondId, t.creator.key()), 404);
        assertStatus(http.get(path(notMine), t.otherCreator.key()), 200);
    }

    // ---- permission mode, owner ----

    @Test
    void theOwnerSwitchesThePermissionMode() {
        JsonNode project = t.project(t.creator, Tenancy.unique("Mode"));

        Answer customizable = t.put(path(project) + "/permission-mode/false", t.creator.key(), null);
        assertStatus(customizable, 200);
        assertThat(customizable.data().get("isGlobalPermissions").asBoolean()).isFalse();
        assertThat(http.get(path(project), t.creator.key()).data().get("isGlobalPermissions").asBoolean()).isFalse();
        assertStatus(t.put(path(project) + "/permission-mode/true", t.creator.key(), null), 200);
        assertThat(http.get(path(project), t.creator.key()).data().get("isGlobalPermissions").asBoolean()).isTrue();

        assertStatus(t.put(path(project) + "/permission-mode/maybe", t.creator.key(), null), 400);
        t.grant(project.get("id").asString(), t.explorer.id(), "User", t.creator.key());
        assertStatus(t.put(path(project) + "/permission-mode/false", t.explorer.key(), null), 403);
        assertStatus(t.put(path(project) + "/permission-mode/false", t.outsider.key(), null), 404);
        assertStatus(t.put(path(project) + "/permission-mode/false", null, null), 401);
        assertThat(http.get(path(project), t.creator.key()).data().get("isGlobalPermissions").asBoolean()).isTrue();
    }

    @Test
    void theOwnerHandsTheProjectToAnotherCreatorOfTheOrganization() {
        JsonNode project = t.project(t.creator, Tenancy.unique("Handed over"));
        String to = path(project) + "/owner/";

        assertInvalid(t.put(to + t.viewer.id(), t.creator.key(), null), "ownerId");
        assertInvalid(t.put(to + t.outsider.id(), t.creator.key(), null), "ownerId");
        assertInvalid(t.put(to + UUID.randomUUID(), t.creator.key(), null), "ownerId");
        assertStatus(t.put(to + "nobody", t.creator.key(), null), 400);
        assertStatus(t.put(to + t.otherCreator.id(), t.otherCreator.key(), null), 403);
        assertStatus(t.put(to + t.otherCreator.id(), t.outsider.key(), null), 404);
        assertStatus(t.put(to + t.otherCreator.id(), null, null), 401);

        Answer changed = t.put(to + t.otherCreator.id(), t.creator.key(), null);
        assertStatus(changed, 200);
        assertThat(changed.data().get("owner").asString()).isEqualTo(t.otherCreator.id());
        assertThat(changed.data().get("isMine").asBoolean()).isFalse();
        assertThat(http.get(path(project), t.otherCreator.key()).data().get("isMine").asBoolean()).isTrue();
        assertStatus(http.get(path(project), t.creator.key()), 403);
    }

    // ---- permissions ----

    @Test
    void theOwnerGrantsListsChangesAndRevokesMembersPermissions() {
        JsonNode project = t.project(t.creator, Tenancy.unique("Members"));
        String id = project.get("id").asString();
        String permissionsPath = path(project) + "/permissions";
        assertThat(http.get(permissionsPath, t.creator.key()).data().size()).isZero();

        String viewerMembership = t.grant(id, t.viewer.id(), "User", t.creator.key(), "viewProject", "viewReport");
        String groupMembership = t.grant(id, t.teamA, "Group", t.creator.key(), "viewProject");

        Answer listed = http.get(permissionsPath, t.creator.key());
        assertStatus(listed, 200);
        JsonNode viewerEntry = listed.data().valueStream()
                .filter(m -> m.get("id").asString().equals(viewerMembership)).findFirst().orElseThrow();
        assertThat(viewerEntry.propertyNames()).contains("id", "memberID", "type", "name", "email", "permissions");
        assertThat(viewerEntry.get("type").asString()).isEqualTo("User");
        assertThat(viewerEntry.get("email").asString()).isEqualTo(t.viewer.email());
        assertThat(viewerEntry.get("permissions").propertyNames()).hasSize(42).contains("viewProject", "moveFolderContent");
        assertThat(viewerEntry.get("permissions").get("viewReport").asBoolean()).isTrue();
        assertThat(viewerEntry.get("permissions").get("editReport").asBoolean()).isFalse();
        assertThat(listed.data().valueStream().filter(m -> m.get("id").asString().equals(groupMembership)).findFirst()
                .orElseThrow().get("name").asString()).isEqualTo("Team");

        Answer one = http.get(permissionsPath + "/" + viewerMembership, t.creator.key());
        assertStatus(one, 200);
        assertThat(one.data().get("memberID").asString()).isEqualTo(t.viewer.id());
        assertStatus(http.get(path(project), t.viewer.key()), 200);

        Answer changed = t.put(permissionsPath + "/" + viewerMembership, t.creator.key(), "{\"viewReport\": true}");
        assertStatus(changed, 200);
        assertThat(changed.data().get("permissions").get("viewProject").asBoolean()).isFalse();
        assertStatus(http.get(path(project), t.viewer.key()), 403);

        assertStatus(http.delete(permissionsPath + "/" + viewerMembership, t.creator.key()), 200);
        assertStatus(http.get(permissionsPath + "/" + viewerMembership, t.creator.key()), 404);
        assertStatus(t.deleteWithBody(permissionsPath, t.creator.key(), Http.json(List.of(groupMembership))), 200);
        assertThat(http.get(permissionsPath, t.creator.key()).data().size()).isZero();
    }

    @Test
    void settingPermissionsValidatesMembersAndFlags() {
        JsonNode project = t.project(t.creator, Tenancy.unique("Validated"));
        String permissionsPath = path(project) + "/permissions";

        assertInvalid(t.put(permissionsPath, t.creator.key(), "{\"members\": [], \"permissions\": {}}"), "members");
        assertInvalid(t.put(permissionsPath, t.creator.key(), Http.json(Map.of("members",
                List.of(Map.of("id", t.viewer.id(), "type", "User"))))), "permissions");
        assertInvalid(t.put(permissionsPath, t.creator.key(), Http.json(Map.of("members",
                List.of(Map.of("id", "x")), "permissions", Map.of()))), "members[0].id", "members[0].type");
        assertStatus(t.put(permissionsPath, t.creator.key(), Http.json(Map.of("members",
                List.of(Map.of("id", t.viewer.id(), "type", "Robot")), "permissions", Map.of()))), 400);
        assertInvalid(t.put(permissionsPath, t.creator.key(), Http.json(Map.of("members",
                List.of(Map.of("id", t.viewer.id(), "type", "User"), Map.of("id", t.outsider.id(), "type", "User")),
                "permissions", Map.of("viewProject", true)))), "members[1].id");
        assertStatus(t.put(permissionsPath, t.creator.key(), Http.json(Map.of("members",
                List.of(Map.of("id", t.viewer.id(), "type", "User")), "permissions", Map.of("viewProject", List.of())))), 400);
        assertThat(http.get(permissionsPath, t.creator.key()).data().size()).as("nothing granted").isZero();
    }

    @Test
    void organizationProjectsListWhatTheCallerMaySeeInThatOrganization() {
        String visible = t.project(t.creator, Tenancy.unique("Org visible")).get("id").asString();
        String hidden = t.project(t.creator, Tenancy.unique("Org hidden")).get("id").asString();
        t.grant(visible, t.viewer.id(), "User", t.creator.key(), "viewProject");
        String path = "/api/v1/organizations/" + t.orgA + "/projects";

        assertThat(ids(http.get(path, t.viewer.key()))).contains(visible).doesNotContain(hidden);
        assertThat(ids(http.get(path, t.administrator.key()))).contains(visible, hidden);
        assertStatus(http.get(path, t.outsider.key()), 404);
        assertStatus(http.get(path, null), 401);
        assertStatus(http.get("/api/v1/organizations/not-a-uuid/projects", t.viewer.key()), 400);
    }

    @Test
    void permissionRoutesRefuseWhoDoesNotManageTheProject() {
        JsonNode project = t.project(t.creator, Tenancy.unique("Guarded"));
        String id = project.get("id").asString();
        String membership = t.grant(id, t.explorer.id(), "User", t.creator.key());
        String permissionsPath = path(project) + "/permissions";
        String grant = Http.json(Map.of("members", List.of(Map.of("id", t.explorer.id(), "type", "User")),
                "permissions", Map.of("viewProject", true)));

        for (String key : new String[] {t.explorer.key(), t.viewer.key()}) {
            assertStatus(http.get(permissionsPath, key), 403);
            assertStatus(t.put(permissionsPath, key, grant), 403);
            assertStatus(http.get(permissionsPath + "/" + membership, key), 403);
            assertStatus(t.put(permissionsPath + "/" + membership, key, "{}"), 403);
            assertStatus(http.delete(permissionsPath + "/" + membership, key), 403);
            assertStatus(t.deleteWithBody(permissionsPath, key, Http.json(List.of(membership))), 403);
        }
        for (String key : new String[] {t.outsider.key(), t.inBothKeyForB.key()}) {
            assertStatus(http.get(permissionsPath, key), 404);
            assertStatus(t.put(permissionsPath, key, grant), 404);
            assertStatus(http.get(permissionsPath + "/" + membership, key), 404);
            assertStatus(t.put(permissionsPath + "/" + membership, key, "{}"), 404);
            assertStatus(http.delete(permissionsPath + "/" + membership, key), 404);
            assertStatus(t.deleteWithBody(permissionsPath, key, Http.json(List.of(membership))), 404);
        }
        assertStatus(http.get(permissionsPath, null), 401);
        assertStatus(t.put(permissionsPath, null, grant), 401);
        assertStatus(http.get(permissionsPath + "/" + membership, null), 401);
        assertStatus(t.put(permissionsPath + "/" + membership, null, "{}"), 401);
        assertStatus(http.delete(permissionsPath + "/" + membership, null), 401);
        assertStatus(t.deleteWithBody(permissionsPath, null, Http.json(List.of(membership))), 401);
        assertThat(http.get(permissionsPath + "/" + membership, t.creator.key()).data().get("permissions")
                .get("moveTask").asBoolean()).as("unchanged").isTrue();
    }

    @Test
    void memberPermissionIdsAreThoseOfTheProject() {
        JsonNode project = t.project(t.creator, Tenancy.unique("Own ids"));
        JsonNode other = t.project(t.creator, Tenancy.unique("Other ids"));
        String foreign = t.grant(other.get("id").asString(), t.viewer.id(), "User", t.creator.key(), "viewProject");
        String own = t.grant(project.get("id").asString(), t.viewer.id(), "User", t.creator.key(), "viewProject");
        String permissionsPath = path(project) + "/permissions";

        assertStatus(http.get(permissionsPath + "/" + foreign, t.creator.key()), 404);
        assertStatus(t.put(permissionsPath + "/" + foreign, t.creator.key(), "{}"), 404);
        assertStatus(http.delete(permissionsPath + "/" + foreign, t.creator.key()), 404);
        assertStatus(t.deleteWithBody(permissionsPath, t.creator.key(), Http.json(List.of(own, foreign))), 404);
        assertStatus(http.get(permissionsPath + "/" + own, t.creator.key()), 200);
        assertStatus(http.get(permissionsPath + "/not-a-uuid", t.creator.key()), 400);
        assertInvalid(t.deleteWithBody(permissionsPath, t.creator.key(), "[]"), "memberPermissionIds");
        assertStatus(t.put(permissionsPath + "/" + own, t.creator.key(), "{\"viewProject\": \"sometimes\"}"), 400);
        assertStatus(http.get("/api/v1/projects/" + other.get("id").asString() + "/permissions/" + foreign, t.creator.key()), 200);
    }
}
