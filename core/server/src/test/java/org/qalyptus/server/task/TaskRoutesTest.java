package org.qalyptus.server.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qalyptus.server.task.TaskWorld.assertInvalid;
import static org.qalyptus.server.task.TaskWorld.assertStatus;
import static org.qalyptus.server.task.TaskWorld.body;
import static org.qalyptus.server.task.TaskWorld.ids;
import static org.qalyptus.server.task.TaskWorld.unique;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import tools.jackson.databind.JsonNode;

/** Create, list, get, update, delete and bulk delete tasks, and the permission and owner routes, over HTTP. */
class TaskRoutesTest {

    private static TaskWorld w;
    private static Http http;

    @BeforeAll
    static void world() {
        w = TaskWorld.get();
        http = w.http;
    }

    private static String path(JsonNode task) {
        return "/api/v1/tasks/" + task.get("id").asString();
    }

    private static Map<String, Object> update(String name, boolean active) {
        return body("name", name, "description", "updated", "isActive", active, "sendNotifications", false);
    }

    // ---- create ----

    @Test
    void aCreatorCreatesATaskInAProjectAndOwnsIt() {
        JsonNode project = w.project(w.creator);
        String name = unique("Morning");
        Answer created = http.postJson("/api/v1/tasks", w.creator.key(), Http.json(body("name", "  " + name + " ",
                "description", "Daily figures", "projectID", project.get("id").asString())));

        assertStatus(created, 200);
        JsonNode task = created.data();
        assertThat(task.propertyNames()).contains("id", "name", "owner", "isMine", "project", "isActive", "testMode",
                "testModeRecipients", "ownerName", "description", "isScheduled", "sendNotifications", "notifyIfError",
                "notifyIfWarning", "notifyIfSuccess", "notificationRecipients", "notificationCc", "notificationBcc",
                "lastExecution", "version");
        assertThat(task.get("name").asString()).isEqualTo(name);
        assertThat(task.get("owner").asString()).isEqualTo(w.creator.id());
        assertThat(task.get("isMine").asBoolean()).isTrue();
        assertThat(task.get("ownerName").asString()).isNotBlank();
        assertThat(task.get("project").get("id").asString()).isEqualTo(project.get("id").asString());
        assertThat(task.get("project").get("name").asString()).isEqualTo(project.get("name").asString());
        assertThat(task.get("isActive").asBoolean()).isTrue();
        assertThat(task.get("isScheduled").asBoolean()).isFalse();
        assertThat(task.get("lastExecution").isNull()).isTrue();
        assertThat(UUID.fromString(task.get("id").asString())).isNotNull();
    }

    @Test
    void creatingValidatesTheBody() {
        String projectId = w.project(w.creator).get("id").asString();
        assertInvalid(http.postJson("/api/v1/tasks", w.creator.key(), Http.json(body("name", " ", "projectID", projectId))),
                "name");
        assertInvalid(http.postJson("/api/v1/tasks", w.creator.key(), Http.json(body("name", "x".repeat(201),
                "description", "d".repeat(2001)))), "name", "description", "projectID");
        assertInvalid(http.postJson("/api/v1/tasks", w.creator.key(), Http.json(body("name", "ok", "projectID", "nope"))),
                "projectID");
        assertInvalid(http.postJson("/api/v1/tasks", w.creator.key(), "{\"name\": {\"$ne\": null}, \"projectID\": \"" + projectId + "\"}"),
                "name");
        assertStatus(http.postJson("/api/v1/tasks", w.creator.key(), "{not json"), 400);
        assertThat(w.mongo().count(new org.springframework.data.mongodb.core.query.Query(
                org.springframework.data.mongodb.core.query.Criteria.where("projectId").is(projectId)), "tasks")).isZero();
    }

