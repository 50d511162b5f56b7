package org.qalyptus.server.permission;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.qalyptus.server.apikey.ApiKeyService;
import org.qalyptus.server.group.GroupDocument;
import org.qalyptus.server.organization.OrganizationDocument;
import org.qalyptus.server.organization.OrganizationRepository;
import org.qalyptus.server.project.ProjectDocument;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.RunningServer;
import org.qalyptus.server.user.UserDocument;
import org.qalyptus.server.user.UserDocument.Membership;
import org.qalyptus.server.user.UserStatus;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Permission benchmark: 1,000 projects, 10,000 users, 1,000 groups and 100,000 permission entries in
 * the real server (embedded store), seeded with bulk inserts. Measures a single permission check
 * (warm per-domain enforcers) and {@code GET /api/v1/projects} over HTTP for a user who sees 100 of the
 * 1,000 projects, against baselines over the same client. Prints each run and the medians.
 *
 * <pre>
 * mvn -B -q -pl core/server -am test-compile
 * mvn -B -q -pl core/server exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.qalyptus.server.permission.PermissionBenchmark [-Dexec.args="5"]
 * </pre>
 */
public final class PermissionBenchmark {

    static final int PROJECTS = 1_000;
    static final int USERS = 10_000;
    static final int GROUPS = 1_000;
    static final int ENTRIES = 100_000;
    static final int VISIBLE = 100;
    static final int CHECKS = 200_000;
    static final int REQUESTS = 1_000;

    private PermissionBenchmark() {}

