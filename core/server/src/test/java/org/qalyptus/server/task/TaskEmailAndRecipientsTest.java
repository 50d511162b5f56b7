package org.qalyptus.server.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qalyptus.server.task.TaskWorld.assertInvalid;
import static org.qalyptus.server.task.TaskWorld.assertStatus;
import static org.qalyptus.server.task.TaskWorld.body;
import static org.qalyptus.server.task.TaskWorld.ids;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qalyptus.server.app.AppElementIds;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import tools.jackson.databind.JsonNode;

/** A task's email settings and recipients over HTTP. */
class TaskEmailAndRecipientsTest {

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

    private static Map<String, Object> email() {
        return body("from", "Reports@Example.com", "subject", "Sales", "message", "Hello,\nthe figures.", "isActive", true,
                "oneToAll", false, "ccBcc", true, "cc", "a@example.com, b@example.com", "bcc", "c@example.com");
    }

    // ---- email ----

    @Test
    void aNewTaskHasAnUnconfiguredEmail() {
        JsonNode task = w.task(w.creator, w.project(w.creator).get("id").asString());
        Answer email = http.get(path(task) + "/email", w.creator.key());
        assertStatus(email, 200);
        assertThat(email.data().propertyNames()).contains("from", "ccBcc", "cc", "bcc", "ccQlikVariable", "bccQlikVariable",
                "subject", "message", "isActive", "oneToAll");
        assertThat(email.data().get("from").isNull()).isTrue();
        assertThat(email.data().get("isActive").asBoolean()).isFalse();
    }

    @Test
    void anEditorSetsTheEmail() {
        JsonNode task = w.task(w.creator, w.project(w.creator).get("id").asString());
        Answer saved = w.put(path(task) + "/email", w.creator.key(), email());
        assertStatus(saved, 200);
        JsonNode data = http.get(path(task) + "/email", w.creator.key()).data();
        assertThat(data.get("from").asString()).isEqualTo("reports@example.com");
        assertThat(data.get("subject").asString()).isEqualTo("Sales");
        assertThat(data.get("message").asString()).isEqualTo("Hello,\nthe figures.");
        assertThat(data.get("cc").asString()).isEqualTo("a@example.com;b@example.com");
        assertThat(data.get("bcc").asString()).isEqualTo("c@example.com");
        assertThat(data.get("ccBcc").asBoolean()).isTrue();
        assertThat(data.get("isActive").asBoolean()).isTrue();
        assertThat(data.get("oneToAll").asBoolean()).isFalse();
        assertThat(data.get("version").asLong()).isGreaterThan(task.get("version").asLong());
    }

    @Test
    void theEmailIsValidatedAndARefusalChangesNothing() {
        JsonNode task = w.task(w.creator, w.project(w.creator).get("id").asString());
        Document before = w.stored(task.get("id").asString());
        assertInvalid(w.put(path(task) + "/email", w.creator.key(), body("from", "not-an-address", "cc", "x@example.com;;y")),
                "from", "subject", "isActive", "cc");
        assertInvalid(w.put(path(task) + "/email", w.creator.key(), body("from", "a@example.com", "subject", "two\nlines",
                "isActive", true, "message", "m".repeat(100_001), "ccQlikVariable", "nope")), "subject", "message",
                "ccQlikVariable");
        assertInvalid(w.put(path(task) + "/email", w.creator.key(), body("from", Map.of("$ne", ""), "subject", "s",
                "isActive", true)), "from");
        assertThat(w.stored(task.get("id").asString())).isEqualTo(before);
    }

    @Test
    void aCcVariableMustBeAVariableOfAnAppOfTheTasksReports() {
        String projectId = w.project(w.creator).get("id").asString();
        JsonNode task = w.task(w.creator, projectId);
        String variable = AppElementIds.variable(w.appOne, TaskWorld.VARIABLE);
        Map<String, Object> request = email();
        request.put("ccQlikVariable", variable);
        assertInvalid(w.put(path(task) + "/email", w.creator.key(), request), "ccQlikVariable");

        String report = w.report(projectId, w.creator.id(), TaskWorld.unique("Report"), "HTML", false, List.of(w.appOne));
        assertStatus(w.put(path(task) + "/reports", w.creator.key(), body("reportID", report, "format", "Pdf",
                "emailEmbedment", false, "emailAttachment", true)), 200);
        Answer saved = w.put(path(task) + "/email", w.creator.key(), request);
        assertStatus(saved, 200);
        assertThat(saved.data().get("ccQlikVariable").asString()).isEqualTo(variable);

        request.put("bccQlikVariable", AppElementIds.variable(w.appTwo, TaskWorld.VARIABLE));
        assertInvalid(w.put(path(task) + "/email", w.creator.key(), request), "bccQlikVariable");
    }