    @Test
    void creatingNeedsTheCreateFlagACreatorLicenseAndAVisibleProject() {
        String projectId = w.project(w.creator).get("id").asString();
        Map<String, Object> request = body("name", unique("T"), "projectID", projectId);
        assertStatus(http.postJson("/api/v1/tasks", null, Http.json(request)), 401);
        assertStatus(http.postJson("/api/v1/tasks", w.otherCreator.key(), Http.json(request)), 404);
        assertStatus(http.postJson("/api/v1/tasks", w.outsider.key(), Http.json(request)), 404);
        assertStatus(http.postJson("/api/v1/tasks", w.creator.key(),
                Http.json(body("name", "x", "projectID", UUID.randomUUID().toString()))), 404);

        w.grant(projectId, w.otherCreator.id(), "User", w.creator, "viewProject", "viewTask");
        assertStatus(http.postJson("/api/v1/tasks", w.otherCreator.key(), Http.json(request)), 403);
        w.grant(projectId, w.explorer.id(), "User", w.creator, "viewProject", "viewTask", "createTask");
        assertStatus(http.postJson("/api/v1/tasks", w.explorer.key(), Http.json(request)), 403);

        w.grant(projectId, w.otherCreator.id(), "User", w.creator, "viewProject", "viewTask", "createTask");
        assertStatus(http.postJson("/api/v1/tasks", w.otherCreator.key(), Http.json(request)), 200);
    }

    @Test
    void namesAreUniqueInAProjectIgnoringCase() {
        String projectId = w.project(w.creator).get("id").asString();
        String name = unique("Weekly");
        w.task(w.creator, projectId, name);
        Answer duplicate = http.postJson("/api/v1/tasks", w.creator.key(),
                Http.json(body("name", name.toUpperCase(), "projectID", projectId)));
        assertStatus(duplicate, 409);
        assertThat(duplicate.json().get("error").asString()).contains("already exists");
        String otherProject = w.project(w.creator).get("id").asString();
        assertStatus(http.postJson("/api/v1/tasks", w.creator.key(), Http.json(body("name", name, "projectID", otherProject))), 200);
    }

    // ---- list and get ----

    @Test
    void theListShowsTheTasksTheCallerMaySee() {
        String projectId = w.project(w.creator).get("id").asString();
        JsonNode mine = w.task(w.creator, projectId);
        String hiddenProject = w.project(w.creator).get("id").asString();
        JsonNode hidden = w.task(w.creator, hiddenProject);
        w.grant(projectId, w.viewer.id(), "User", w.creator, "viewProject", "viewTask");

        assertThat(ids(http.get("/api/v1/tasks", w.creator.key()))).contains(mine.get("id").asString(), hidden.get("id").asString());
        List<String> viewerSees = ids(http.get("/api/v1/tasks", w.viewer.key()));
        assertThat(viewerSees).contains(mine.get("id").asString()).doesNotContain(hidden.get("id").asString());
        JsonNode seen = http.get("/api/v1/tasks", w.viewer.key()).data().valueStream()
                .filter(t -> t.get("id").asString().equals(mine.get("id").asString())).findFirst().orElseThrow();
        assertThat(seen.get("isMine").asBoolean()).isFalse();
        assertThat(seen.get("ownerName").asString()).isNotBlank();
        assertThat(seen.get("project").get("id").asString()).isEqualTo(projectId);
        assertThat(ids(http.get("/api/v1/tasks", w.administrator.key()))).contains(mine.get("id").asString(), hidden.get("id").asString());
        assertThat(ids(http.get("/api/v1/tasks", w.outsider.key()))).doesNotContain(mine.get("id").asString());
        assertStatus(http.get("/api/v1/tasks", null), 401);
    }

    @Test
    void gettingATaskNeedsTheViewFlag() {
        String projectId = w.project(w.creator).get("id").asString();
        JsonNode task = w.task(w.creator, projectId);
        assertStatus(http.get(path(task), w.creator.key()), 200);
        assertThat(http.get(path(task), w.creator.key()).data().get("version").asLong()).isEqualTo(task.get("version").asLong());
        assertStatus(http.get(path(task), null), 401);
        assertStatus(http.get(path(task), w.outsider.key()), 404);
        assertStatus(http.get("/api/v1/tasks/" + UUID.randomUUID(), w.creator.key()), 404);
        assertStatus(http.get("/api/v1/tasks/not-a-uuid", w.creator.key()), 400);
        w.grant(projectId, w.viewer.id(), "User", w.creator, "viewProject");
        assertStatus(http.get(path(task), w.viewer.key()), 403);
        w.grant(projectId, w.viewer.id(), "User", w.creator, "viewProject", "viewTask");
        assertStatus(http.get(path(task), w.viewer.key()), 200);
    }

    // ---- update ----