    record Run(double checkP50, double checkP99, double listP50, double listP99, double healthP50, double healthP99,
            double orgP50, double orgP99) {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path dataDir = Files.createTempDirectory("qalyptus-permission-benchmark-");
        try (RunningServer server = RunningServer.start(dataDir, RunningServer.SOURCE_TREE_PLUGINS)) {
            Seed seed = seed(server);
            PermissionService permissions = server.bean(PermissionService.class);
            Http http = server.http();
            int listed = http.get("/api/v1/projects", seed.key).data().size();
            if (listed != VISIBLE) {
                throw new IllegalStateException("the benchmark user sees " + listed + " projects, not " + VISIBLE);
            }
            long loadStart = System.nanoTime();
            for (ProjectDocument project : seed.projects) {
                permissions.allows(seed.subjects.get(0), project.ref(), Permission.VIEW_REPORT);
            }
            System.out.printf("cold load of %d domains: %.1f ms each on average%n", PROJECTS,
                    (System.nanoTime() - loadStart) / 1e6 / PROJECTS);

            List<Run> results = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                double[] checks = checks(permissions, seed, new Random(run));
                double[] list = requests(http, "/api/v1/projects", seed.key);
                double[] health = requests(http, "/actuator/health/liveness", null);
                double[] organization = requests(http, "/api/v1/organizations/" + seed.organizationId, seed.key);
                Run result = new Run(p(checks, 50), p(checks, 99), p(list, 50), p(list, 99), p(health, 50), p(health, 99),
                        p(organization, 50), p(organization, 99));
                results.add(result);
                print("run " + run, result);
            }
            print("median of " + runs, new Run(median(results, Run::checkP50), median(results, Run::checkP99),
                    median(results, Run::listP50), median(results, Run::listP99), median(results, Run::healthP50),
                    median(results, Run::healthP99), median(results, Run::orgP50), median(results, Run::orgP99)));
        }
    }

    private static void print(String label, Run r) {
        System.out.printf("%-12s check p50 %.1f us p99 %.1f us | GET /projects (100 of 1000) p50 %.2f ms p99 %.2f ms"
                        + " | /actuator/health/liveness p50 %.2f ms p99 %.2f ms | GET /organizations/{id} p50 %.2f ms p99 %.2f ms"
                        + " | list/health p50 x%.1f%n",
                label, r.checkP50, r.checkP99, r.listP50, r.listP99, r.healthP50, r.healthP99, r.orgP50, r.orgP99,
                r.listP50 / r.healthP50);
    }

    /** Microseconds per check, over random users and projects with warm enforcers. */
    private static double[] checks(PermissionService permissions, Seed seed, Random random) {
        Permission[] flags = Permission.values();
        for (int i = 0; i < CHECKS / 4; i++) {
            permissions.allows(seed.subjects.get(random.nextInt(seed.subjects.size())),
                    seed.projects.get(random.nextInt(PROJECTS)).ref(), flags[random.nextInt(flags.length)]);
        }
        double[] micros = new double[CHECKS];
        for (int i = 0; i < CHECKS; i++) {
            Subject subject = seed.subjects.get(random.nextInt(seed.subjects.size()));
            ProjectRef project = seed.projects.get(random.nextInt(PROJECTS)).ref();
            Permission flag = flags[random.nextInt(flags.length)];
            long start = System.nanoTime();
            permissions.allows(subject, project, flag);
            micros[i] = (System.nanoTime() - start) / 1e3;
        }
        return micros;
    }

    /** Milliseconds per request, sequential, after a warm-up. */
    private static double[] requests(Http http, String path, String key) {
        for (int i = 0; i < REQUESTS / 5; i++) {
            http.get(path, key);
        }
        double[] millis = new double[REQUESTS];
        for (int i = 0; i < REQUESTS; i++) {
            long start = System.nanoTime();
            Http.Answer answer = http.get(path, key);
            millis[i] = (System.nanoTime() - start) / 1e6;
            if (answer.status() >= 500) {
                throw new IllegalStateException(path + " answered " + answer.status());
            }
        }
        return millis;
    }

    private static double p(double[] values, int percentile) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)];
    }

    private static double median(List<Run> runs, java.util.function.ToDoubleFunction<Run> value) {
        double[] values = runs.stream().mapToDouble(value).sorted().toArray();
        return values[values.length / 2];
    }

    record Seed(String organizationId, List<ProjectDocument> projects, List<Subject> subjects, String key) {}

    /**
     * One organization; users spread over the groups (10 each) with mixed licenses; the benchmark user in
     * a group of their own, granted {@code viewProject} on exactly 100 projects (half directly, half
     * through their group); every other entry goes to other users and groups.
     */
    private static Seed seed(RunningServer server) {
        long start = System.nanoTime();
        MongoTemplate mongo = server.bean(MongoTemplate.class);
        Random random = new Random(42);
        Instant now = Instant.now();
        String organizationId = UUID.randomUUID().toString();
        server.bean(OrganizationRepository.class).insert(new OrganizationDocument(organizationId, "benchmark",
                "Benchmark", null, false, true, false, now));

        List<GroupDocument> groups = new ArrayList<>();
        for (int i = 0; i < GROUPS; i++) {
            groups.add(new GroupDocument(UUID.randomUUID().toString(), organizationId, "group " + i, null, false, now));
        }
        mongo.insertAll(groups);

        String[] licenses = {"Creator", "Explorer", "Viewer"};
        List<UserDocument> users = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            String groupId = i == 0 ? groups.get(0).id() : groups.get(1 + (i % (GROUPS - 1))).id();
            String license = i == 0 ? "Creator" : licenses[i % licenses.length];
            users.add(new UserDocument(UUID.randomUUID().toString(), "bench" + i + "@example.com", "Bench", "User " + i,
                    null, UserStatus.Active, "User", false, false,
                    List.of(new Membership(organizationId, "Member", license, List.of(groupId))), "en", "UTC", now));
        }
        mongo.insertAll(users);
        UserDocument benchmarkUser = users.get(0);
        String benchmarkGroup = groups.get(0).id();

        List<ProjectDocument> projects = new ArrayList<>();
        for (int i = 0; i < PROJECTS; i++) {
            String name = "Project " + i;
            projects.add(new ProjectDocument(UUID.randomUUID().toString(), organizationId, name,
                    ProjectDocument.nameKey(name), null, users.get(1 + random.nextInt(USERS - 1)).id(), true, now, now));
        }
        mongo.insertAll(projects);

        Set<Permission> viewing = EnumSet.of(Permission.VIEW_PROJECT, Permission.VIEW_REPORT, Permission.VIEW_TASK);
        List<PermissionDocument> entries = new ArrayList<>();
        for (int i = 0; i < VISIBLE; i++) {
            ProjectDocument project = projects.get(i * (PROJECTS / VISIBLE));
            boolean direct = i % 2 == 0;
            entries.add(entry(project, direct ? MemberType.User : MemberType.Group,
                    direct ? benchmarkUser.id() : benchmarkGroup, viewing, now));
        }
        Permission[] flags = Permission.values();
        int others = ENTRIES - VISIBLE;
        for (int p = 0; p < PROJECTS; p++) {
            ProjectDocument project = projects.get(p);
            int perProject = others / PROJECTS + (p < others % PROJECTS ? 1 : 0);
            Set<String> used = new HashSet<>();
            while (used.size() < perProject) {
                boolean group = random.nextInt(4) == 0;
                String member = group ? groups.get(1 + random.nextInt(GROUPS - 1)).id()
                        : users.get(1 + random.nextInt(USERS - 1)).id();
                if (!used.add(member)) {
                    continue;
                }
                Set<Permission> granted = EnumSet.noneOf(Permission.class);
                for (Permission flag : flags) {
                    if (random.nextInt(3) == 0) {
                        granted.add(flag);
                    }
                }
                entries.add(entry(project, group ? MemberType.Group : MemberType.User, member, granted, now));
            }
        }
        long insertStart = System.nanoTime();
        for (int from = 0; from < entries.size(); from += 10_000) {
            mongo.insertAll(entries.subList(from, Math.min(entries.size(), from + 10_000)));
        }

        java.util.Map<String, List<String>> domainIds = new java.util.HashMap<>();
        java.util.Map<String, List<String>> viewGrants = new java.util.HashMap<>();
        for (PermissionDocument entry : entries) {
            domainIds.computeIfAbsent(entry.projectId(), k -> new ArrayList<>()).add(entry.id());
            if (entry.granted().contains(Permission.VIEW_PROJECT.flag())) {
                viewGrants.computeIfAbsent(entry.memberId(), k -> new ArrayList<>()).add(entry.projectId());
            }
        }
        mongo.insertAll(domainIds.entrySet().stream().map(e -> new PermissionDomain(e.getKey(), 1, e.getValue())).toList());
        java.util.Map<String, List<String>> owned = new java.util.HashMap<>();
        for (ProjectDocument project : projects) {
            owned.computeIfAbsent(project.ownerId(), k -> new ArrayList<>()).add(project.id());
        }
        Set<String> grantees = new HashSet<>(viewGrants.keySet());
        grantees.addAll(owned.keySet());
        mongo.insertAll(grantees.stream().map(id -> new MemberGrants(id, viewGrants.get(id), owned.get(id))).toList());
        System.out.printf("inserted %d permission entries in %.1f s%n", entries.size(), (System.nanoTime() - insertStart) / 1e9);
        List<Subject> subjects = new ArrayList<>();
        for (int i = 1; i <= 2_000; i++) {
            subjects.add(Subject.of(users.get(i), organizationId));
        }
        String key = server.bean(ApiKeyService.class).issue(benchmarkUser.id(), "benchmark", null, organizationId,
                Instant.now().plus(1, ChronoUnit.DAYS)).key();
        System.out.printf("seeded %d projects, %d users, %d groups, %d permission entries in %.1f s%n",
                projects.size(), users.size(), groups.size(), entries.size(), (System.nanoTime() - start) / 1e9);
        return new Seed(organizationId, projects, subjects, key);
    }

    private static PermissionDocument entry(ProjectDocument project, MemberType type, String memberId,
            Set<Permission> granted, Instant now) {
        return new PermissionDocument(UUID.randomUUID().toString(), project.organizationId(), project.id(),
                AssetType.Project, project.id(), type, memberId, granted.stream().map(Permission::flag).toList(), now);
    }
}
