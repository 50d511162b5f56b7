package org.qalyptus.server.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qalyptus.server.filter.ContentFixture;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import tools.jackson.databind.JsonNode;

/** A task's parts through GraphQL: the same data, rules and refusals as the REST task routes. */
class TaskSettingsGraphqlTest {

    static ContentFixture f;
    static String project;
    static String report;

    static final String TASK_PARTS = """
            query($t: ID!) { task(id: $t) { version
              email { subject from isActive ccBcc }
              recipients { id recipientId type email }
              schedules { id frequency atHour atMinut timeZone nextExecutionDate nextRuns(count: 3) { at localTime } }
              externalEvents { id appId appName qlikEvent }
              triggers { id type }
              taskReports { id reportId format emailAttachment filters { id } hub { publish retentionCount } report { uuid } } } }""";

    @BeforeAll
    static void fixture() {
        f = new ContentFixture();
        project = f.project(f.creator);
        Answer created = f.http.postJson("/api/v1/reports", f.creator.key(), Http.json(Map.of("name",
                ContentFixture.unique("Sales"), "projectID", project, "type", "HTML", "qlikAppIDs", List.of(ContentFixture.APP))));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        report = created.data().get("id").asString();
    }

    static JsonNode graphql(String key, String query, Map<String, Object> variables) {
        Answer answer = f.http.postJson("/graphql", key, Http.json(Map.of("query", query, "variables", variables)));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    static JsonNode mutate(String key, String mutation, String inputType, String selection, Map<String, Object> input) {
        JsonNode answer = graphql(key, "mutation($in: " + inputType + "!) { " + mutation + "(input: $in) { " + selection
                + " userErrors { field code message } } }", Map.of("in", input));
        assertThat(answer.has("errors")).as(answer.toString()).isFalse();
        return answer.get("data").get(mutation);
    }

    static String task() {
        Answer task = f.http.postJson("/api/v1/tasks", f.creator.key(), Http.json(Map.of("name", ContentFixture.unique("Task"),
                "projectID", project)));
        assertThat(task.status()).as(task.body()).isEqualTo(200);
        return task.data().get("id").asString();
    }

    static Map<String, Object> input(String task, Object... pairs) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("id", task);
        for (int i = 0; i < pairs.length; i += 2) {
            input.put((String) pairs[i], pairs[i + 1]);
        }
        return input;
    }

    static Map<String, Object> daily(String task, int hour) {
        return input(task, "name", "Every morning", "frequency", "Daily", "timeZone", "Europe/Paris", "atHour", hour,
                "atMinut", 30, "execution", "Queue", "priority", 1);
    }

