package org.qalyptus.server.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qalyptus.server.task.TaskWorld.assertInvalid;
import static org.qalyptus.server.task.TaskWorld.assertStatus;
import static org.qalyptus.server.task.TaskWorld.body;
import static org.qalyptus.server.task.TaskWorld.ids;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import tools.jackson.databind.JsonNode;

/** Schedules, external events and triggers of a task over HTTP. */
class TaskTriggerRoutesTest {

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

    static Map<String, Object> daily(int hour) {
        return body("name", "Every morning", "frequency", "Daily", "timeZone", "Europe/Paris", "atHour", hour, "atMinut", 0,
                "execution", "Queue", "priority", 1, "day", 0, "month", 0, "everyHours", 0);
    }

    static Map<String, Object> reloadEvent(String appId) {
        return body("name", "After reload", "execution", "Queue", "priority", 2, "appID", appId,
                "qlikEvent", "AppReloadSucceeded", "description", "when the app has new data");
    }

    // ---- schedules ----

    @Test
    void aScheduleIsAddedThenUpdatedByItsId() {
        JsonNode task = w.task(w.creator, w.project(w.creator).get("id").asString());
        Answer added = w.put(path(task) + "/schedules", w.creator.key(), daily(7));
        assertStatus(added, 200);
        JsonNode schedule = added.data();
        assertThat(schedule.propertyNames()).contains("id", "name", "description", "type", "isActive", "frequency",
                "startDate", "endDate", "timeZone", "timeZoneOfset", "day", "month", "weeklyDays", "atHour", "atMinut",
                "fromHour", "fromMinut", "toHour", "toMinut", "everyHours", "execution", "priority", "nextExecutionDate",
                "appId", "eventType", "qlikEvent");
        assertThat(schedule.get("type").asString()).isEqualTo("Schedule");
        assertThat(schedule.get("day").isNull()).as("not used by Daily").isTrue();
        assertThat(schedule.get("timeZoneOfset").asString()).isIn("+01:00", "+02:00");
        Instant next = Instant.parse(schedule.get("nextExecutionDate").asString());
        assertThat(next).isAfter(Instant.now()).isBefore(Instant.now().plusSeconds(2 * 86_400));
        assertThat(next.atZone(ZoneId.of("Europe/Paris")).toLocalTime()).isEqualTo(LocalTime.of(7, 0));
        assertThat(schedule.get("nextExecutionDates").size()).isEqualTo(5);
        String id = schedule.get("id").asString();

        Answer updated = w.put(path(task) + "/schedules?taskScheduleID=" + id, w.creator.key(), daily(18));
        assertStatus(updated, 200);
        assertThat(updated.data().get("id").asString()).isEqualTo(id);
        assertThat(updated.data().get("atHour").asInt()).isEqualTo(18);

        Answer listed = http.get(path(task) + "/schedules", w.creator.key());
        assertThat(ids(listed)).containsExactly(id);
        Answer one = http.get(path(task) + "/schedules/" + id, w.creator.key());
        assertStatus(one, 200);
        assertThat(one.data().get("atHour").asInt()).isEqualTo(18);
        assertThat(http.get(path(task), w.creator.key()).data().get("isScheduled").asBoolean()).isTrue();
    }

    @Test
    void anInactiveTaskOrScheduleAndAnEndedWindowHaveNoNextExecution() {
        JsonNode task = w.task(w.creator, w.project(w.creator).get("id").asString());
        Map<String, Object> inactive = daily(7);
        inactive.put("isActive", false);
        assertThat(w.put(path(task) + "/schedules", w.creator.key(), inactive).data().get("nextExecutionDate").isNull()).isTrue();
        Map<String, Object> ended = daily(7);
        ended.put("startDate", "2020-01-01T00:00:00Z");
        ended.put("endDate", "2020-02-01T00:00:00Z");
        assertThat(w.put(path(task) + "/schedules", w.creator.key(), ended).data().get("nextExecutionDate").isNull()).isTrue();
        Answer running = w.put(path(task) + "/schedules", w.creator.key(), daily(7));
        assertThat(running.data().get("nextExecutionDate").isNull()).isFalse();

        assertStatus(w.put(path(task), w.creator.key(), body("name", task.get("name").asString(), "isActive", false,
                "sendNotifications", false)), 200);
        JsonNode again = http.get(path(task) + "/schedules/" + running.data().get("id").asString(), w.creator.key()).data();
        assertThat(again.get("nextExecutionDate").isNull()).as("disabled task").isTrue();
        assertThat(again.get("nextExecutionDates").size()).isZero();
    }

