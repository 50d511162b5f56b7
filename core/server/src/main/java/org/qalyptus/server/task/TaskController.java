package org.qalyptus.server.task;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.qalyptus.server.asset.AssetKind;
import org.qalyptus.server.asset.AssetPermissionRoutes;
import org.qalyptus.server.asset.AssetPermissions;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.web.ApiResponse;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Tasks routes of the Qalyptus Cloud API (all but Run, which comes with the execution engine); the
 * rules live in {@link TaskService}, {@link TaskTriggerService} and {@link TaskReportService}. Writes take
 * an optional {@code If-Match} version (or a {@code version} body field where the body is an object).
 */
@RestController
@RequestMapping("/api/v1/tasks")
@Tag(name = "Tasks")
class TaskController extends AssetPermissionRoutes<TaskViews.Task> {

    private static final String IF_MATCH = "If-Match";

    private final TaskService tasks;
    private final TaskTriggerService triggers;
    private final TaskReportService reports;

    TaskController(AssetPermissions permissions, TaskService tasks, TaskTriggerService triggers, TaskReportService reports) {
        super(permissions);
        this.tasks = tasks;
        this.triggers = triggers;
        this.reports = reports;
    }

    @Override
    protected AssetKind<?> kind() {
        return TaskDocument.KIND;
    }

    @Override
    protected TaskViews.Task view(Caller caller, String id) {
        return tasks.get(caller, id);
    }

    // ---- tasks ----

    @Operation(summary = "Create task")
    @PostMapping
    ApiResponse<TaskViews.Task> create(Caller caller, @RequestBody TaskRequests.CreateTask request) {
        return ApiResponse.ok(tasks.create(caller, request));
    }

    @Operation(summary = "Get tasks", description = "The tasks of every project the caller may see, sorted by name.")
    @GetMapping
    ApiResponse<List<TaskViews.Task>> list(Caller caller) {
        return ApiResponse.ok(tasks.list(caller));
    }

    @Operation(summary = "Duplicate task", description = "A copy in the same project, owned by the caller, inactive. "
            + "Optional body {\"appMapping\": {\"<from app id>\": \"<to app id>\"}} moves every app reference of the copy "
            + "(external events, Qlik variables) from each original app to its target app.")
    @PostMapping("/{id}/duplicate")
    ApiResponse<TaskViews.Task> duplicate(Caller caller, @PathVariable UUID id,
            @RequestBody(required = false) TaskRequests.DuplicateTask request) {
        return ApiResponse.ok(tasks.duplicate(caller, id.toString(), request));
    }

    @Operation(summary = "Update task")
    @PutMapping("/{id}")
    ApiResponse<TaskViews.Task> update(Caller caller, @PathVariable UUID id, @RequestBody TaskRequests.UpdateTask request,
            @Parameter(hidden = true) @RequestHeader(name = IF_MATCH, required = false) String ifMatch) {
        return ApiResponse.ok(tasks.update(caller, id.toString(), request, ifMatch));
    }

    @Operation(summary = "Get task")
    @GetMapping("/{id}")
    ApiResponse<TaskViews.Task> get(Caller caller, @PathVariable UUID id) {
        return ApiResponse.ok(tasks.get(caller, id.toString()));
    }

    @Operation(summary = "Delete task")
    @DeleteMapping("/{id}")
    ApiResponse<String> delete(Caller caller, @PathVariable UUID id) {
        tasks.delete(caller, id.toString());
        return ApiResponse.ok(id.toString());
    }

    @Operation(summary = "Delete tasks")
    @DeleteMapping
    ApiResponse<List<String>> deleteMany(Caller caller, @RequestBody List<UUID> ids) {
        return ApiResponse.ok(tasks.deleteMany(caller, ids));
    }

    // ---- email and recipients ----

    @Operation(summary = "Get task email")
    @GetMapping("/{id}/email")
    ApiResponse<TaskViews.Email> email(Caller caller, @PathVariable UUID id) {
        return ApiResponse.ok(tasks.email(caller, id.toString()));
    }

    @Operation(summary = "Update task email")
    @PutMapping("/{id}/email")
    ApiResponse<TaskViews.Email> updateEmail(Caller caller, @PathVariable UUID id,
            @RequestBody TaskRequests.UpdateEmail request,
            @Parameter(hidden = true) @RequestHeader(name = IF_MATCH, required = false) String ifMatch) {
        return ApiResponse.ok(tasks.updateEmail(caller, id.toString(), request, ifMatch));
    }

