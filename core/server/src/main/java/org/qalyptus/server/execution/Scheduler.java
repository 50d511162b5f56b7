package org.qalyptus.server.execution;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.qalyptus.server.task.ScheduleCalendar;
import org.qalyptus.server.task.TaskDocument;
import org.qalyptus.server.task.TaskSchedule;
import org.qalyptus.server.task.TaskSchedules;
import org.qalyptus.server.task.TriggerExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Fires schedules. Every node scans the active tasks' schedules every few seconds; a schedule whose next fire
 * time has come is queued by whichever node first moves its {@link ScheduleState} on (one conditional update),
 * under an execution id derived from the fire time (a second node inserting it finds it exists). After
 * downtime, the missed fire times of a schedule run once: the state's next fire time is in the past, it is
 * queued once, and the next fire time is computed from now. Disabled tasks and schedules, and fire times
 * outside a schedule's start/end window, never fire.
 */
@Component
class Scheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Scheduler.class);

    private final MongoTemplate mongo;
    private final ExecutionService executions;
    private final ExecutionStore store;
    private final ExecutionProperties properties;
    private ScheduledExecutorService timer;
    private volatile boolean running;

    Scheduler(MongoTemplate mongo, ExecutionService executions, ExecutionStore store, ExecutionProperties properties) {
        this.mongo = mongo;
        this.executions = executions;
        this.store = store;
        this.properties = properties;
    }

    @Override
    public void start() {
        if (!properties.enabled()) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "scheduler");
            thread.setDaemon(true);
            return thread;
        });
        running = true;
        timer.scheduleWithFixedDelay(this::scanSafely, 0, properties.scheduleScan().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void scanSafely() {
        try {
            scan();
        } catch (RuntimeException e) {
            log.warn("Scanning schedules failed: {}", e.toString());
        }
    }

    /** One pass: queues every schedule whose fire time has come. @return how many runs this node queued */
    int scan() {
        Instant now = store.now();
        // filtered here rather than in the query: the embedded store and MongoDB agree on this for sure; a task that
        // cannot be read (a damaged document) is skipped, never stopping the other tasks' schedules
        List<TaskDocument> tasks = new java.util.ArrayList<>();
        for (org.bson.Document raw : mongo.findAll(org.bson.Document.class, "tasks")) {
            try {
                TaskDocument task = mongo.getConverter().read(TaskDocument.class, raw);
                if (task.isActive() && !task.schedules().isEmpty()) {
                    tasks.add(task);
                }
            } catch (RuntimeException unreadable) {
                log.debug("Task {} cannot be read for its schedules: {}", raw.get("_id"), unreadable.toString());
            }
        }
        // each node goes through the schedules in its own order: when many are due at once, two nodes then share the
        // work instead of racing for the same schedule (the loser's conditional update is cheap, but it is all it does)
        java.util.Collections.shuffle(tasks);
        Map<String, ScheduleState> states = new HashMap<>();
        mongo.findAll(ScheduleState.class).forEach(s -> states.put(s.id(), s));
        int queued = 0;
        for (TaskDocument task : tasks) {
            for (TaskSchedule schedule : task.schedules()) {
                if (!schedule.isActive()) {
                    continue;
                }
                queued += fire(task, schedule, states.get(task.id() + ":" + schedule.id()), now) ? 1 : 0;
            }
        }
        return queued;
    }

    private boolean fire(TaskDocument task, TaskSchedule schedule, ScheduleState state, Instant now) {
        String id = task.id() + ":" + schedule.id();
        String signature = signature(schedule);
        if (state == null || !signature.equals(state.signature())) {
            Instant next = next(schedule, now).orElse(null);
            if (state == null) {
                try {
                    mongo.insert(new ScheduleState(id, task.id(), schedule.id(), signature, next, null));
                } catch (DuplicateKeyException anotherNode) {
                    // the other node computed the same
                }
            } else {
                mongo.updateFirst(new Query(Criteria.where("_id").is(id).and("signature").is(state.signature())),
                        new Update().set("signature", signature).set("nextFire", next), ScheduleState.class);
            }
            return false;
        }
        Instant due = state.nextFire();
        if (due == null || due.isAfter(now)) {
            return false;
        }
        Instant following = next(schedule, now).orElse(null);
        boolean claimed = mongo.updateFirst(new Query(Criteria.where("_id").is(id).and("nextFire").is(due)),
                new Update().set("nextFire", following).set("lastFire", due), ScheduleState.class).getModifiedCount() > 0;
        if (!claimed) {
            return false;
        }
        if (TriggerExecution.Skip.name().equals(schedule.execution()) && executions.taskBusy(task.id())) {
            log.info("Task {}: schedule {} fired at {} while a run is in progress; skipped", task.id(), schedule.id(), due);
            return false;
        }
        String executionId = UUID.nameUUIDFromBytes((task.id() + "\u0000" + schedule.id() + "\u0000" + due.toEpochMilli())
                .getBytes(StandardCharsets.UTF_8)).toString();
        return executions.queueTask(executionId, task, new ExecutionDocument.Trigger(ExecutionDocument.Trigger.SCHEDULE,
                schedule.id(), due, null), schedule.priority(), null).isPresent();
    }

    /** The schedule's next fire time strictly after {@code after}. */
    static Optional<Instant> next(TaskSchedule schedule, Instant after) {
        return ScheduleCalendar.next(TaskSchedules.rule(schedule), after);
    }

    private static String signature(TaskSchedule schedule) {
        return UUID.nameUUIDFromBytes(schedule.toString().getBytes(StandardCharsets.UTF_8)).toString();
    }

    @Override
    public void stop() {
        running = false;
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
