package org.qalyptus.server.execution;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.InsertManyOptions;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.qalyptus.server.task.ScheduleCalendar;
import org.qalyptus.server.task.TaskDocument;
import org.qalyptus.server.task.TaskSchedule;
import org.qalyptus.server.task.TaskSchedules;
import org.qalyptus.server.task.TriggerExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Fires schedules. Every node scans every few seconds, in two parts:
 *
 * <ul>
 *   <li><b>Seeing schedules.</b> The ids and {@code updatedAt} of every task are read (a small projection); the tasks
 *       new or changed since this node last looked are read whole, and each of their schedules gets its
 *       {@link ScheduleState} (next fire time computed from now), or a new one when the schedule's settings or the
 *       task's or schedule's active flag changed (the state's signature). Disabled: no next fire time.</li>
 *   <li><b>Firing.</b> Only the states whose next fire time has come are read (one query on {@code nextFire}), with
 *       their tasks (by id). Each fire time becomes an execution whose id is derived from (task, schedule, fire time):
 *       the executions of a scan are inserted with one unordered insertMany, in which an id that exists (another node
 *       queued that fire time, or this node before a crash) is refused by the unique id and ignored. Then the states
 *       are moved on with one bulk of conditional updates ({@code nextFire} still the fire time read; each one the
 *       atomic single-document part). Queued first, moved on second: a node that dies between the two leaves the
 *       state due, and the next scan (any node) finds the execution already there, so a fire time is neither lost
 *       nor doubled.</li>
 * </ul>
 *
 * <p>A state whose task or schedule no longer matches its signature when due (changed since) is computed again from
 * now instead of firing; a state whose task or schedule is gone is removed. After downtime, the missed fire times of a
 * schedule run once: the state's next fire time is in the past, it is queued once, and the next one is computed from
 * now. {@code Skip} schedules are not queued while their task has a run queued or running.
 */
@Component
class Scheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Scheduler.class);

    /** Due states fired together (one insertMany and one bulk update each). */
    static final int BATCH = 2_000;

    private final MongoTemplate mongo;
    private final ExecutionService executions;
    private final ExecutionStore store;
    private final ExecutionProperties properties;
    /** The {@code updatedAt} of every task as this node last brought its schedules' states up to date. */
    private final Map<String, Object> seen = new ConcurrentHashMap<>();
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

    /** One pass: sees new and changed schedules, then queues every schedule whose fire time has come. @return how many runs this node queued */
    int scan() {
        Instant now = store.now();
        see(now);
        int queued = 0;
        // every state read in a round is moved on (fired, computed again or removed): the rounds end; bounded anyway
        for (int rounds = 0; rounds < 50; rounds++) {
            Round round = fireDue(now);
            queued += round.queued;
            if (round.read < READ) {
                break;
            }
        }
        return queued;
    }

    // ---- seeing schedules ----

    private void see(Instant now) {
        Query ids = new Query();
        ids.fields().include("_id").include("updatedAt");
        Map<String, Object> current = new HashMap<>();
        for (Document raw : mongo.find(ids, Document.class, "tasks")) {
            Object updatedAt = raw.get("updatedAt");
            current.put(String.valueOf(raw.get("_id")), updatedAt instanceof java.util.Date date ? date.getTime() : "none");
        }
        seen.keySet().retainAll(current.keySet());
        List<String> changed = current.entrySet().stream().filter(e -> !e.getValue().equals(seen.get(e.getKey())))
                .map(Map.Entry::getKey).toList();
        for (List<String> chunk : chunks(changed, BATCH)) {
            Map<String, ScheduleState> states = new HashMap<>();
            List<String> stateIds = new ArrayList<>();
            List<TaskDocument> tasks = tasks(chunk).values().stream().toList();
            tasks.forEach(t -> t.schedules().forEach(s -> stateIds.add(stateId(t, s))));
            if (!stateIds.isEmpty()) {
                mongo.find(new Query(Criteria.where("_id").in(stateIds)), ScheduleState.class).forEach(s -> states.put(s.id(), s));
            }
            List<ScheduleState> fresh = new ArrayList<>();
            for (TaskDocument task : tasks) {
                for (TaskSchedule schedule : task.schedules()) {
                    ScheduleState state = states.get(stateId(task, schedule));
                    String signature = signature(task, schedule);
                    if (state == null) {
                        fresh.add(new ScheduleState(stateId(task, schedule), task.id(), schedule.id(), signature,
                                next(task, schedule, now).orElse(null), null));
                    } else if (!signature.equals(state.signature())) {
                        recompute(state, signature, next(task, schedule, now).orElse(null));
                    }
                }
            }
            insertIgnoringExisting(fresh.stream().map(s -> {
                Document d = new Document();
                mongo.getConverter().write(s, d);
                return d;
            }).toList(), mongo.getCollectionName(ScheduleState.class));
            // marked seen only once its states are written: a failure above is tried again at the next scan
            tasks.forEach(t -> seen.put(t.id(), current.get(t.id())));
        }
    }

    private void recompute(ScheduleState state, String signature, Instant next) {
        mongo.updateFirst(new Query(Criteria.where("_id").is(state.id()).and("signature").is(state.signature())),
                new Update().set("signature", signature).set("nextFire", next), ScheduleState.class);
    }

    /** Tasks by id, read whole; a task that cannot be read (a damaged document) is left out, never stopping the others. */
    private Map<String, TaskDocument> tasks(Collection<String> ids) {
        Map<String, TaskDocument> tasks = new HashMap<>();
        if (ids.isEmpty()) {
            return tasks;
        }
        // the id alone in the filter: the store's unique _id index answers it
        for (Document raw : mongo.find(new Query(Criteria.where("_id").in(ids)), Document.class, "tasks")) {
            try {
                TaskDocument task = mongo.getConverter().read(TaskDocument.class, raw);
                tasks.put(task.id(), task);
            } catch (RuntimeException unreadable) {
                log.debug("Task {} cannot be read for its schedules: {}", raw.get("_id"), unreadable.toString());
            }
        }
        return tasks;
    }

    // ---- firing ----

    private record Round(int read, int queued) {}

    private record Fire(ScheduleState state, Instant due, Instant following) {}

    /** Due states read at once: shuffled, then fired {@value #BATCH} at a time. */
    static final int READ = 10 * BATCH;

    private Round fireDue(Instant now) {
        Query dueQuery = new Query(Criteria.where("nextFire").lte(now)).limit(READ);
        List<ScheduleState> due = new ArrayList<>(mongo.find(dueQuery, ScheduleState.class));
        // each node goes through the due schedules in its own order: when many are due at once and the other node
        // is in the same pass, the two insert and move on different ones instead of the same ones twice
        Collections.shuffle(due);
        int queued = 0;
        for (List<ScheduleState> chunk : chunks(due, BATCH)) {
            queued += fire(chunk, now);
        }
        return new Round(due.size(), queued);
    }

    private int fire(List<ScheduleState> due, Instant now) {
        Map<String, TaskDocument> tasks = tasks(due.stream().map(ScheduleState::taskId).distinct().toList());
        List<Fire> fires = new ArrayList<>();
        List<Document> queue = new ArrayList<>();
        for (ScheduleState state : due) {
            TaskDocument task = tasks.get(state.taskId());
            TaskSchedule schedule = task == null ? null
                    : task.schedules().stream().filter(s -> s.id().equals(state.scheduleId())).findFirst().orElse(null);
            if (schedule == null) {
                // the task or the schedule was deleted
                mongo.remove(new Query(Criteria.where("_id").is(state.id()).and("nextFire").is(state.nextFire())),
                        ScheduleState.class);
                continue;
            }
            String signature = signature(task, schedule);
            if (!signature.equals(state.signature())) {
                recompute(state, signature, next(task, schedule, now).orElse(null));
                continue;
            }
            Instant fireTime = state.nextFire();
            fires.add(new Fire(state, fireTime, next(task, schedule, now).orElse(null)));
            if (TriggerExecution.Skip.name().equals(schedule.execution()) && executions.taskBusy(task.id())) {
                log.info("Task {}: schedule {} fired at {} while a run is in progress; skipped", task.id(), schedule.id(),
                        fireTime);
                continue;
            }
            ExecutionDocument execution = executions.scheduled(executionId(task.id(), schedule.id(), fireTime), task,
                    new ExecutionDocument.Trigger(ExecutionDocument.Trigger.SCHEDULE, schedule.id(), fireTime, null),
                    schedule.priority());
            Document document = new Document();
            mongo.getConverter().write(execution, document);
            queue.add(document);
        }
        int queued = insertIgnoringExisting(queue, mongo.getCollectionName(ExecutionDocument.class));
        if (queued > 0) {
            executions.wakeWorkers();
        }
        if (!fires.isEmpty()) {
            BulkOperations moveOn = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, ScheduleState.class);
            for (Fire fire : fires) {
                moveOn.updateOne(new Query(Criteria.where("_id").is(fire.state().id()).and("nextFire").is(fire.due())),
                        new Update().set("nextFire", fire.following()).set("lastFire", fire.due()));
            }
            moveOn.execute();
        }
        return queued;
    }

    /**
     * Inserts in one unordered command; a document whose id exists is refused by the store and ignored.
     * @return how many were inserted
     */
    private int insertIgnoringExisting(List<Document> documents, String collection) {
        if (documents.isEmpty()) {
            return 0;
        }
        try {
            mongo.getCollection(collection).insertMany(documents, new InsertManyOptions().ordered(false));
            return documents.size();
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (error.getCode() != 11000) {
                    throw e;
                }
            }
            // not the reply's count: the embedded store counts every document sent, refused ones included
            return documents.size() - e.getWriteErrors().size();
        } catch (DuplicateKeyException e) {
            return 0;
        }
    }

    /** The id of the execution of one fire time: the same on every node, so that the store refuses a second one. */
    static String executionId(String taskId, String scheduleId, Instant fireTime) {
        return UUID.nameUUIDFromBytes((taskId + "\u0000" + scheduleId + "\u0000" + fireTime.toEpochMilli())
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The schedule's next fire time strictly after {@code after}. */
    static Optional<Instant> next(TaskSchedule schedule, Instant after) {
        return ScheduleCalendar.next(TaskSchedules.rule(schedule), after);
    }

    private static Optional<Instant> next(TaskDocument task, TaskSchedule schedule, Instant after) {
        return task.isActive() && schedule.isActive() ? next(schedule, after) : Optional.empty();
    }

    private static String stateId(TaskDocument task, TaskSchedule schedule) {
        return task.id() + ":" + schedule.id();
    }

    /** The schedule's settings (its active flag among them) and, when disabled, the task's flag. */
    private static String signature(TaskDocument task, TaskSchedule schedule) {
        // an active task signs as before this flag was part of it: states kept from an earlier version stay valid
        String settings = schedule.toString() + (task.isActive() ? "" : "\u0000task disabled");
        return UUID.nameUUIDFromBytes(settings.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static <T> List<List<T>> chunks(List<T> list, int size) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < list.size(); i += size) {
            chunks.add(list.subList(i, Math.min(list.size(), i + size)));
        }
        return chunks;
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