    @Test
    void anEditorUpdatesTheSettingsAndNotifications() {
        String projectId = w.project(w.creator).get("id").asString();
        JsonNode task = w.task(w.creator, projectId);
        String name = unique("Renamed");
        Map<String, Object> request = body("name", name, "description", "now weekly", "isActive", false,
                "sendNotifications", true, "notifyIfError", true, "notifyIfWarning", false, "notifyIfSuccess", true,
                "notificationRecipients", "Ops@Example.com; dev@example.com", "notificationCc", "lead@example.com",
                "notificationBcc", null, "testMode", true, "testModeRecipients", "tester@example.com");
        Answer updated = w.put(path(task), w.creator.key(), request);

        assertStatus(updated, 200);
        JsonNode data = updated.data();
        assertThat(data.get("name").asString()).isEqualTo(name);
        assertThat(data.get("isActive").asBoolean()).isFalse();
        assertThat(data.get("sendNotifications").asBoolean()).isTrue();
        assertThat(data.get("notifyIfError").asBoolean()).isTrue();
        assertThat(data.get("notifyIfWarning").asBoolean()).isFalse();
        assertThat(data.get("notificationRecipients").asString()).isEqualTo("ops@example.com;dev@example.com");
        assertThat(data.get("notificationBcc").isNull()).isTrue();
        assertThat(data.get("testMode").asBoolean()).isTrue();
        assertThat(data.get("testModeRecipients").asString()).isEqualTo("tester@example.com");
        assertThat(data.get("version").asLong()).isGreaterThan(task.get("version").asLong());
        assertThat(http.get(path(task), w.creator.key()).data().get("name").asString()).isEqualTo(name);
    }

    @Test
    void updatingValidatesEveryFieldAndChangesNothingWhenRefused() {
        String projectId = w.project(w.creator).get("id").asString();
        JsonNode task = w.task(w.creator, projectId);
        Document before = w.stored(task.get("id").asString());

        assertInvalid(w.put(path(task), w.creator.key(), body("name", "")), "name", "isActive", "sendNotifications");
        assertInvalid(w.put(path(task), w.creator.key(), body("name", "n", "isActive", true, "sendNotifications", true)),
                "notificationRecipients");
        assertInvalid(w.put(path(task), w.creator.key(), body("name", "n", "isActive", true, "sendNotifications", false,
                "notificationCc", "a@example.com; not an address", "testMode", true)), "notificationCc", "testModeRecipients");
        assertInvalid(w.put(path(task), w.creator.key(), body("name", "n", "isActive", "yes please", "sendNotifications", false)),
                "isActive");
        assertStatus(w.put(path(task), w.creator.key(), "[1, 2]"), 400);
        assertThat(w.stored(task.get("id").asString())).isEqualTo(before);
    }

    @Test
    void updatingNeedsTheEditFlagAndAnExplorerLicense() {
        String projectId = w.project(w.creator).get("id").asString();
        JsonNode task = w.task(w.creator, projectId);
        Document before = w.stored(task.get("id").asString());
        assertStatus(w.put(path(task), null, update("x", true)), 401);
        assertStatus(w.put(path(task), w.outsider.key(), update("x", true)), 404);
        assertStatus(w.put("/api/v1/tasks/" + UUID.randomUUID(), w.creator.key(), update("x", true)), 404);
        w.grant(projectId, w.viewer.id(), "User", w.creator, "viewProject", "viewTask", "editTask");
        assertStatus(w.put(path(task), w.viewer.key(), update("x", true)), 403);
        w.grant(projectId, w.otherCreator.id(), "User", w.creator, "viewProject", "viewTask");
        assertStatus(w.put(path(task), w.otherCreator.key(), update("x", true)), 403);
        assertThat(w.stored(task.get("id").asString())).isEqualTo(before);

        w.grant(projectId, w.explorer.id(), "User", w.creator, "viewProject", "viewTask", "editTask");
        assertStatus(w.put(path(task), w.explorer.key(), update(unique("By explorer"), true)), 200);
    }

    @Test
    void renamingToATakenNameIs409() {
        String projectId = w.project(w.creator).get("id").asString();
        JsonNode first = w.task(w.creator, projectId);
        JsonNode second = w.task(w.creator, projectId);
        assertStatus(w.put(path(second), w.creator.key(), update(first.get("name").asString().toLowerCase(), true)), 409);
        assertStatus(w.put(path(first), w.creator.key(), update(first.get("name").asString(), false)), 200);
    }

