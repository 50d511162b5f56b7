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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qalyptus.server.app.AppElementIds;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import tools.jackson.databind.JsonNode;

/** Duplicating a task, with and without an app mapping. */
class TaskDuplicateTest {

    private static TaskWorld w;
    private static Http http;

    @BeforeAll
    static void world() {
        w = TaskWorld.get();
        http = w.http;
    }

    /** A task on app one: a schedule, a reload event, a recipient, an email with a Cc variable, an iterated report. */
    record Designed(String projectId, JsonNode task, String path, String report, String filter) {}

    static Designed designed() {
        String projectId = w.project(w.creator).get("id").asString();
        JsonNode task = w.task(w.creator, projectId, unique("Regional sales"));
        String path = "/api/v1/tasks/" + task.get("id").asString();
        String report = w.report(projectId, w.creator.id(), unique("Per region"), "HTML", true, List.of(w.appOne, w.appTwo));
        String filter = w.filter(projectId, w.creator.id(), unique("Europe"), w.appOne);
        assertStatus(w.put(path + "/reports", w.creator.key(), body("reportID", report, "format", "Pdf",
                "emailEmbedment", false, "emailAttachment", true, "fileOpenPassword", "secret",
                "filters", List.of(Map.of("id", filter)),
                "iterationOptions", Map.of("zipForEmail", true,
                        "hubVisibilityVariable", AppElementIds.variable(w.appOne, "vShow")))), 200);
        assertStatus(w.put(path + "/email", w.creator.key(), body("from", "reports@example.com", "subject", "Sales",
                "isActive", true, "ccBcc", true, "ccQlikVariable", AppElementIds.variable(w.appOne, TaskWorld.VARIABLE))), 200);
        assertStatus(w.put(path + "/recipients", w.creator.key(), List.of(Map.of("id", w.viewer.id(), "type", "User"))), 200);
        assertStatus(w.put(path + "/schedules", w.creator.key(), TaskTriggerRoutesTest.daily(6)), 200);
        assertStatus(w.put(path + "/external-events", w.creator.key(), TaskTriggerRoutesTest.reloadEvent(w.appOne)), 200);
        return new Designed(projectId, task, path, report, filter);
    }

    @Test
    void aCopyIsAnInactiveTaskOfTheCallerWithItsOwnElements() {
        Designed d = designed();
        Answer copied = http.postJson(d.path() + "/duplicate", w.creator.key(), "");
        assertStatus(copied, 200);
        JsonNode copy = copied.data();
        String copyPath = "/api/v1/tasks/" + copy.get("id").asString();
        assertThat(copy.get("id").asString()).isNotEqualTo(d.task().get("id").asString());
        assertThat(copy.get("name").asString()).isEqualTo(d.task().get("name").asString() + " - Copy");
        assertThat(copy.get("isActive").asBoolean()).isFalse();
        assertThat(copy.get("project").get("id").asString()).isEqualTo(d.projectId());

        JsonNode reports = http.get(copyPath + "/reports", w.creator.key()).data();
        JsonNode originalReports = http.get(d.path() + "/reports", w.creator.key()).data();
        assertThat(reports.get(0).get("reportID").asString()).isEqualTo(d.report());
        assertThat(reports.get(0).get("filters").get(0).get("id").asString()).isEqualTo(d.filter());
        assertThat(reports.get(0).get("isOpenFilePasswordProtected").asBoolean()).isTrue();
        assertThat(reports.get(0).get("id").asString()).isNotEqualTo(originalReports.get(0).get("id").asString());
        assertThat(ids(http.get(copyPath + "/triggers", w.creator.key())))
                .doesNotContainAnyElementsOf(ids(http.get(d.path() + "/triggers", w.creator.key()))).hasSize(2);
        assertThat(http.get(copyPath + "/recipients", w.creator.key()).data().findValuesAsString("recipientID"))
                .containsExactly(w.viewer.id());
        JsonNode events = http.get(copyPath + "/external-events", w.creator.key()).data();
        assertThat(events.get(0).get("appId").asString()).as("no mapping: same app").isEqualTo(w.appOne);

        Answer again = http.postJson(d.path() + "/duplicate", w.creator.key(), "{}");
        assertThat(again.data().get("name").asString()).isEqualTo(d.task().get("name").asString() + " - Copy (2)");
    }