    @Test
    void aMonthlyScheduleOnTheLastDayRunsOnTheLastDayInItsTimeZone() {
        JsonNode task = w.task(w.creator, w.project(w.creator).get("id").asString());
        Answer added = w.put(path(task) + "/schedules", w.creator.key(), body("name", "Month end", "frequency", "Monthly",
                "timeZone", "America/New_York", "day", -1, "atHour", 22, "atMinut", 30));
        assertStatus(added, 200);
        for (JsonNode run : added.data().get("nextExecutionDates")) {
            LocalDateTime local = LocalDateTime.ofInstant(Instant.parse(run.asString()), ZoneId.of("America/New_York"));
            assertThat(local.toLocalTime()).isEqualTo(LocalTime.of(22, 30));
            assertThat(local.getDayOfMonth()).isEqualTo(local.toLocalDate().lengthOfMonth());
        }
    }

    @Test
    void invalidSchedulesAreRefusedWithTheirFieldsAndChangeNothing() {
        JsonNode task = w.task(w.creator, w.project(w.creator).get("id").asString());
        Document before = w.stored(task.get("id").asString());
        assertInvalid(w.put(path(task) + "/schedules", w.creator.key(), body("frequency", "Weekly", "timeZone", "Nowhere/City",
                "atHour", 25, "weeklyDays", "Caturday")), "name", "timeZone", "atHour", "weeklyDays");
        assertInvalid(w.put(path(task) + "/schedules", w.creator.key(), body("name", "y", "frequency", "Yearly",
                "timeZone", "UTC", "atHour", 1, "month", 2, "day", 30)), "day");
        assertInvalid(w.put(path(task) + "/schedules", w.creator.key(), body("name", "h", "frequency", "Hourly",
                "timeZone", "UTC", "everyHours", 0)), "everyHours");
        assertInvalid(w.put(path(task) + "/schedules", w.creator.key(), body("name", "d", "frequency", "Daily",
                "timeZone", "UTC", "atHour", "seven")), "atHour");
        assertInvalid(w.put(path(task) + "/schedules", w.creator.key(), body("name", "d", "frequency", "Daily",
                "timeZone", "UTC", "atHour", 7, "startDate", "2031-01-01", "endDate", "2030-01-01")), "endDate");
        assertThat(w.stored(task.get("id").asString())).isEqualTo(before);
    }

    @Test
    void theScheduleRoutesFindOnlyTheTasksSchedules() {
        String projectId = w.project(w.creator).get("id").asString();
        JsonNode task = w.task(w.creator, projectId);
        JsonNode other = w.task(w.creator, projectId);
        String otherSchedule = w.put(path(other) + "/schedules", w.creator.key(), daily(6)).data().get("id").asString();
        Document before = w.stored(task.get("id").asString());

        assertStatus(http.get(path(task) + "/schedules/" + otherSchedule, w.creator.key()), 404);
        assertStatus(w.put(path(task) + "/schedules?taskScheduleID=" + otherSchedule, w.creator.key(), daily(9)), 404);
        assertStatus(w.put(path(task) + "/schedules?taskScheduleID=nope", w.creator.key(), daily(9)), 400);
        assertStatus(w.deleteJson(path(task) + "/schedules", w.creator.key(), List.of(otherSchedule)), 404);
        assertStatus(http.get("/api/v1/tasks/" + UUID.randomUUID() + "/schedules", w.creator.key()), 404);
        assertThat(w.stored(task.get("id").asString())).isEqualTo(before);
        assertThat(ids(http.get(path(other) + "/schedules", w.creator.key()))).containsExactly(otherSchedule);
    }