    @Operation(summary = "Get task recipients")
    @GetMapping("/{id}/recipients")
    ApiResponse<List<TaskViews.Recipient>> recipients(Caller caller, @PathVariable UUID id) {
        return ApiResponse.ok(tasks.recipients(caller, id.toString()));
    }

    @Operation(summary = "Update task recipients", description = "Adds the listed users, groups ({id, type}) and "
            + "addresses ({type: \"Email\", email}); recipients already there stay. Answers every recipient.")
    @PutMapping("/{id}/recipients")
    ApiResponse<List<TaskViews.Recipient>> addRecipients(Caller caller, @PathVariable UUID id,
            @RequestBody List<TaskRequests.Recipient> request,
            @Parameter(hidden = true) @RequestHeader(name = IF_MATCH, required = false) String ifMatch) {
        return ApiResponse.ok(tasks.addRecipients(caller, id.toString(), request, ifMatch));
    }

    @Operation(summary = "Delete task recipients", description = "Each id is a recipient's id or its recipientID.")
    @DeleteMapping("/{id}/recipients")
    ApiResponse<List<String>> deleteRecipients(Caller caller, @PathVariable UUID id, @RequestBody List<UUID> ids,
            @Parameter(hidden = true) @RequestHeader(name = IF_MATCH, required = false) String ifMatch) {
        return ApiResponse.ok(tasks.deleteRecipients(caller, id.toString(), ids, ifMatch));
    }

    // ---- schedules ----

    @Operation(summary = "Add or update a schedule", description = "Without taskScheduleID: adds a schedule; with it: "
            + "replaces that schedule of the task.")
    @PutMapping("/{id}/schedules")
    ApiResponse<TaskViews.Trigger> saveSchedule(Caller caller, @PathVariable UUID id,
            @RequestParam(name = "taskScheduleID", required = false) UUID taskScheduleID,
            @RequestBody TaskRequests.Schedule request,
            @Parameter(hidden = true) @RequestHeader(name = IF_MATCH, required = false) String ifMatch) {
        return ApiResponse.ok(triggers.saveSchedule(caller, id.toString(),
                taskScheduleID == null ? null : taskScheduleID.toString(), request, ifMatch));
    }

    @Operation(summary = "Get task schedule")
    @GetMapping("/{id}/schedules/{taskScheduleID}")
    ApiResponse<TaskViews.Trigger> schedule(Caller caller, @PathVariable UUID id, @PathVariable UUID taskScheduleID) {
        return ApiResponse.ok(triggers.schedule(caller, id.toString(), taskScheduleID.toString()));
    }

    @Operation(summary = "Get task schedules")
    @GetMapping("/{id}/schedules")
    ApiResponse<List<TaskViews.Trigger>> schedules(Caller caller, @PathVariable UUID id) {
        return ApiResponse.ok(triggers.schedules(caller, id.toString()));
    }

    @Operation(summary = "Delete task schedules")
    @DeleteMapping("/{id}/schedules")
    ApiResponse<List<String>> deleteSchedules(Caller caller, @PathVariable UUID id, @RequestBody List<UUID> ids,
            @Parameter(hidden = true) @RequestHeader(name = IF_MATCH, required = false) String ifMatch) {
        return ApiResponse.ok(triggers.deleteSchedules(caller, id.toString(), ids, ifMatch));
    }

    // ---- external events ----

    @Operation(summary = "Add or update external event", description = "Without taskExternalEventID: adds an external "
            + "event; with it: replaces that event of the task.")
    @PutMapping("/{id}/external-events")
    ApiResponse<TaskViews.Trigger> saveEvent(Caller caller, @PathVariable UUID id,
            @RequestParam(name = "taskExternalEventID", required = false) UUID taskExternalEventID,
            @RequestBody TaskRequests.ExternalEvent request,
            @Parameter(hidden = true) @RequestHeader(name = IF_MATCH, required = false) String ifMatch) {
        return ApiResponse.ok(triggers.saveEvent(caller, id.toString(),
                taskExternalEventID == null ? null : taskExternalEventID.toString(), request, ifMatch));
    }