    @Test
    void theEmailRoutesNeedViewAndEditFlags() {
        String projectId = w.project(w.creator).get("id").asString();
        JsonNode task = w.task(w.creator, projectId);
        assertStatus(http.get(path(task) + "/email", null), 401);
        assertStatus(http.get(path(task) + "/email", w.outsider.key()), 404);
        assertStatus(http.get("/api/v1/tasks/" + UUID.randomUUID() + "/email", w.creator.key()), 404);
        assertStatus(w.put(path(task) + "/email", null, email()), 401);
        assertStatus(w.put(path(task) + "/email", w.outsider.key(), email()), 404);
        w.grant(projectId, w.viewer.id(), "User", w.creator, "viewProject", "viewTask", "editTask");
        assertStatus(http.get(path(task) + "/email", w.viewer.key()), 200);
        assertStatus(w.put(path(task) + "/email", w.viewer.key(), email()), 403);
        Map<String, Object> stale = email();
        stale.put("version", task.get("version").asLong() - 1);
        assertStatus(w.put(path(task) + "/email", w.creator.key(), stale), 409);
    }

    // ---- recipients ----

    @Test
    void recipientsAreUsersGroupsAndAddresses() {
        JsonNode task = w.task(w.creator, w.project(w.creator).get("id").asString());
        Answer added = w.put(path(task) + "/recipients", w.creator.key(), List.of(
                Map.of("id", w.viewer.id(), "type", "User"),
                Map.of("id", w.recipientOnlyA, "type", "Recipient"),
                Map.of("id", w.teamA, "type", "Group"),
                Map.of("type", "Email", "email", "Partner@Example.org")));
        assertStatus(added, 200);
        assertThat(added.data().size()).isEqualTo(4);

        Answer listed = http.get(path(task) + "/recipients", w.creator.key());
        assertStatus(listed, 200);
        JsonNode user = find(listed.data(), "recipientID", w.viewer.id());
        assertThat(user.propertyNames()).contains("id", "name", "type", "email", "recipientID");
        assertThat(user.get("type").asString()).isEqualTo("User");
        assertThat(user.get("email").asString()).isEqualTo(w.viewer.email());
        assertThat(user.get("name").asString()).isNotBlank();
        assertThat(find(listed.data(), "recipientID", w.recipientOnlyA).get("type").asString()).isEqualTo("Recipient");
        JsonNode group = find(listed.data(), "recipientID", w.teamA);
        assertThat(group.get("type").asString()).isEqualTo("Group");
        assertThat(group.get("name").asString()).isEqualTo("Team");
        JsonNode address = find(listed.data(), "type", "Email");
        assertThat(address.get("email").asString()).isEqualTo("partner@example.org");
        assertThat(address.get("recipientID").isNull()).isTrue();

        Answer again = w.put(path(task) + "/recipients", w.creator.key(), List.of(Map.of("id", w.viewer.id(), "type", "user"),
                Map.of("type", "Email", "email", "partner@example.org"), Map.of("id", w.explorer.id(), "type", "User")));
        assertStatus(again, 200);
        assertThat(again.data().size()).as("the ones already there are kept once").isEqualTo(5);
        assertThat(find(again.data(), "recipientID", w.viewer.id()).get("id").asString()).isEqualTo(user.get("id").asString());
    }