    @Test
    void anAppMappingMovesEveryAppReferenceOfTheCopy() {
        Designed d = designed();
        Answer copied = http.postJson(d.path() + "/duplicate", w.creator.key(),
                Http.json(Map.of("appMapping", Map.of(w.appOne, w.appTwo))));
        assertStatus(copied, 200);
        String copyPath = "/api/v1/tasks/" + copied.data().get("id").asString();

        assertThat(http.get(copyPath + "/external-events", w.creator.key()).data().get(0).get("appId").asString())
                .isEqualTo(w.appTwo);
        assertThat(http.get(copyPath + "/email", w.creator.key()).data().get("ccQlikVariable").asString())
                .isEqualTo(AppElementIds.variable(w.appTwo, TaskWorld.VARIABLE));
        assertThat(http.get(copyPath + "/reports", w.creator.key()).data().get(0).get("iterationOptions")
                .get("hubVisibilityVariable").asString()).isEqualTo(AppElementIds.variable(w.appTwo, "vShow"));
        assertThat(http.get(copyPath + "/reports", w.creator.key()).data().get(0).get("reportID").asString())
                .as("the report stays the same asset").isEqualTo(d.report());

        assertThat(http.get(d.path() + "/external-events", w.creator.key()).data().get(0).get("appId").asString())
                .as("the original is untouched").isEqualTo(w.appOne);
        assertThat(http.get(d.path() + "/email", w.creator.key()).data().get("ccQlikVariable").asString())
                .isEqualTo(AppElementIds.variable(w.appOne, TaskWorld.VARIABLE));
    }

    @Test
    void theMappingsTargetsMustBeAppsOfTheOrganization() {
        Designed d = designed();
        long before = w.mongo().count(new org.springframework.data.mongodb.core.query.Query(
                org.springframework.data.mongodb.core.query.Criteria.where("projectId").is(d.projectId())), "tasks");
        assertInvalid(http.postJson(d.path() + "/duplicate", w.creator.key(),
                Http.json(Map.of("appMapping", Map.of(w.appOne, UUID.randomUUID().toString())))), "appMapping." + w.appOne);
        assertInvalid(http.postJson(d.path() + "/duplicate", w.creator.key(),
                "{\"appMapping\": {\"" + w.appOne + "\": \"\"}}"), "appMapping." + w.appOne);
        assertStatus(http.postJson(d.path() + "/duplicate", w.creator.key(), "{\"appMapping\": [1, 2]}"), 400);
        assertStatus(http.postJson(d.path() + "/duplicate", w.creator.key(), "{\"appMapping\": {\"a\": {\"$ne\": 1}}}"), 400);
        assertThat(w.mongo().count(new org.springframework.data.mongodb.core.query.Query(
                org.springframework.data.mongodb.core.query.Criteria.where("projectId").is(d.projectId())), "tasks"))
                .isEqualTo(before);
    }

    @Test
    void duplicatingNeedsTheDuplicateFlagAndACreatorLicense() {
        String projectId = w.project(w.creator).get("id").asString();
        JsonNode task = w.task(w.creator, projectId);
        String path = "/api/v1/tasks/" + task.get("id").asString() + "/duplicate";
        assertStatus(http.postJson(path, null, ""), 401);
        assertStatus(http.postJson(path, w.outsider.key(), ""), 404);
        assertStatus(http.postJson("/api/v1/tasks/" + UUID.randomUUID() + "/duplicate", w.creator.key(), ""), 404);
        w.grant(projectId, w.otherCreator.id(), "User", w.creator, "viewProject", "viewTask", "editTask");
        assertStatus(http.postJson(path, w.otherCreator.key(), ""), 403);
        w.grant(projectId, w.explorer.id(), "User", w.creator, "viewProject", "viewTask", "duplicateTask");
        assertStatus(http.postJson(path, w.explorer.key(), ""), 403);
        w.grant(projectId, w.otherCreator.id(), "User", w.creator, "viewProject", "viewTask", "duplicateTask");
        Answer copied = http.postJson(path, w.otherCreator.key(), "");
        assertStatus(copied, 200);
        assertThat(copied.data().get("owner").asString()).isEqualTo(w.otherCreator.id());
        assertThat(copied.data().get("isMine").asBoolean()).isTrue();
    }
}
