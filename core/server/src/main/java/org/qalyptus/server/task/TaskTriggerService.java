package org.qalyptus.server.task;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.qalyptus.server.asset.AssetNames;
import org.qalyptus.server.asset.Located;
import org.qalyptus.server.asset.Versions;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.web.ApiException;
import org.qalyptus.server.web.ApiResponse.FieldError;
import org.springframework.stereotype.Service;

/**
 * A task's triggers: schedules (validated per frequency, run times computed in their time zone) and
 * external events (an app of the task's organization reloaded). Reading needs {@code viewTask},
 * changing {@code editTask}; bulk deletions are all or none.
 */
@Service
public class TaskTriggerService {

    static final int MAX_EVENTS_PER_TASK = 100;

    private final TaskStore store;
    private final TaskAnswers answers;
    private final TaskApps apps;

    TaskTriggerService(TaskStore store, TaskAnswers answers, TaskApps apps) {
        this.store = store;
        this.answers = answers;
        this.apps = apps;
    }

    // ---- schedules ----

    public List<TaskViews.Trigger> schedules(Caller caller, String taskId) {
        return answers.schedules(store.viewable(caller, taskId).asset());
    }

    public TaskViews.Trigger schedule(Caller caller, String taskId, String scheduleId) {
        TaskDocument task = store.viewable(caller, taskId).asset();
        return answers.schedule(task, findSchedule(task, scheduleId));
    }