    @Test
    void recipientsMustBelongToTheTasksOrganizationAndNothingIsAddedOtherwise() {
        JsonNode task = w.task(w.creator, w.project(w.creator).get("id").asString());
        Document before = w.stored(task.get("id").asString());
        Answer outsider = w.put(path(task) + "/recipients", w.creator.key(), List.of(Map.of("id", w.viewer.id(), "type", "User"),
                Map.of("id", w.viewer.id(), "type", "User"), Map.of("id", w.outsider.id(), "type", "User")));
        assertInvalid(outsider, "[2].id");
        assertThat(outsider.json().get("errorDetails").size()).isEqualTo(1);
        assertInvalid(w.put(path(task) + "/recipients", w.creator.key(), List.of(Map.of("id", w.orgB.allUsersGroupId(),
                "type", "Group"))), "[0].id");
        assertInvalid(w.put(path(task) + "/recipients", w.creator.key(), List.of(Map.of("id", UUID.randomUUID().toString(),
                "type", "User"))), "[0].id");
        assertInvalid(w.put(path(task) + "/recipients", w.creator.key(), List.of(Map.of("type", "Email", "email", "nope"),
                Map.of("id", "x", "type", "User"), Map.of("id", w.viewer.id(), "type", "Robot"), Map.of("id", w.viewer.id()))),
                "[0].email", "[1].id", "[2].type", "[3].type");
        assertInvalid(w.put(path(task) + "/recipients", w.creator.key(), List.of()), "recipients");
        assertStatus(w.put(path(task) + "/recipients", w.creator.key(), Map.of("id", w.viewer.id())), 400);
        assertThat(w.stored(task.get("id").asString())).isEqualTo(before);
    }

    @Test
    void recipientsAreRemovedByTheirIdOrRecipientIdAllOrNothing() {
        JsonNode task = w.task(w.creator, w.project(w.creator).get("id").asString());
        JsonNode added = w.put(path(task) + "/recipients", w.creator.key(), List.of(Map.of("id", w.viewer.id(), "type", "User"),
                Map.of("id", w.teamA, "type", "Group"), Map.of("type", "Email", "email", "x@example.com"))).data();
        String addressEntry = find(added, "type", "Email").get("id").asString();

        Document before = w.stored(task.get("id").asString());
        assertStatus(w.deleteJson(path(task) + "/recipients", w.creator.key(), List.of(w.viewer.id(), UUID.randomUUID().toString())), 404);
        assertInvalid(w.deleteJson(path(task) + "/recipients", w.creator.key(), List.of()), "ids");
        assertStatus(w.deleteJson(path(task) + "/recipients", null, List.of(w.viewer.id())), 401);
        assertStatus(w.deleteJson(path(task) + "/recipients", w.outsider.key(), List.of(w.viewer.id())), 404);
        assertThat(w.stored(task.get("id").asString())).isEqualTo(before);

        Answer removed = w.deleteJson(path(task) + "/recipients", w.creator.key(), List.of(w.viewer.id(), addressEntry));
        assertStatus(removed, 200);
        assertThat(removed.data().size()).isEqualTo(2);
        List<String> left = http.get(path(task) + "/recipients", w.creator.key()).data().findValuesAsString("recipientID");
        assertThat(left).containsExactly(w.teamA);
    }

    @Test
    void theRecipientRoutesNeedViewAndEditFlags() {
        String projectId = w.project(w.creator).get("id").asString();
        JsonNode task = w.task(w.creator, projectId);
        List<Map<String, String>> one = List.of(Map.of("id", w.viewer.id(), "type", "User"));
        assertStatus(http.get(path(task) + "/recipients", null), 401);
        assertStatus(http.get(path(task) + "/recipients", w.outsider.key()), 404);
        assertStatus(http.get("/api/v1/tasks/" + UUID.randomUUID() + "/recipients", w.creator.key()), 404);
        assertStatus(w.put(path(task) + "/recipients", null, one), 401);
        assertStatus(w.put(path(task) + "/recipients", w.outsider.key(), one), 404);
        w.grant(projectId, w.otherCreator.id(), "User", w.creator, "viewProject", "viewTask");
        assertStatus(http.get(path(task) + "/recipients", w.otherCreator.key()), 200);
        assertStatus(w.put(path(task) + "/recipients", w.otherCreator.key(), one), 403);
        assertStatus(w.deleteJson(path(task) + "/recipients", w.otherCreator.key(), List.of(w.viewer.id())), 403);
        assertThat(ids(http.get(path(task) + "/recipients", w.creator.key()))).isEmpty();
        assertStatus(http.send(http.request(path(task) + "/recipients", w.creator.key())
                .header("Content-Type", "application/json").header("If-Match", "\"99\"")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(Http.json(one)))), 409);
    }

    private static JsonNode find(JsonNode list, String field, String value) {
        return list.valueStream().filter(n -> n.get(field) != null && value.equals(n.get(field).asString())).findFirst()
                .orElseThrow(() -> new AssertionError(value + " not in " + list));
    }
}
