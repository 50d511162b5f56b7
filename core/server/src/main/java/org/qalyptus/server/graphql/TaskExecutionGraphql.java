package org.qalyptus.server.graphql;

import graphql.schema.DataFetchingEnvironment;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qalyptus.server.asset.AssetPermissions;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.execution.ExecutionDocument;
import org.qalyptus.server.execution.ExecutionService;
import org.qalyptus.server.execution.ExecutionViews;
import org.qalyptus.server.graphql.Connections.Connection;
import org.qalyptus.server.graphql.Connections.Page;
import org.qalyptus.server.report.ReportRendering;
import org.qalyptus.server.task.TaskDocument;
import org.qalyptus.server.task.TaskRequests;
import org.qalyptus.server.task.TaskService;
import org.qalyptus.server.task.TaskViews;
import org.qalyptus.server.web.ApiException;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** Tasks' mutations and links, and executions (Status); the REST routes' service calls. */
@Controller
class TaskExecutionGraphql {

    private final TaskService tasks;
    private final ExecutionService executions;
    private final AssetPermissions permissions;

    TaskExecutionGraphql(TaskService tasks, ExecutionService executions, AssetPermissions permissions) {
        this.tasks = tasks;
        this.executions = executions;
        this.permissions = permissions;
    }

    // ---- task links ----

    @SchemaMapping(typeName = "Task", field = "triggers")
    java.util.concurrent.CompletableFuture<List<TaskViews.Trigger>> taskTriggers(TaskViews.Task task,
            DataFetchingEnvironment env) {
        return TaskLoaders.load(env, TaskLoaders.TRIGGERS_OF_TASK, task.id());
    }

    @SchemaMapping(typeName = "Task", field = "permissions")
    java.util.concurrent.CompletableFuture<List<org.qalyptus.server.permission.MemberPermissionView>> taskPermissions(
            TaskViews.Task task, DataFetchingEnvironment env) {
        return TaskLoaders.permissions(env, TaskDocument.KIND, task.id());
    }

    @SchemaMapping(typeName = "Task", field = "taskReports")
    java.util.concurrent.CompletableFuture<List<TaskViews.TaskReport>> taskReports(TaskViews.Task task,
            DataFetchingEnvironment env) {
        return TaskLoaders.load(env, TaskLoaders.REPORTS_OF_TASK, task.id());
    }

    @SchemaMapping(typeName = "Task", field = "executions")
    Connection<ExecutionViews.Execution> taskExecutions(@ContextValue Caller caller, TaskViews.Task task,
            @Argument String status, @Argument Map<String, Object> createdAt, DataFetchingEnvironment env) {
        return window(caller, ExecutionDocument.TASK, task.id(), status, createdAt, ContentGraphqlController.page(env));
    }

    // ---- executions ----

    @QueryMapping
    Connection<ExecutionViews.Execution> executions(@ContextValue Caller caller, @Argument String kind,
            @Argument String status, @Argument Map<String, Object> createdAt, DataFetchingEnvironment env) {
        String storedKind = kind == null || kind.equalsIgnoreCase("TASK") ? ExecutionDocument.TASK
                : kind.equalsIgnoreCase("REQUEST") ? ExecutionDocument.ON_DEMAND : null;
        if (storedKind == null) {
            throw ApiException.invalid("kind", "must be TASK or REQUEST");
        }
        return window(caller, storedKind, null, status, createdAt, ContentGraphqlController.page(env));
    }

    @QueryMapping
    ExecutionViews.Execution execution(@ContextValue Caller caller, @Argument String id) {
        return executions.get(caller, null, GlobalId.plain(id, "Execution"));
    }

    /** Executions are paged in the store (there can be very many): cursors carry the offset. */
    private Connection<ExecutionViews.Execution> window(Caller caller, String kind, String parentId, String status,
            Map<String, Object> createdAt, Page page) {
        Instant from = createdAt == null ? null : (Instant) createdAt.get("from");
        Instant to = createdAt == null ? null : (Instant) createdAt.get("to");
        return OffsetPages.window(page, (skip, limit) -> {
            ExecutionService.Window window = executions.window(caller, kind, parentId, status, from, to, skip, limit);
            return new OffsetPages.Slice<>(window.items(), window.total());
        });
    }