    @Test
    void aStaleVersionIs409() {
        String projectId = w.project(w.creator).get("id").asString();
        JsonNode task = w.task(w.creator, projectId);
        long version = task.get("version").asLong();
        Map<String, Object> first = update(unique("First"), true);
        first.put("version", version);
        assertStatus(w.put(path(task), w.creator.key(), first), 200);

        Map<String, Object> stale = update(unique("Second"), true);
        stale.put("version", version);
        Answer refused = w.put(path(task), w.creator.key(), stale);
        assertStatus(refused, 409);
        Answer byHeader = http.send(http.request(path(task), w.creator.key()).header("Content-Type", "application/json")
                .header("If-Match", "\"" + version + "\"")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(Http.json(update(unique("Third"), true)))));
        assertStatus(byHeader, 409);
        assertThat(http.get(path(task), w.creator.key()).data().get("name").asString()).isEqualTo(first.get("name"));
    }

    // ---- delete ----

    @Test
    void deletingATaskNeedsTheDeleteFlag() {
        String projectId = w.project(w.creator).get("id").asString();
        JsonNode task = w.task(w.creator, projectId);
        assertStatus(http.delete(path(task), null), 401);
        assertStatus(http.delete(path(task), w.outsider.key()), 404);
        w.grant(projectId, w.otherCreator.id(), "User", w.creator, "viewProject", "viewTask", "editTask");
        assertStatus(http.delete(path(task), w.otherCreator.key()), 403);
        assertThat(w.stored(task.get("id").asString())).isNotNull();

        Answer deleted = http.delete(path(task), w.creator.key());
        assertStatus(deleted, 200);
        assertThat(deleted.data().asString()).isEqualTo(task.get("id").asString());
        assertStatus(http.get(path(task), w.creator.key()), 404);
        assertStatus(http.delete(path(task), w.creator.key()), 404);
    }

    @Test
    void bulkDeletionIsAllOrNothing() {
        String projectId = w.project(w.creator).get("id").asString();
        String one = w.task(w.creator, projectId).get("id").asString();
        String two = w.task(w.creator, projectId).get("id").asString();
        String foreign = w.task(w.outsider, projectOfB()).get("id").asString();

        assertStatus(w.deleteJson("/api/v1/tasks", w.creator.key(), List.of(one, two, foreign)), 404);
        assertStatus(w.deleteJson("/api/v1/tasks", w.creator.key(), List.of(one, UUID.randomUUID().toString())), 404);
        assertInvalid(w.deleteJson("/api/v1/tasks", w.creator.key(), List.of()), "ids");
        assertStatus(w.deleteJson("/api/v1/tasks", w.creator.key(), List.of("nope")), 400);
        assertStatus(w.deleteJson("/api/v1/tasks", null, List.of(one)), 401);
        w.grant(projectId, w.otherCreator.id(), "User", w.creator, "viewProject", "viewTask");
        assertStatus(w.deleteJson("/api/v1/tasks", w.otherCreator.key(), List.of(one, two)), 403);
        assertThat(w.stored(one)).isNotNull();
        assertThat(w.stored(two)).isNotNull();

        Answer deleted = w.deleteJson("/api/v1/tasks", w.creator.key(), List.of(one, two, one));
        assertStatus(deleted, 200);
        assertThat(deleted.data().valueStream().map(JsonNode::asString).toList()).containsExactly(one, two);
        assertThat(w.stored(one)).isNull();
        assertThat(w.stored(two)).isNull();
        assertThat(w.stored(foreign)).isNotNull();
    }

    private String projectOfB() {
        Answer answer = http.postJson("/api/v1/projects", w.outsider.key(),
                Http.json(body("name", unique("B project"), "organizationID", w.orgB.id())));
        assertStatus(answer, 200);
        return answer.data().get("id").asString();
    }

    // ---- permissions and owner ----

    @Test
    void inCustomizableModeATaskHasItsOwnMembers() {
        String projectId = w.project(w.creator).get("id").asString();
        w.customizable(projectId, w.creator);
        w.grant(projectId, w.otherCreator.id(), "User", w.creator, "viewProject", "viewTask");
        JsonNode task = w.task(w.creator, projectId);
        JsonNode other = w.task(w.creator, projectId);
        String taskPath = path(task);

        Answer members = http.get(taskPath + "/permissions", w.creator.key());
        assertStatus(members, 200);
        assertThat(members.data().findValuesAsString("memberID")).contains(w.otherCreator.id());
        assertStatus(http.get(taskPath + "/permissions", w.otherCreator.key()), 403);
        assertStatus(http.get(taskPath + "/permissions", w.outsider.key()), 404);
        assertStatus(http.get(taskPath + "/permissions", null), 401);

        Map<String, Boolean> flags = new java.util.LinkedHashMap<>();
        for (org.qalyptus.server.permission.Permission p : org.qalyptus.server.permission.Permission.values()) {
            flags.put(p.flag(), List.of("viewTask", "editTask").contains(p.flag()));
        }
        Answer set = w.put(taskPath + "/permissions", w.creator.key(),
                Map.of("members", List.of(Map.of("id", w.otherCreator.id(), "type", "User")), "permissions", flags));
        assertStatus(set, 200);
        assertStatus(w.put(taskPath, w.otherCreator.key(), update(unique("Edited by grant"), true)), 200);
        assertStatus(w.put(path(other), w.otherCreator.key(), update(unique("Not granted"), true)), 403);

        String membership = set.data().valueStream().filter(m -> m.get("memberID").asString().equals(w.otherCreator.id()))
                .findFirst().orElseThrow().get("id").asString();
        assertStatus(http.get(taskPath + "/permissions/" + membership, w.creator.key()), 200);
        flags.put("editTask", false);
        assertStatus(w.put(taskPath + "/permissions/" + membership, w.creator.key(), flags), 200);
        assertStatus(w.put(taskPath, w.otherCreator.key(), update(unique("No more"), true)), 403);
        assertStatus(http.delete(taskPath + "/permissions/" + membership, w.creator.key()), 200);
        assertStatus(http.get(taskPath, w.otherCreator.key()), 403);
        assertStatus(w.deleteJson(taskPath + "/permissions", w.creator.key(), List.of(UUID.randomUUID().toString())), 404);
    }

    @Test
    void inGlobalModeTheTasksMembersAreTheProjectsAndReadOnly() {
        String projectId = w.project(w.creator).get("id").asString();
        w.grant(projectId, w.otherCreator.id(), "User", w.creator, "viewProject", "viewTask", "editTask");
        JsonNode task = w.task(w.creator, projectId);
        Answer members = http.get(path(task) + "/permissions", w.creator.key());
        assertStatus(members, 200);
        assertThat(members.data().findValuesAsString("memberID")).contains(w.otherCreator.id());
        Answer set = w.put(path(task) + "/permissions", w.creator.key(), Map.of(
                "members", List.of(Map.of("id", w.viewer.id(), "type", "User")), "permissions", Map.of("viewTask", true)));
        assertStatus(set, 409);
        assertStatus(w.put(path(task), w.otherCreator.key(), update(unique("Global edit"), true)), 200);
    }

    @Test
    void theOwnerOrTheProjectsManagersChangeTheOwner() {
        String projectId = w.project(w.creator).get("id").asString();
        w.grant(projectId, w.otherCreator.id(), "User", w.creator, "viewProject", "viewTask", "editTask");
        JsonNode task = w.task(w.creator, projectId);
        assertStatus(w.put(path(task) + "/owner/" + w.administrator.id(), w.otherCreator.key(), ""), 403);
        assertStatus(w.put(path(task) + "/owner/" + w.outsider.id(), w.creator.key(), ""), 400);
        assertStatus(w.put(path(task) + "/owner/" + w.viewer.id(), w.creator.key(), ""), 400);
        assertStatus(w.put(path(task) + "/owner/" + w.otherCreator.id(), null, ""), 401);
        assertStatus(w.put("/api/v1/tasks/" + UUID.randomUUID() + "/owner/" + w.otherCreator.id(), w.creator.key(), ""), 404);

        Answer changed = w.put(path(task) + "/owner/" + w.otherCreator.id(), w.creator.key(), "");
        assertStatus(changed, 200);
        assertThat(changed.data().get("owner").asString()).isEqualTo(w.otherCreator.id());
        assertThat(changed.data().get("isMine").asBoolean()).isFalse();
        assertThat(http.get(path(task), w.otherCreator.key()).data().get("isMine").asBoolean()).isTrue();
    }
}