    @Test
    void schedulesAreDeletedAllOrNothing() {
        JsonNode task = w.task(w.creator, w.project(w.creator).get("id").asString());
        String one = w.put(path(task) + "/schedules", w.creator.key(), daily(6)).data().get("id").asString();
        String two = w.put(path(task) + "/schedules", w.creator.key(), daily(7)).data().get("id").asString();
        String three = w.put(path(task) + "/schedules", w.creator.key(), daily(8)).data().get("id").asString();
        assertStatus(w.deleteJson(path(task) + "/schedules", w.creator.key(), List.of(one, UUID.randomUUID().toString())), 404);
        assertInvalid(w.deleteJson(path(task) + "/schedules", w.creator.key(), List.of()), "ids");
        assertThat(ids(http.get(path(task) + "/schedules", w.creator.key()))).containsExactly(one, two, three);
        Answer deleted = w.deleteJson(path(task) + "/schedules", w.creator.key(), List.of(one, three));
        assertStatus(deleted, 200);
        assertThat(ids(http.get(path(task) + "/schedules", w.creator.key()))).containsExactly(two);
    }

    @Test
    void theScheduleRoutesNeedViewAndEditFlags() {
        String projectId = w.project(w.creator).get("id").asString();
        JsonNode task = w.task(w.creator, projectId);
        String id = w.put(path(task) + "/schedules", w.creator.key(), daily(6)).data().get("id").asString();
        Document before = w.stored(task.get("id").asString());
        assertStatus(http.get(path(task) + "/schedules", null), 401);
        assertStatus(http.get(path(task) + "/schedules/" + id, null), 401);
        assertStatus(w.put(path(task) + "/schedules", null, daily(6)), 401);
        assertStatus(w.deleteJson(path(task) + "/schedules", null, List.of(id)), 401);
        assertStatus(http.get(path(task) + "/schedules", w.outsider.key()), 404);
        assertStatus(http.get(path(task) + "/schedules/" + id, w.outsider.key()), 404);
        assertStatus(w.put(path(task) + "/schedules", w.outsider.key(), daily(6)), 404);
        w.grant(projectId, w.viewer.id(), "User", w.creator, "viewProject", "viewTask", "editTask");
        assertStatus(http.get(path(task) + "/schedules", w.viewer.key()), 200);
        assertStatus(http.get(path(task) + "/schedules/" + id, w.viewer.key()), 200);
        assertStatus(w.put(path(task) + "/schedules", w.viewer.key(), daily(6)), 403);
        assertStatus(w.put(path(task) + "/schedules?taskScheduleID=" + id, w.viewer.key(), daily(6)), 403);
        assertStatus(w.deleteJson(path(task) + "/schedules", w.viewer.key(), List.of(id)), 403);
        Map<String, Object> stale = daily(6);
        stale.put("version", 0);
        assertStatus(w.put(path(task) + "/schedules", w.creator.key(), stale), 409);
        assertThat(w.stored(task.get("id").asString())).isEqualTo(before);
    }

    // ---- external events ----

