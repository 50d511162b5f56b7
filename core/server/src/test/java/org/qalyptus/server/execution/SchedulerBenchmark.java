package org.qalyptus.server.execution;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.bson.Document;
import org.qalyptus.server.asset.AssetNames;
import org.qalyptus.server.support.RunningServer;
import org.qalyptus.server.support.ServerProcess;
import org.qalyptus.server.task.TaskDocument;
import org.qalyptus.server.task.TaskSchedule;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * 10,000 schedules due in the same minute on two nodes (two JVMs on one embedded store, default settings: a scan
 * every 5 s, 2 workers a node): for each run, the time from the fire time until the last execution was queued and
 * until the last one started (went Running: claimed by a worker with a free slot, which runs it at once; target under
 * 60 s), until the last one ended, and the duplicates
 * (executions beyond one per schedule and fire time; target 0). The tasks have no reports, so a run is the engine's
 * own work. Each run uses new tasks and removes the previous run's tasks, states and executions.
 *
 * <pre>
 * mvn -B -o -q -pl plugins/storage-folder,plugins/storage-ftp,plugins/storage-sftp,plugins/connector-embedded,plugins/connector-qlik,plugins/idp-oidc,core/render,graphql-schema,core/server \
 *     -am test -DskipTests -Pserver-benchmark -Dbenchmark.main=org.qalyptus.server.execution.SchedulerBenchmark \
 *     [-Dbenchmark.args="3 10000"]
 * </pre>
 * Arguments: runs (default 3), schedules (default 10,000).
 */
public final class SchedulerBenchmark {

    record Run(double queuedSeconds, double startedSeconds, double endedSeconds, long duplicates, long firstNode, long secondNode) {}

    private SchedulerBenchmark() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int schedules = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        Path dataDir = Files.createTempDirectory("qalyptus-scheduler-benchmark-");
        int storePort = ServerProcess.freePort();
        System.out.printf(Locale.ROOT, "cores: %d, load average at start: %.2f%n", Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        try (RunningServer first = RunningServer.start(dataDir, ServerProcess.sourceTreePlugins(), ServerProcess.storeArgs(storePort));
                ServerProcess second = ServerProcess.join(first, storePort)) {
            ExecutionWorld w = new ExecutionWorld(first);
            MongoTemplate mongo = w.mongo();
            List<Run> results = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                Run result = run(w, mongo, schedules, second.pid());
                results.add(result);
                print("run " + run, result);
            }
            print("median of " + runs, new Run(median(results, Run::queuedSeconds), median(results, Run::startedSeconds),
                    median(results, Run::endedSeconds), (long) median(results, Run::duplicates), (long) median(results, Run::firstNode),
                    (long) median(results, Run::secondNode)));
        }
        System.exit(0);
    }

    static Run run(ExecutionWorld w, MongoTemplate mongo, int count, long secondPid) throws InterruptedException {
        clean(mongo);
        List<TaskDocument> tasks = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < count; i++) {
            TaskSchedule schedule = new TaskSchedule(UUID.randomUUID().toString(), "Daily", null, true, "Daily", "Queue", 0,
                    "Europe/Paris", null, null, 7, 0, null, null, null, null, null, null, null, null);
            String name = "Bench " + UUID.randomUUID();
            tasks.add(new TaskDocument(UUID.randomUUID().toString(), w.projectId, w.orgA.id(), name, AssetNames.key(name), null,
                    w.creator.id(), null, true, false, null, false, false, false, false, null, null, null, null, List.of(),
                    List.of(schedule), List.of(), List.of(), now, now));
        }
        mongo.insert(tasks, TaskDocument.class);
        // both nodes see the schedules (first sight computes tomorrow 07:00)...
        await(Duration.ofMinutes(5), () -> mongo.count(new Query(), ScheduleState.class) >= count);
        // ...then all become due at the same instant, a few seconds ahead so that the scans meet it as they would
        Instant due = Instant.now().plusSeconds(8).truncatedTo(ChronoUnit.SECONDS);
        mongo.updateMulti(new Query(), new Update().set("nextFire", due), ScheduleState.class);
        Query all = new Query(Criteria.where("trigger.fireTime").is(due));
        await(Duration.ofMinutes(10), () -> mongo.count(all, ExecutionDocument.class) >= count);
        await(Duration.ofMinutes(10), () -> mongo.count(new Query(Criteria.where("status").in("Queued", "Running")),
                ExecutionDocument.class) == 0);
        Thread.sleep(6_000); // one more scan on each node: anything doubled would show now

        List<Document> executions = mongo.getCollection("executions").find(new Document("trigger.fireTime",
                java.util.Date.from(due))).into(new ArrayList<>());
        long distinct = executions.stream().map(e -> e.getString("taskId")).distinct().count();
        Instant lastQueued = executions.stream().map(e -> e.getDate("createdAt").toInstant()).max(Comparator.naturalOrder()).orElseThrow();
        Instant lastStarted = executions.stream().map(e -> e.getDate("startedAt")).filter(Objects::nonNull).map(java.util.Date::toInstant)
                .max(Comparator.naturalOrder()).orElseThrow();
        Instant lastEnded = executions.stream().map(e -> e.getDate("finishedAt")).filter(Objects::nonNull).map(java.util.Date::toInstant)
                .max(Comparator.naturalOrder()).orElseThrow();
        // which node ran each execution: the node named in its log
        var byNode = mongo.getCollection("executionLogs").distinct("executionId", new Document("node",
                new Document("$regex", "^" + secondPid + "@")), String.class).into(new ArrayList<>());
        long onSecond = byNode.size();
        return new Run(seconds(due, lastQueued), seconds(due, lastStarted), seconds(due, lastEnded),
                executions.size() - distinct, executions.size() - onSecond, onSecond);
    }

    static void clean(MongoTemplate mongo) {
        mongo.remove(new Query(Criteria.where("name").regex("^Bench ")), TaskDocument.class);
        mongo.remove(new Query(), ScheduleState.class);
        mongo.remove(new Query(), ExecutionDocument.class);
        mongo.remove(new Query(), LogChunk.class);
    }

    static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    static void await(Duration timeout, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not done after " + timeout);
            }
            Thread.sleep(1_000); // the counts scan the executions: poll gently, not to slow what is measured
        }
    }

    static void print(String label, Run r) {
        System.out.printf(Locale.ROOT, "%-12s last queued %6.1f s, last started %6.1f s (target < 60), last ended %6.1f s, "
                + "duplicates %d (target 0), run on node 1 / node 2: %d / %d; load average now %.2f%n", label, r.queuedSeconds(),
                r.startedSeconds(), r.endedSeconds(), r.duplicates(), r.firstNode(), r.secondNode(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    static double median(List<Run> runs, ToDoubleFunction<Run> metric) {
        List<Double> values = runs.stream().map(metric::applyAsDouble).sorted().collect(Collectors.toList());
        int n = values.size();
        return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
    }
}