    /** Adds a schedule ({@code scheduleId} null) or replaces one of the task's. */
    public TaskViews.Trigger saveSchedule(Caller caller, String taskId, String scheduleId, TaskRequests.Schedule request,
            String ifMatch) {
        if (request == null) {
            throw ApiException.badRequest("The request body is missing");
        }
        List<FieldError> errors = new ArrayList<>();
        String id = scheduleId == null ? UUID.randomUUID().toString() : scheduleId;
        TaskSchedule schedule = Schedules.parse(id, request, errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        Located<TaskDocument> located = store.editable(caller, taskId, Versions.expected(request.version(), ifMatch));
        TaskDocument task = located.asset();
        List<TaskSchedule> schedules = new ArrayList<>(task.schedules());
        if (scheduleId == null) {
            if (schedules.size() >= Schedules.MAX_PER_TASK) {
                throw ApiException.invalid("taskScheduleID", "a task has at most " + Schedules.MAX_PER_TASK + " schedules");
            }
            schedules.add(schedule);
        } else {
            schedules.set(schedules.indexOf(findSchedule(task, scheduleId)), schedule);
        }
        TaskDocument saved = store.save(task.withTriggers(schedules, task.externalEvents(), store.now()));
        return answers.schedule(saved, schedule);
    }

    /** @return the deleted ids */
    public List<String> deleteSchedules(Caller caller, String taskId, List<UUID> ids, String ifMatch) {
        List<String> wanted = TaskIds.of(ids, "ids", "schedule");
        TaskDocument task = store.editable(caller, taskId, Versions.expected(null, ifMatch)).asset();
        wanted.forEach(id -> findSchedule(task, id));
        store.save(task.withTriggers(task.schedules().stream().filter(s -> !wanted.contains(s.id())).toList(),
                task.externalEvents(), store.now()));
        return wanted;
    }

    private static TaskSchedule findSchedule(TaskDocument task, String scheduleId) {
        return task.schedules().stream().filter(s -> s.id().equals(scheduleId)).findFirst()
                .orElseThrow(() -> ApiException.notFound("Schedule " + scheduleId + " of the task"));
    }

    // ---- external events ----

    public List<TaskViews.Trigger> events(Caller caller, String taskId) {
        return answers.events(store.viewable(caller, taskId).asset());
    }

    public TaskViews.Trigger event(Caller caller, String taskId, String eventId) {
        TaskDocument task = store.viewable(caller, taskId).asset();
        return answers.event(task, findEvent(task, eventId));
    }

    /** Adds an external event ({@code eventId} null) or replaces one of the task's. */
    public TaskViews.Trigger saveEvent(Caller caller, String taskId, String eventId, TaskRequests.ExternalEvent request,
            String ifMatch) {
        if (request == null) {
            throw ApiException.badRequest("The request body is missing");
        }
        List<FieldError> errors = new ArrayList<>();
        String name = TaskInput.text(request.name(), "name", AssetNames.MAX_NAME, true, errors);
        String description = TaskInput.text(request.description(), "description", AssetNames.MAX_DESCRIPTION, false, errors);
        String execution = Schedules.execution(request.execution(), true, errors);
        Integer priority = TaskInput.range(request.priority(), "priority", 0, Schedules.MAX_PRIORITY, true, errors);
        String event = qlikEvent(request.qlikEvent(), errors);
        String appId = TaskInput.text(request.appID(), "appID", 200, true, errors);
        String timeZone = TaskInput.timeZone(request.timeZone(), "timeZone", false, errors);
        ZoneId zone = timeZone == null ? null : ZoneId.of(timeZone);
        Instant start = TaskInput.dateTime(request.startDate(), zone, "startDate", errors);
        Instant end = TaskInput.dateTime(request.endDate(), zone, "endDate", errors);
        if (start != null && end != null && !end.isAfter(start)) {
            errors.add(new FieldError("endDate", "must be after startDate"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        Located<TaskDocument> located = store.editable(caller, taskId, Versions.expected(request.version(), ifMatch));
        TaskDocument task = located.asset();
        List<TaskExternalEvent> events = new ArrayList<>(task.externalEvents());
        int index = eventId == null ? -1 : events.indexOf(findEvent(task, eventId));
        if (index < 0 && events.size() >= MAX_EVENTS_PER_TASK) {
            throw ApiException.invalid("taskExternalEventID", "a task has at most " + MAX_EVENTS_PER_TASK + " external events");
        }
        if (!apps.of(task.organizationId()).containsKey(appId)) {
            throw ApiException.invalid("appID", "is not an app of the task's organization");
        }
        TaskExternalEvent saved = new TaskExternalEvent(eventId == null ? UUID.randomUUID().toString() : eventId, name,
                description, request.isActive() == null || request.isActive(), event, appId, execution, priority, start, end,
                timeZone);
        if (index < 0) {
            events.add(saved);
        } else {
            events.set(index, saved);
        }
        return answers.event(store.save(task.withTriggers(task.schedules(), events, store.now())), saved);
    }

    /** @return the deleted ids */
    public List<String> deleteEvents(Caller caller, String taskId, List<UUID> ids, String ifMatch) {
        List<String> wanted = TaskIds.of(ids, "ids", "external event");
        TaskDocument task = store.editable(caller, taskId, Versions.expected(null, ifMatch)).asset();
        wanted.forEach(id -> findEvent(task, id));
        store.save(task.withTriggers(task.schedules(),
                task.externalEvents().stream().filter(e -> !wanted.contains(e.id())).toList(), store.now()));
        return wanted;
    }

    private static TaskExternalEvent findEvent(TaskDocument task, String eventId) {
        return task.externalEvents().stream().filter(e -> e.id().equals(eventId)).findFirst()
                .orElseThrow(() -> ApiException.notFound("External event " + eventId + " of the task"));
    }

    private static String qlikEvent(String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError("qlikEvent", "is required"));
            return null;
        }
        String trimmed = value.trim();
        if (trimmed.equalsIgnoreCase(TaskExternalEvent.APP_RELOAD_SUCCEEDED) || trimmed.equalsIgnoreCase("ReloadSucceeded")) {
            return TaskExternalEvent.APP_RELOAD_SUCCEEDED;
        }
        errors.add(new FieldError("qlikEvent", "must be " + TaskExternalEvent.APP_RELOAD_SUCCEEDED));
        return null;
    }

    // ---- both ----

    public List<TaskViews.Trigger> triggers(Caller caller, String taskId) {
        return answers.triggers(store.viewable(caller, taskId).asset());
    }

    /** The triggers of several tasks the caller may view, by task id, in a fixed number of reads. */
    public java.util.Map<String, List<TaskViews.Trigger>> triggers(Caller caller, java.util.Collection<String> taskIds) {
        return answers.triggers(store.viewable(caller, taskIds));
    }

    /**
     * The next runs of a schedule as the task routes answer it, by the scheduler's own calendar
     * ({@link ScheduleCalendar} over {@link TaskSchedules#rule}), in the schedule's time zone; none for an
     * external event or a schedule that will not run (task or schedule inactive, window over).
     */
    public List<java.time.ZonedDateTime> nextRuns(TaskViews.Trigger schedule, int count) {
        if (!"Schedule".equals(schedule.type()) || schedule.nextExecutionDate() == null) {
            return List.of();
        }
        TaskSchedule stored = new TaskSchedule(schedule.id(), schedule.name(), schedule.description(), schedule.isActive(),
                schedule.frequency(), schedule.execution(), schedule.priority(), schedule.timeZone(), schedule.day(),
                schedule.month(), schedule.atHour(), schedule.atMinut(), schedule.everyHours(), schedule.fromHour(),
                schedule.fromMinut(), schedule.toHour(), schedule.toMinut(), schedule.weeklyDays(), schedule.startDate(),
                schedule.endDate());
        ZoneId zone = ZoneId.of(schedule.timeZone());
        return ScheduleCalendar.next(TaskSchedules.rule(stored), store.now(), count).stream()
                .map(run -> run.atZone(zone)).toList();
    }

    /** Deletes schedules and external events by id, all or none. @return the deleted ids */
    public List<String> deleteTriggers(Caller caller, String taskId, List<UUID> ids, String ifMatch) {
        List<String> wanted = TaskIds.of(ids, "ids", "trigger");
        TaskDocument task = store.editable(caller, taskId, Versions.expected(null, ifMatch)).asset();
        Set<String> known = new LinkedHashSet<>();
        task.schedules().forEach(s -> known.add(s.id()));
        task.externalEvents().forEach(e -> known.add(e.id()));
        for (String id : wanted) {
            if (!known.contains(id)) {
                throw ApiException.notFound("Trigger " + id + " of the task");
            }
        }
        store.save(task.withTriggers(task.schedules().stream().filter(s -> !wanted.contains(s.id())).toList(),
                task.externalEvents().stream().filter(e -> !wanted.contains(e.id())).toList(), store.now()));
        return wanted;
    }
}