    @Test
    void anExternalEventWatchesAnAppOfTheOrganization() {
        JsonNode task = w.task(w.creator, w.project(w.creator).get("id").asString());
        Answer added = w.put(path(task) + "/external-events", w.creator.key(), reloadEvent(w.appOne));
        assertStatus(added, 200);
        JsonNode event = added.data();
        assertThat(event.get("type").asString()).isEqualTo("ExternalEvent");
        assertThat(event.get("eventType").asString()).isEqualTo("QlikEvent");
        assertThat(event.get("appId").asString()).isEqualTo(w.appOne);
        assertThat(event.get("qlikEvent").get("event").asString()).isEqualTo("AppReloadSucceeded");
        assertThat(event.get("qlikEvent").get("appName").asString()).isEqualTo("App one");
        assertThat(event.get("nextExecutionDate").isNull()).isTrue();
        assertThat(event.get("priority").asInt()).isEqualTo(2);
        String id = event.get("id").asString();

        Map<String, Object> changed = reloadEvent(w.appTwo);
        changed.put("timeZone", "Europe/Paris");
        changed.put("startDate", "2030-01-01T00:00");
        Answer updated = w.put(path(task) + "/external-events?taskExternalEventID=" + id, w.creator.key(), changed);
        assertStatus(updated, 200);
        assertThat(updated.data().get("id").asString()).isEqualTo(id);
        assertThat(updated.data().get("appId").asString()).isEqualTo(w.appTwo);
        assertThat(updated.data().get("startDate").asString()).isEqualTo("2029-12-31T23:00:00Z");

        assertThat(ids(http.get(path(task) + "/external-events", w.creator.key()))).containsExactly(id);
        assertStatus(http.get(path(task) + "/external-events/" + id, w.creator.key()), 200);
        assertThat(http.get(path(task), w.creator.key()).data().get("isScheduled").asBoolean()).isTrue();
    }

    @Test
    void invalidExternalEventsAreRefusedAndChangeNothing() {
        JsonNode task = w.task(w.creator, w.project(w.creator).get("id").asString());
        Document before = w.stored(task.get("id").asString());
        assertInvalid(w.put(path(task) + "/external-events", w.creator.key(), body("name", "x")), "execution", "priority",
                "qlikEvent", "appID");
        assertInvalid(w.put(path(task) + "/external-events", w.creator.key(), body("name", "x", "execution", "Later",
                "priority", 99, "qlikEvent", "AppDeleted", "appID", w.appOne, "timeZone", "Moon/Base")), "execution",
                "priority", "qlikEvent", "timeZone");
        assertInvalid(w.put(path(task) + "/external-events", w.creator.key(), reloadEvent(UUID.randomUUID().toString())),
                "appID");
        String appOfNoOne = UUID.randomUUID().toString();
        assertInvalid(w.put(path(task) + "/external-events", w.creator.key(), reloadEvent(appOfNoOne)), "appID");
        assertThat(w.stored(task.get("id").asString())).isEqualTo(before);
    }

    @Test
    void anAppOfAnotherOrganizationIsNotOneOfTheTasks() {
        JsonNode project = projectOfB();
        JsonNode task = w.task(w.outsider, project.get("id").asString());
        assertInvalid(w.put(path(task) + "/external-events", w.outsider.key(), reloadEvent(w.appOne)), "appID");
    }

    private JsonNode projectOfB() {
        Answer answer = http.postJson("/api/v1/projects", w.outsider.key(),
                Http.json(body("name", TaskWorld.unique("B"), "organizationID", w.orgB.id())));
        assertStatus(answer, 200);
        return answer.data();
    }

