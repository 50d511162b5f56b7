package org.qalyptus.server.graphql;

import graphql.schema.DataFetchingEnvironment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.task.TaskReportService;
import org.qalyptus.server.task.TaskRequests;
import org.qalyptus.server.task.TaskService;
import org.qalyptus.server.task.TaskTriggerService;
import org.qalyptus.server.task.TaskViews;
import org.qalyptus.server.web.ApiException;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * A task's parts: email, recipients, schedules, external events and task reports, read through the batched
 * loaders and changed by the services the REST task routes call (inputs are their bodies, spelt the GraphQL
 * way, with the id of the task and of the part REST puts in the path or query).
 */
@Controller
class TaskSettingsGraphql {

    private static final String SCHEDULE = "Schedule";
    private static final String EXTERNAL_EVENT = "ExternalEvent";
    private static final String[] ROUTING = {"id", "scheduleId", "externalEventId", "taskReportId"};

    private final TaskService tasks;
    private final TaskTriggerService triggers;
    private final TaskReportService taskReports;

    TaskSettingsGraphql(TaskService tasks, TaskTriggerService triggers, TaskReportService taskReports) {
        this.tasks = tasks;
        this.triggers = triggers;
        this.taskReports = taskReports;
    }

    // ---- reading ----

    @SchemaMapping(typeName = "Task", field = "email")
    CompletableFuture<TaskViews.Email> email(TaskViews.Task task, DataFetchingEnvironment env) {
        return TaskLoaders.load(env, TaskLoaders.EMAIL_OF_TASK, task.id());
    }

    @SchemaMapping(typeName = "Task", field = "schedules")
    CompletableFuture<List<TaskViews.Trigger>> schedules(TaskViews.Task task, DataFetchingEnvironment env) {
        return TaskLoaders.<List<TaskViews.Trigger>>load(env, TaskLoaders.TRIGGERS_OF_TASK, task.id())
                .thenApply(all -> all.stream().filter(t -> SCHEDULE.equals(t.type())).toList());
    }

    @SchemaMapping(typeName = "Task", field = "externalEvents")
    CompletableFuture<List<TaskViews.Trigger>> externalEvents(TaskViews.Task task, DataFetchingEnvironment env) {
        return TaskLoaders.<List<TaskViews.Trigger>>load(env, TaskLoaders.TRIGGERS_OF_TASK, task.id())
                .thenApply(all -> all.stream().filter(t -> EXTERNAL_EVENT.equals(t.type())).toList());
    }

    @SchemaMapping(typeName = "Schedule", field = "nextRuns")
    List<Map<String, Object>> nextRuns(TaskViews.Trigger schedule, @Argument Integer count) {
        int wanted = count == null ? 5 : count;
        if (wanted < 1 || wanted > Connections.MAX_PAGE) {
            throw ApiException.invalid("count", "must be between 1 and " + Connections.MAX_PAGE);
        }
        return triggers.nextRuns(schedule, wanted).stream().map(run -> {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("at", run.toInstant());
            answer.put("localTime", run.toOffsetDateTime().toString());
            return answer;
        }).toList();
    }

    @SchemaMapping(typeName = "ExternalEvent", field = "qlikEvent")
    String qlikEvent(TaskViews.Trigger event) {
        return event.qlikEvent() == null ? null : event.qlikEvent().event();
    }

    @SchemaMapping(typeName = "ExternalEvent", field = "appName")
    String appName(TaskViews.Trigger event) {
        return event.qlikEvent() == null ? null : event.qlikEvent().appName();
    }

    // ---- email and recipients ----

    @MutationMapping
    Map<String, Object> updateTaskEmail(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("email", () -> tasks.updateEmail(caller, task(input),
                Inputs.body(input, TaskRequests.UpdateEmail.class, ROUTING), null));
    }

    @MutationMapping
    Map<String, Object> addTaskRecipients(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payloadOf(() -> {
            String id = task(input);
            List<TaskViews.Recipient> all = tasks.addRecipients(caller, id,
                    Inputs.bodies(input, "recipients", TaskRequests.Recipient.class), ifMatch(input));
            return Map.of("recipients", all, "task", tasks.get(caller, id));
        }, "recipients");
    }

    @MutationMapping
    Map<String, Object> deleteTaskRecipients(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return deleted(caller, input, (id, ids) -> tasks.deleteRecipients(caller, id, ids, ifMatch(input)));
    }

    // ---- schedules and external events ----

    @MutationMapping
    Map<String, Object> saveTaskSchedule(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("schedule", () -> triggers.saveSchedule(caller, task(input),
                Inputs.optionalUuid(input, "scheduleId", "Schedule"), Inputs.body(input, TaskRequests.Schedule.class, ROUTING),
                null));
    }

    @MutationMapping
    Map<String, Object> deleteTaskSchedules(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return deleted(caller, input, (id, ids) -> triggers.deleteSchedules(caller, id, ids, ifMatch(input)));
    }

    @MutationMapping
    Map<String, Object> saveTaskExternalEvent(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("externalEvent", () -> triggers.saveEvent(caller, task(input),
                Inputs.optionalUuid(input, "externalEventId", "ExternalEvent"),
                Inputs.body(input, TaskRequests.ExternalEvent.class, ROUTING), null));
    }

    @MutationMapping
    Map<String, Object> deleteTaskExternalEvents(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return deleted(caller, input, (id, ids) -> triggers.deleteEvents(caller, id, ids, ifMatch(input)));
    }

    @MutationMapping
    Map<String, Object> deleteTaskTriggers(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return deleted(caller, input, (id, ids) -> triggers.deleteTriggers(caller, id, ids, ifMatch(input)));
    }

    // ---- task reports ----

    @MutationMapping
    Map<String, Object> saveTaskReport(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("taskReport", () -> taskReports.save(caller, task(input),
                Inputs.optionalUuid(input, "taskReportId", "TaskReport"),
                Inputs.body(input, TaskRequests.TaskReport.class, ROUTING), null));
    }

    @MutationMapping
    Map<String, Object> deleteTaskReports(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return deleted(caller, input, (id, ids) -> taskReports.deleteReports(caller, id, ids, ifMatch(input)));
    }

    // ---- helpers ----

    private static String task(Map<String, Object> input) {
        return Inputs.uuid(input, "id", "Task");
    }

    /** The input's version as REST's If-Match would carry it (the bodies of deletions have none). */
    private static String ifMatch(Map<String, Object> input) {
        Long version = Inputs.version(input);
        return version == null ? null : "\"" + version + "\"";
    }

    /** A deletion of parts of a task: the ids deleted and the task after it. */
    private Map<String, Object> deleted(Caller caller, Map<String, Object> input,
            java.util.function.BiFunction<String, List<UUID>, List<String>> delete) {
        return UserErrors.payloadOf(() -> {
            String id = task(input);
            List<String> ids = delete.apply(id, Inputs.uuids(input, "ids", "TaskPart"));
            return Map.of("deletedIds", ids, "task", tasks.get(caller, id));
        }, "deletedIds");
    }
}