    @Operation(summary = "Get external event")
    @GetMapping("/{id}/external-events/{taskExternalEventID}")
    ApiResponse<TaskViews.Trigger> event(Caller caller, @PathVariable UUID id, @PathVariable UUID taskExternalEventID) {
        return ApiResponse.ok(triggers.event(caller, id.toString(), taskExternalEventID.toString()));
    }

    @Operation(summary = "Get task external event")
    @GetMapping("/{id}/external-events")
    ApiResponse<List<TaskViews.Trigger>> events(Caller caller, @PathVariable UUID id) {
        return ApiResponse.ok(triggers.events(caller, id.toString()));
    }

    @Operation(summary = "Delete external events")
    @DeleteMapping("/{id}/external-events")
    ApiResponse<List<String>> deleteEvents(Caller caller, @PathVariable UUID id, @RequestBody List<UUID> ids,
            @Parameter(hidden = true) @RequestHeader(name = IF_MATCH, required = false) String ifMatch) {
        return ApiResponse.ok(triggers.deleteEvents(caller, id.toString(), ids, ifMatch));
    }

    @Operation(summary = "Delete external event")
    @DeleteMapping("/{id}/external-events/{externalEventId}")
    ApiResponse<String> deleteEvent(Caller caller, @PathVariable UUID id, @PathVariable UUID externalEventId,
            @Parameter(hidden = true) @RequestHeader(name = IF_MATCH, required = false) String ifMatch) {
        triggers.deleteEvents(caller, id.toString(), List.of(externalEventId), ifMatch);
        return ApiResponse.ok(externalEventId.toString());
    }

    // ---- triggers ----

    @Operation(summary = "Get triggers", description = "The task's schedules, then its external events.")
    @GetMapping("/{id}/triggers")
    ApiResponse<List<TaskViews.Trigger>> triggers(Caller caller, @PathVariable UUID id) {
        return ApiResponse.ok(triggers.triggers(caller, id.toString()));
    }

    @Operation(summary = "Delete triggers", description = "Ids of schedules and external events of the task, all or none.")
    @DeleteMapping("/{id}/triggers")
    ApiResponse<List<String>> deleteTriggers(Caller caller, @PathVariable UUID id, @RequestBody List<UUID> ids,
            @Parameter(hidden = true) @RequestHeader(name = IF_MATCH, required = false) String ifMatch) {
        return ApiResponse.ok(triggers.deleteTriggers(caller, id.toString(), ids, ifMatch));
    }

    // ---- task reports ----

    @Operation(summary = "Get task reports")
    @GetMapping("/{id}/reports")
    ApiResponse<List<TaskViews.TaskReport>> reports(Caller caller, @PathVariable UUID id) {
        return ApiResponse.ok(reports.reports(caller, id.toString()));
    }

    @Operation(summary = "Get task report")
    @GetMapping("/{id}/reports/{taskReportID}")
    ApiResponse<TaskViews.TaskReport> report(Caller caller, @PathVariable UUID id, @PathVariable UUID taskReportID) {
        return ApiResponse.ok(reports.report(caller, id.toString(), taskReportID.toString()));
    }

    @Operation(summary = "Add or update report", description = "Without taskReportID: adds a task report; with it: "
            + "replaces that task report. Passwords are stored encrypted and never returned.")
    @PutMapping("/{id}/reports")
    ApiResponse<TaskViews.TaskReport> saveReport(Caller caller, @PathVariable UUID id,
            @RequestParam(name = "taskReportID", required = false) UUID taskReportID,
            @RequestBody TaskRequests.TaskReport request,
            @Parameter(hidden = true) @RequestHeader(name = IF_MATCH, required = false) String ifMatch) {
        return ApiResponse.ok(reports.save(caller, id.toString(), taskReportID == null ? null : taskReportID.toString(),
                request, ifMatch));
    }

    @Operation(summary = "Delete task reports")
    @DeleteMapping("/{id}/reports")
    ApiResponse<List<String>> deleteReports(Caller caller, @PathVariable UUID id, @RequestBody List<UUID> ids,
            @Parameter(hidden = true) @RequestHeader(name = IF_MATCH, required = false) String ifMatch) {
        return ApiResponse.ok(reports.deleteReports(caller, id.toString(), ids, ifMatch));
    }
}
