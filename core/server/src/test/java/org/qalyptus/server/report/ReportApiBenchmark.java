package org.qalyptus.server.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;
import org.qalyptus.server.asset.AssetNames;
import org.qalyptus.server.permission.PermissionService;
import org.qalyptus.server.project.ProjectDocument;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.RunningServer;
import org.qalyptus.server.user.UserDocument;
import org.qalyptus.server.user.UserRepository;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Report read throughput: 10,000 reports in 100 projects of the real server (embedded store), read over
 * HTTP by {@code get-by-id} and {@code list-by-project} (100 reports per answer) with the same client
 * threads as a baseline of the server's health endpoint (which checks the store) and of its liveness
 * endpoint (which does not), as requests per second and as ratios to the baselines (target: at least 0.5
 * against the health endpoint). Prints each run and the medians.
 *
 * <pre>
 * mvn -B -o -q -pl core/server -am test -DskipTests -Pserver-benchmark \
 *     -Dbenchmark.main=org.qalyptus.server.report.ReportApiBenchmark [-Dbenchmark.args="5 2"]
 * </pre>
 * Arguments: runs (default 5), client threads (default 2).
 */
public final class ReportApiBenchmark {

    static final int PROJECTS = 100;
    static final int REPORTS_PER_PROJECT = 100;
    static final long SECONDS_PER_MEASURE = 5;

    private ReportApiBenchmark() {}

    record Run(double health, double liveness, double byId, double byProject) {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Path dataDir = Files.createTempDirectory("qalyptus-report-benchmark-");
        try (RunningServer server = RunningServer.start(dataDir, RunningServer.SOURCE_TREE_PLUGINS)) {
            String key = server.credentials().apiKey();
            List<String> projectIds = new ArrayList<>();
            List<String> reportIds = new ArrayList<>();
            seed(server, projectIds, reportIds);
            Http http = server.http();
            check(http, "/api/v1/reports/project/" + projectIds.get(0), key, REPORTS_PER_PROJECT);

            List<Run> results = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                Random random = new Random(run);
                double health = throughput(http, threads, i -> "/actuator/health", null);
                double liveness = throughput(http, threads, i -> "/actuator/health/liveness", null);
                double byId = throughput(http, threads, i -> "/api/v1/reports/" + reportIds.get(random.nextInt(reportIds.size())), key);
                double byProject = throughput(http, threads,
                        i -> "/api/v1/reports/project/" + projectIds.get(random.nextInt(projectIds.size())), key);
                Run result = new Run(health, liveness, byId, byProject);
                results.add(result);
                print("run " + run, result);
            }
            print("median of " + runs, new Run(median(results, Run::health), median(results, Run::liveness),
                    median(results, Run::byId), median(results, Run::byProject)));
        }
    }

    /** 100 projects of the tenant owner with 100 reports each, inserted the way the services store them. */
    static void seed(RunningServer server, List<String> projectIds, List<String> reportIds) {
        MongoTemplate mongo = server.bean(MongoTemplate.class);
        UserDocument owner = server.bean(UserRepository.class).findAll().stream().filter(UserDocument::tenantOwner)
                .findFirst().orElseThrow();
        String organizationId = owner.memberships().get(0).organizationId();
        Instant now = Instant.now();
        List<ProjectDocument> projects = new ArrayList<>();
        List<ReportDocument> reports = new ArrayList<>();
        for (int p = 0; p < PROJECTS; p++) {
            String name = "Benchmark project " + p;
            ProjectDocument project = new ProjectDocument(UUID.randomUUID().toString(), organizationId, name,
                    ProjectDocument.nameKey(name), null, owner.id(), true, now, now);
            projects.add(project);
            projectIds.add(project.id());
            for (int r = 0; r < REPORTS_PER_PROJECT; r++) {
                String reportName = "Report " + p + "-" + r;
                ReportDocument report = new ReportDocument(UUID.randomUUID().toString(), project.id(), organizationId,
                        reportName, AssetNames.key(reportName), "Seeded for the benchmark", owner.id(), 0L,
                        ReportType.values()[r % ReportType.values().length].wireName(), false, List.of(),
                        ReportDocument.DEFAULT_SEPARATOR, List.of(), List.of(), null, null, now, now);
                reports.add(report);
                reportIds.add(report.id());
            }
        }
        mongo.insertAll(projects);
        mongo.insertAll(reports);
        PermissionService permissions = server.bean(PermissionService.class);
        projects.forEach(project -> permissions.ownershipTaken(project.id(), owner.id()));
    }

    static void check(Http http, String path, String key, int expected) {
        Http.Answer answer = http.get(path, key);
        if (answer.status() != 200 || answer.data().size() != expected) {
            throw new IllegalStateException(path + " answered " + answer.status() + ": " + answer.body());
        }
    }

    /** Requests per second over {@link #SECONDS_PER_MEASURE} seconds with {@code threads} clients, after a warm-up. */
    static double throughput(Http http, int threads, IntFunction<String> paths, String key) throws Exception {
        measure(http, threads, paths, key, 1);
        return measure(http, threads, paths, key, SECONDS_PER_MEASURE);
    }

    private static double measure(Http http, int threads, IntFunction<String> paths, String key, long seconds)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicBoolean stop = new AtomicBoolean();
        List<Future<Long>> counts = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            counts.add(pool.submit(() -> {
                long done = 0;
                while (!stop.get()) {
                    Http.Answer answer = http.get(paths.apply((int) done), key);
                    if (answer.status() != 200) {
                        throw new IllegalStateException(answer.status() + ": " + answer.body());
                    }
                    done++;
                }
                return done;
            }));
        }
        Thread.sleep(seconds * 1000);
        stop.set(true);
        long total = 0;
        for (Future<Long> count : counts) {
            total += count.get();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return total / elapsed;
    }

    private static void print(String label, Run r) {
        System.out.printf("%-12s /actuator/health %.0f req/s | /actuator/health/liveness %.0f req/s | GET /reports/{id} %.0f"
                + " req/s (x%.2f health, x%.2f liveness) | GET /reports/project/{id} (100 reports) %.0f req/s (x%.2f health,"
                + " x%.2f liveness)%n", label, r.health, r.liveness, r.byId, r.byId / r.health, r.byId / r.liveness,
                r.byProject, r.byProject / r.health, r.byProject / r.liveness);
    }

    private static double median(List<Run> runs, java.util.function.ToDoubleFunction<Run> value) {
        double[] values = runs.stream().mapToDouble(value).sorted().toArray();
        return values.length % 2 == 1 ? values[values.length / 2]
                : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    }
}