    // ---- task mutations ----

    @MutationMapping
    Map<String, Object> createTask(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("task", () -> tasks.create(caller, new TaskRequests.CreateTask(
                Inputs.string(input, "name"), Inputs.string(input, "description"), Inputs.id(input, "projectId", "Project"))));
    }

    @MutationMapping
    Map<String, Object> updateTask(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("task", () -> tasks.update(caller, Inputs.uuid(input, "id", "Task"),
                new TaskRequests.UpdateTask(Inputs.string(input, "name"), Inputs.string(input, "description"),
                        (Boolean) input.get("isActive"), (Boolean) input.get("sendNotifications"),
                        (Boolean) input.get("notifyIfError"), (Boolean) input.get("notifyIfWarning"),
                        (Boolean) input.get("notifyIfSuccess"), Inputs.string(input, "notificationRecipients"),
                        Inputs.string(input, "notificationCc"), Inputs.string(input, "notificationBcc"),
                        (Boolean) input.get("testMode"), Inputs.string(input, "testModeRecipients"), Inputs.version(input)),
                null));
    }

    @SuppressWarnings("unchecked")
    @MutationMapping
    Map<String, Object> duplicateTask(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("task", () -> {
            Map<String, String> mapping = null;
            if (input.get("appMapping") instanceof List<?> pairs) {
                mapping = new LinkedHashMap<>();
                for (Object pair : pairs) {
                    Map<String, Object> m = (Map<String, Object>) pair;
                    mapping.put(Inputs.string(m, "from"), Inputs.string(m, "to"));
                }
            }
            return tasks.duplicate(caller, Inputs.uuid(input, "id", "Task"), new TaskRequests.DuplicateTask(mapping));
        });
    }

    @MutationMapping
    Map<String, Object> deleteTasks(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("deletedIds", () -> {
            var ids = Inputs.uuids(input, "ids", "Task");
            if (ids.size() == 1) {
                tasks.delete(caller, ids.get(0).toString());
                return List.of(ids.get(0).toString());
            }
            return tasks.deleteMany(caller, ids);
        });
    }

    @MutationMapping
    Map<String, Object> changeTaskOwner(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("task", () -> {
            String id = Inputs.uuid(input, "id", "Task");
            permissions.changeOwner(caller, TaskDocument.KIND, id, Inputs.uuid(input, "ownerId", "User"));
            return tasks.get(caller, id);
        });
    }

    @MutationMapping
    Map<String, Object> runTask(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("execution", () -> executions.runTask(caller, Inputs.uuid(input, "id", "Task")));
    }

    // ---- execution mutations ----

    @MutationMapping
    Map<String, Object> rerunExecution(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("execution", () -> executions.run(caller, anyId(input)));
    }

    @MutationMapping
    Map<String, Object> stopExecution(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("execution", () -> executions.stop(caller, Inputs.uuid(input, "id", "Execution")));
    }

    @MutationMapping
    Map<String, Object> deleteExecution(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("deletedIds", () -> {
            String id = Inputs.uuid(input, "id", "Execution");
            executions.delete(caller, id);
            return List.of(id);
        });
    }

    @SuppressWarnings("unchecked")
    @MutationMapping
    Map<String, Object> generateReport(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("execution", () -> {
            List<ReportRendering.FieldSelection> selections = null;
            if (input.get("selections") instanceof List<?> given) {
                selections = given.stream().map(o -> (Map<String, Object>) o)
                        .map(m -> new ReportRendering.FieldSelection(Inputs.string(m, "fieldName"),
                                Inputs.string(m, "qlikFieldId"), Inputs.strings(m, "values")))
                        .toList();
            }
            return executions.generate(caller, Inputs.uuid(input, "id", "Report"), Inputs.string(input, "outputFormat"),
                    new ExecutionService.GenerateRequest(selections, Inputs.string(input, "qlikAppId"),
                            Inputs.string(input, "bookmarkId")));
        });
    }

    /** A task or execution id, global or plain. */
    private static String anyId(Map<String, Object> input) {
        String given = Inputs.string(input, "id");
        return GlobalId.decode(given).map(GlobalId::id).orElse(given);
    }
}