    @Test
    void aTaskSetUpThroughGraphqlIsTheOneRestShows() {
        String task = task();
        String path = "/api/v1/tasks/" + task;
        JsonNode email = mutate(f.creator.key(), "updateTaskEmail", "UpdateTaskEmailInput", "email { subject isActive version }",
                input(task, "from", "reports@example.com", "subject", "Sales", "isActive", true, "ccBcc", false));
        assertThat(email.get("userErrors")).isEmpty();
        JsonNode recipients = mutate(f.creator.key(), "addTaskRecipients", "AddTaskRecipientsInput",
                "recipients { recipientId type } task { uuid }", input(task, "recipients", List.of(
                        Map.of("id", f.viewer.id(), "type", "User"), Map.of("type", "Email", "email", "boss@example.com"))));
        assertThat(recipients.get("userErrors")).isEmpty();
        assertThat(recipients.get("recipients").size()).isEqualTo(2);
        JsonNode schedule = mutate(f.creator.key(), "saveTaskSchedule", "SaveTaskScheduleInput", "schedule { id atHour }",
                daily(task, 7));
        assertThat(schedule.get("userErrors")).isEmpty();
        JsonNode event = mutate(f.creator.key(), "saveTaskExternalEvent", "SaveTaskExternalEventInput",
                "externalEvent { id appId qlikEvent }", input(task, "name", "After reload", "execution", "Queue", "priority", 2,
                        "appId", ContentFixture.APP, "qlikEvent", "AppReloadSucceeded"));
        assertThat(event.get("userErrors")).isEmpty();
        JsonNode taskReport = mutate(f.creator.key(), "saveTaskReport", "SaveTaskReportInput", "taskReport { id reportId format }",
                input(task, "reportId", report, "format", "Pdf", "emailAttachment", true, "emailEmbedment", false,
                        "hub", Map.of("publish", true, "retentionCount", 3)));
        assertThat(taskReport.get("userErrors")).isEmpty();

        JsonNode parts = graphql(f.creator.key(), TASK_PARTS, Map.of("t", task)).get("data").get("task");
        assertThat(parts.get("email").get("subject").asString())
                .isEqualTo(f.http.get(path + "/email", f.creator.key()).data().get("subject").asString());
        assertThat(parts.get("recipients").findValuesAsString("id"))
                .isEqualTo(f.http.get(path + "/recipients", f.creator.key()).data().findValuesAsString("id"));
        JsonNode restSchedule = f.http.get(path + "/schedules", f.creator.key()).data().get(0);
        JsonNode gqlSchedule = parts.get("schedules").get(0);
        assertThat(gqlSchedule.get("id").asString()).isEqualTo(restSchedule.get("id").asString());
        assertThat(gqlSchedule.get("nextExecutionDate").asString()).isEqualTo(restSchedule.get("nextExecutionDate").asString());
        // the next runs are the scheduler's: REST's nextExecutionDates, shown in the schedule's zone
        List<String> restRuns = restSchedule.get("nextExecutionDates").valueStream().map(JsonNode::asString).toList();
        JsonNode runs = gqlSchedule.get("nextRuns");
        assertThat(runs.size()).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            assertThat(runs.get(i).get("at").asString()).isEqualTo(restRuns.get(i));
            OffsetDateTime local = OffsetDateTime.parse(runs.get(i).get("localTime").asString());
            assertThat(local.toLocalTime()).isEqualTo(LocalTime.of(7, 30));
            assertThat(local.toInstant().toString()).isEqualTo(restRuns.get(i));
            assertThat(local.getOffset()).isEqualTo(ZoneId.of("Europe/Paris").getRules().getOffset(local.toInstant()));
        }
        JsonNode restEvent = f.http.get(path + "/external-events", f.creator.key()).data().get(0);
        assertThat(parts.get("externalEvents").get(0).get("id").asString()).isEqualTo(restEvent.get("id").asString());
        assertThat(parts.get("externalEvents").get(0).get("appName").asString())
                .isEqualTo(restEvent.get("qlikEvent").get("appName").asString());
        assertThat(parts.get("triggers").findValuesAsString("id"))
                .isEqualTo(f.http.get(path + "/triggers", f.creator.key()).data().findValuesAsString("id"));
        JsonNode restReport = f.http.get(path + "/reports", f.creator.key()).data().get(0);
        JsonNode gqlReport = parts.get("taskReports").get(0);
        assertThat(gqlReport.get("id").asString()).isEqualTo(restReport.get("id").asString());
        assertThat(gqlReport.get("reportId").asString()).isEqualTo(report);
        assertThat(gqlReport.get("hub").get("retentionCount").asInt()).isEqualTo(restReport.get("hub").get("retentionCount").asInt());
        assertThat(gqlReport.get("report").get("uuid").asString()).isEqualTo(report);
    }

    @Test
    void invalidPartsAreUserErrorsOnRestsFieldsAndChangeNothing() {
        String task = task();
        Map<String, Object> bad = daily(task, 7);
        bad.put("frequency", "Sometimes");
        bad.put("atHour", 25);
        Map<String, Object> restBody = new HashMap<>(bad);
        restBody.remove("id");
        Answer rest = f.http.send(f.http.request("/api/v1/tasks/" + task + "/schedules", f.creator.key())
                .header("Content-Type", "application/json").PUT(java.net.http.HttpRequest.BodyPublishers.ofString(Http.json(restBody))));
        assertThat(rest.status()).isEqualTo(400);
        JsonNode refused = mutate(f.creator.key(), "saveTaskSchedule", "SaveTaskScheduleInput", "schedule { id }", bad);
        assertThat(refused.get("schedule").isNull()).isTrue();
        List<String> restFields = rest.json().get("errorDetails").findValuesAsString("field");
        assertThat(refused.get("userErrors").valueStream().map(e -> e.get("field").asString()).toList())
                .isEqualTo(restFields.stream().map(UserErrors::inputField).toList());
        assertThat(refused.get("userErrors").get(0).get("code").asString()).isEqualTo("VALIDATION");
        assertThat(f.http.get("/api/v1/tasks/" + task + "/schedules", f.creator.key()).data()).isEmpty();
    }

    /** The userErrors code GraphQL gives for a REST refusal: a validation failure names fields, others by status. */
    static String codeOf(Answer rest) {
        if (rest.status() == 400 && rest.body().contains("\"field\"")) {
            return "VALIDATION";
        }
        return switch (rest.status()) {
            case 400 -> "BAD_REQUEST";
            case 403 -> "FORBIDDEN";
            case 404 -> "NOT_FOUND";
            case 409 -> "CONFLICT";
            default -> "HTTP " + rest.status();
        };
    }

    static Answer put(String path, String key, Object body) {
        return f.http.send(f.http.request(path, key).header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(Http.json(body))));
    }

    @Test
    void refusalsHaveTheCodesOfRestsStatuses() {
        String task = task();
        Map<String, Object> email = Map.of("from", "reports@example.com", "subject", "x", "isActive", true, "ccBcc", false,
                "oneToAll", false);
        Answer restViewer = put("/api/v1/tasks/" + task + "/email", f.viewer.key(), email);
        assertThat(restViewer.status()).isIn(403, 404);
        Map<String, Object> viewerInput = new HashMap<>(email);
        viewerInput.put("id", task);
        JsonNode viewer = mutate(f.viewer.key(), "updateTaskEmail", "UpdateTaskEmailInput", "email { subject }", viewerInput);
        assertThat(viewer.get("userErrors").get(0).get("code").asString()).isEqualTo(codeOf(restViewer));

        Map<String, Object> schedule = daily(task, 7);
        Map<String, Object> body = new HashMap<>(schedule);
        body.remove("id");
        Answer restOutsider = put("/api/v1/tasks/" + task + "/schedules", f.outsider.key(), body);
        assertThat(restOutsider.status()).isEqualTo(404);
        JsonNode outsider = mutate(f.outsider.key(), "saveTaskSchedule", "SaveTaskScheduleInput", "schedule { id }", schedule);
        assertThat(outsider.get("userErrors").get(0).get("code").asString()).isEqualTo("NOT_FOUND");
        JsonNode read = graphql(f.outsider.key(), TASK_PARTS, Map.of("t", task));
        assertThat(read.get("data").get("task").isNull()).isTrue();
        assertThat(read.get("errors").get(0).get("extensions").get("code").asString()).isEqualTo("NOT_FOUND");
        assertThat(f.http.get("/api/v1/tasks/" + task + "/schedules", f.creator.key()).data()).as("nothing changed").isEmpty();
    }

    @Test
    void partsAreDeletedAsRestDeletesThemAndAStaleVersionIsAConflict() {
        String task = task();
        String schedule = mutate(f.creator.key(), "saveTaskSchedule", "SaveTaskScheduleInput", "schedule { id }", daily(task, 6))
                .get("schedule").get("id").asString();
        String second = mutate(f.creator.key(), "saveTaskSchedule", "SaveTaskScheduleInput", "schedule { id }", daily(task, 9))
                .get("schedule").get("id").asString();
        String event = mutate(f.creator.key(), "saveTaskExternalEvent", "SaveTaskExternalEventInput", "externalEvent { id }",
                input(task, "name", "E", "execution", "Queue", "priority", 1, "appId", ContentFixture.APP,
                        "qlikEvent", "AppReloadSucceeded")).get("externalEvent").get("id").asString();
        String recipient = mutate(f.creator.key(), "addTaskRecipients", "AddTaskRecipientsInput", "recipients { id }",
                input(task, "recipients", List.of(Map.of("type", "Email", "email", "a@example.com"))))
                .get("recipients").get(0).get("id").asString();
        String taskReport = mutate(f.creator.key(), "saveTaskReport", "SaveTaskReportInput", "taskReport { id }",
                input(task, "reportId", report, "format", "Pdf", "emailAttachment", true, "emailEmbedment", false)).get("taskReport").get("id").asString();
        long version = f.http.get("/api/v1/tasks/" + task, f.creator.key()).data().get("version").asLong();

        JsonNode stale = mutate(f.creator.key(), "deleteTaskSchedules", "TaskChildIdsInput", "deletedIds task { uuid }",
                input(task, "ids", List.of(schedule), "version", version - 1));
        assertThat(stale.get("deletedIds")).isEmpty();
        assertThat(stale.get("userErrors").get(0).get("code").asString()).isEqualTo("CONFLICT");

        JsonNode schedules = mutate(f.creator.key(), "deleteTaskSchedules", "TaskChildIdsInput", "deletedIds task { uuid }",
                input(task, "ids", List.of(schedule), "version", version));
        assertThat(schedules.get("deletedIds").get(0).asString()).isEqualTo(schedule);
        assertThat(schedules.get("task").get("uuid").asString()).isEqualTo(task);
        assertThat(mutate(f.creator.key(), "deleteTaskExternalEvents", "TaskChildIdsInput", "deletedIds",
                input(task, "ids", List.of(event))).get("deletedIds").get(0).asString()).isEqualTo(event);
        assertThat(mutate(f.creator.key(), "deleteTaskTriggers", "TaskChildIdsInput", "deletedIds",
                input(task, "ids", List.of(second))).get("deletedIds").get(0).asString()).isEqualTo(second);
        assertThat(mutate(f.creator.key(), "deleteTaskRecipients", "TaskChildIdsInput", "deletedIds",
                input(task, "ids", List.of(recipient))).get("deletedIds").get(0).asString()).isEqualTo(recipient);
        assertThat(mutate(f.creator.key(), "deleteTaskReports", "TaskChildIdsInput", "deletedIds",
                input(task, "ids", List.of(taskReport))).get("deletedIds").get(0).asString()).isEqualTo(taskReport);
        String path = "/api/v1/tasks/" + task;
        assertThat(f.http.get(path + "/triggers", f.creator.key()).data()).isEmpty();
        assertThat(f.http.get(path + "/recipients", f.creator.key()).data()).isEmpty();
        assertThat(f.http.get(path + "/reports", f.creator.key()).data()).isEmpty();

        JsonNode unknown = mutate(f.creator.key(), "deleteTaskSchedules", "TaskChildIdsInput", "deletedIds",
                input(task, "ids", List.of(schedule)));
        int rest = f.http.send(f.http.request(path + "/schedules", f.creator.key()).header("Content-Type", "application/json")
                .method("DELETE", java.net.http.HttpRequest.BodyPublishers.ofString("[\"" + schedule + "\"]"))).status();
        assertThat(unknown.get("userErrors").get(0).get("code").asString()).isEqualTo(rest == 404 ? "NOT_FOUND" : "BAD_REQUEST");
    }

    @Test
    void nextRunsAreNoneForAnInactiveTaskAndTheCountIsBounded() {
        String task = task();
        mutate(f.creator.key(), "saveTaskSchedule", "SaveTaskScheduleInput", "schedule { id }", daily(task, 7));
        String query = "query($t: ID!, $n: Int) { task(id: $t) { schedules { nextRuns(count: $n) { at } } } }";
        Map<String, Object> variables = new HashMap<>(Map.of("t", task, "n", 100));
        assertThat(graphql(f.creator.key(), query, variables).get("data").get("task").get("schedules").get(0)
                .get("nextRuns").size()).isEqualTo(100);
        variables.put("n", 101);
        assertThat(graphql(f.creator.key(), query, variables).get("errors").get(0).get("extensions").get("code").asString())
                .isEqualTo("BAD_REQUEST");

        Answer inactive = f.http.putJson("/api/v1/tasks/" + task, f.creator.key(), Http.json(Map.of("name",
                ContentFixture.unique("Off"), "isActive", false, "sendNotifications", false)));
        assertThat(inactive.status()).as(inactive.body()).isEqualTo(200);
        variables.put("n", 5);
        assertThat(graphql(f.creator.key(), query, variables).get("data").get("task").get("schedules").get(0)
                .get("nextRuns")).isEmpty();
    }
}
