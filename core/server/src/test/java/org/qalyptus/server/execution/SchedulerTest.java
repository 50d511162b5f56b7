package org.qalyptus.server.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qalyptus.server.asset.AssetNames;
import org.qalyptus.server.task.TaskDocument;
import org.qalyptus.server.task.TaskSchedule;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The scheduler on the shared server: due fire times are queued once even when several scanners (standing for
 * nodes, plus the server's own) race for them; a missed fire time runs once; disabled tasks and schedules and
 * schedules past their end never fire; a changed schedule is computed again.
 */
class SchedulerTest {

    static ExecutionWorld w;
    static MongoTemplate mongo;
    static Scheduler scheduler;

    @BeforeAll
    static void world() {
        w = ExecutionWorld.get();
        mongo = w.mongo();
        scheduler = w.server.bean(Scheduler.class);
    }

    static TaskSchedule daily(boolean active, Instant end) {
        return new TaskSchedule(UUID.randomUUID().toString(), "Daily", null, active, "Daily", "Queue", 0, "Europe/Paris", null,
                null, 7, 0, null, null, null, null, null, null, null, end);
    }

    static TaskDocument task(boolean active, TaskSchedule schedule) {
        String name = "Scheduled " + UUID.randomUUID();
        Instant now = Instant.now();
        return mongo.insert(new TaskDocument(UUID.randomUUID().toString(), w.projectId, w.orgA.id(), name, AssetNames.key(name),
                null, w.creator.id(), null, active, false, null, false, false, false, false, null, null, null, null, List.of(),
                List.of(schedule), List.of(), List.of(), now, now));
    }

    /** Lets the scheduler see the schedule, then pretends its fire time has come (moving it into the past). */
    static void due(TaskDocument task, TaskSchedule schedule, Instant at) {
        scheduler.scan();
        mongo.updateFirst(new Query(Criteria.where("_id").is(task.id() + ":" + schedule.id())),
                new Update().set("nextFire", at), ScheduleState.class);
    }

    static long executionsOf(String taskId) {
        return mongo.count(new Query(Criteria.where("taskId").is(taskId)), ExecutionDocument.class);
    }

    @Test
    void twoHundredSchedulesDueTogetherFireOnceEachWhateverTheNumberOfScanners() throws Exception {
        List<TaskDocument> tasks = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            TaskSchedule schedule = daily(true, null);
            tasks.add(task(true, schedule));
        }
        scheduler.scan();
        Instant due = Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
        mongo.updateMulti(new Query(Criteria.where("taskId").in(tasks.stream().map(TaskDocument::id).toList())),
                new Update().set("nextFire", due), ScheduleState.class);

        ExecutorService nodes = Executors.newFixedThreadPool(4);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            results.add(nodes.submit((Callable<Integer>) scheduler::scan));
        }
        int queued = 0;
        for (Future<Integer> result : results) {
            queued += result.get();
        }
        nodes.shutdown();

        for (TaskDocument task : tasks) {
            assertThat(executionsOf(task.id())).as(task.name()).isEqualTo(1);
        }
        assertThat(queued).isLessThanOrEqualTo(200);
        ExecutionDocument one = mongo.findOne(new Query(Criteria.where("taskId").is(tasks.get(0).id())), ExecutionDocument.class);
        assertThat(one.trigger().type()).isEqualTo("Schedule");
        assertThat(one.trigger().fireTime()).isEqualTo(due);
        ScheduleState state = mongo.findById(tasks.get(0).id() + ":" + tasks.get(0).schedules().get(0).id(), ScheduleState.class);
        assertThat(state.nextFire()).isAfter(Instant.now());
        assertThat(state.lastFire()).isEqualTo(due);
    }

    @Test
    void aFireTimeMissedDuringDowntimeRunsOnceAtTheNextScan() {
        TaskSchedule schedule = daily(true, null);
        TaskDocument task = task(true, schedule);
        due(task, schedule, Instant.now().minus(3, ChronoUnit.DAYS));

        scheduler.scan();
        scheduler.scan();

        assertThat(executionsOf(task.id())).isEqualTo(1);
    }

    @Test
    void disabledTasksDisabledSchedulesAndEndedSchedulesNeverFire() {
        TaskSchedule offSchedule = daily(false, null);
        TaskDocument withOffSchedule = task(true, offSchedule);
        TaskSchedule onSchedule = daily(true, null);
        TaskDocument offTask = task(false, onSchedule);
        TaskSchedule ended = daily(true, Instant.now().minus(10, ChronoUnit.DAYS));
        TaskDocument endedTask = task(true, ended);

        scheduler.scan();
        scheduler.scan();

        assertThat(executionsOf(withOffSchedule.id())).isZero();
        assertThat(executionsOf(offTask.id())).isZero();
        assertThat(executionsOf(endedTask.id())).isZero();
        assertThat(mongo.findById(endedTask.id() + ":" + ended.id(), ScheduleState.class).nextFire()).isNull();
    }

    @Test
    void aChangedScheduleIsComputedAgainFromNow() {
        TaskSchedule schedule = daily(true, null);
        TaskDocument task = task(true, schedule);
        due(task, schedule, Instant.now().minus(1, ChronoUnit.HOURS));
        TaskSchedule changed = new TaskSchedule(schedule.id(), "Daily", null, true, "Daily", "Queue", 0, "UTC", null, null, 9, 30,
                null, null, null, null, null, null, null, null);
        mongo.updateFirst(new Query(Criteria.where("_id").is(task.id())), new Update().set("schedules", List.of(changed)),
                TaskDocument.class);

        scheduler.scan();

        assertThat(executionsOf(task.id())).isZero();
        ScheduleState state = mongo.findById(task.id() + ":" + schedule.id(), ScheduleState.class);
        assertThat(state.nextFire()).isAfter(Instant.now());
        assertThat(state.nextFire().atZone(java.time.ZoneOffset.UTC).getHour()).isEqualTo(9);
    }
}