    @Test
    void externalEventsAreDeletedOneOrManyAllOrNothing() {
        String projectId = w.project(w.creator).get("id").asString();
        JsonNode task = w.task(w.creator, projectId);
        String one = w.put(path(task) + "/external-events", w.creator.key(), reloadEvent(w.appOne)).data().get("id").asString();
        String two = w.put(path(task) + "/external-events", w.creator.key(), reloadEvent(w.appTwo)).data().get("id").asString();
        String three = w.put(path(task) + "/external-events", w.creator.key(), reloadEvent(w.appTwo)).data().get("id").asString();

        assertStatus(w.deleteJson(path(task) + "/external-events", w.creator.key(), List.of(one, UUID.randomUUID().toString())), 404);
        assertStatus(http.delete(path(task) + "/external-events/" + UUID.randomUUID(), w.creator.key()), 404);
        assertStatus(http.delete(path(task) + "/external-events/" + one, null), 401);
        assertStatus(http.delete(path(task) + "/external-events/" + one, w.outsider.key()), 404);
        w.grant(projectId, w.viewer.id(), "User", w.creator, "viewProject", "viewTask");
        assertStatus(http.delete(path(task) + "/external-events/" + one, w.viewer.key()), 403);
        assertStatus(w.deleteJson(path(task) + "/external-events", w.viewer.key(), List.of(one)), 403);
        assertStatus(w.put(path(task) + "/external-events", w.viewer.key(), reloadEvent(w.appOne)), 403);
        assertStatus(http.get(path(task) + "/external-events", w.viewer.key()), 200);
        assertStatus(http.get(path(task) + "/external-events/" + one, w.viewer.key()), 200);
        assertStatus(http.get(path(task) + "/external-events/" + one, w.outsider.key()), 404);
        assertStatus(http.get(path(task) + "/external-events", null), 401);
        assertThat(ids(http.get(path(task) + "/external-events", w.creator.key()))).containsExactly(one, two, three);

        assertStatus(http.delete(path(task) + "/external-events/" + one, w.creator.key()), 200);
        assertStatus(http.get(path(task) + "/external-events/" + one, w.creator.key()), 404);
        assertStatus(w.deleteJson(path(task) + "/external-events", w.creator.key(), List.of(two, three)), 200);
        assertThat(ids(http.get(path(task) + "/external-events", w.creator.key()))).isEmpty();
    }

    // ---- triggers ----

    @Test
    void triggersListSchedulesAndEventsTogetherAndDeleteEitherKind() {
        String projectId = w.project(w.creator).get("id").asString();
        JsonNode task = w.task(w.creator, projectId);
        String schedule = w.put(path(task) + "/schedules", w.creator.key(), daily(6)).data().get("id").asString();
        String otherSchedule = w.put(path(task) + "/schedules", w.creator.key(), daily(7)).data().get("id").asString();
        String event = w.put(path(task) + "/external-events", w.creator.key(), reloadEvent(w.appOne)).data().get("id").asString();

        Answer triggers = http.get(path(task) + "/triggers", w.creator.key());
        assertThat(ids(triggers)).containsExactly(schedule, otherSchedule, event);
        assertThat(triggers.data().findValuesAsString("type")).containsExactly("Schedule", "Schedule", "ExternalEvent");
        assertThat(triggers.data().get(0).get("nextExecutionDate").isNull()).isFalse();

        assertStatus(http.get(path(task) + "/triggers", null), 401);
        assertStatus(http.get(path(task) + "/triggers", w.outsider.key()), 404);
        assertStatus(w.deleteJson(path(task) + "/triggers", w.creator.key(), List.of(schedule, UUID.randomUUID().toString())), 404);
        assertStatus(w.deleteJson(path(task) + "/triggers", null, List.of(schedule)), 401);
        assertStatus(w.deleteJson(path(task) + "/triggers", w.outsider.key(), List.of(schedule)), 404);
        w.grant(projectId, w.viewer.id(), "User", w.creator, "viewProject", "viewTask");
        assertStatus(http.get(path(task) + "/triggers", w.viewer.key()), 200);
        assertStatus(w.deleteJson(path(task) + "/triggers", w.viewer.key(), List.of(schedule)), 403);
        assertInvalid(w.deleteJson(path(task) + "/triggers", w.creator.key(), List.of()), "ids");
        assertThat(ids(http.get(path(task) + "/triggers", w.creator.key()))).hasSize(3);

        Answer deleted = w.deleteJson(path(task) + "/triggers", w.creator.key(), List.of(schedule, event));
        assertStatus(deleted, 200);
        assertThat(ids(http.get(path(task) + "/triggers", w.creator.key()))).containsExactly(otherSchedule);
    }
}
