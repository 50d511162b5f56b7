package org.qalyptus.store.embedded;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.or;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;

/**
 * Writers move documents between projects while readers list projects through the index: every listed
 * document belongs to the listed project and is intact, and once the writers stop, the index gives
 * exactly what a scan gives, also after reopening.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ConcurrentIndexedReadsAndWritesTest {

    private static final int DOCUMENTS = 2_000;
    private static final int PROJECTS = 20;
    private static final int WRITERS = 4;
    private static final int WRITES_PER_WRITER = 300;
    private static final int READERS = 2;

    @TempDir
    Path dataDirectory;

    @Test
    void listingsDuringWritesShowOnlyTheListedProjectAndEndEqualToScans() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(WRITERS + READERS);
        try (RunningStore store = RunningStore.start(dataDirectory)) {
            MongoCollection<Document> reports = store.collection("reports");
            reports.createIndex(Indexes.ascending("projectId"), new IndexOptions().name("project"));
            reports.insertMany(IntStream.range(0, DOCUMENTS).mapToObj(id -> report(id, project(id % PROJECTS), 0)).toList());

            AtomicBoolean writing = new AtomicBoolean(true);
            List<Future<Integer>> readers = new ArrayList<>();
            for (int i = 0; i < READERS; i++) {
                readers.add(threads.submit(() -> listUntilDone(store, writing)));
            }
            List<Callable<Void>> writers = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                writers.add(() -> moveRandomReports(reports));
            }
            try {
                for (Future<Void> writer : threads.invokeAll(writers)) {
                    writer.get();
                }
            } finally {
                writing.set(false);
            }
            for (Future<Integer> reader : readers) {
                assertThat(reader.get()).as("listings by one reader").isPositive();
            }

            assertIndexAgreesWithScans(store);
            store.restart();
            assertIndexAgreesWithScans(store);
        } finally {
            threads.shutdownNow();
        }
    }

    private static Void moveRandomReports(MongoCollection<Document> reports) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int version = 1; version <= WRITES_PER_WRITER; version++) {
            int id = random.nextInt(DOCUMENTS);
            String project = project(random.nextInt(PROJECTS));
            switch (random.nextInt(4)) {
                case 0 -> reports.replaceOne(eq("_id", id), report(id, project, version));
                case 1 -> reports.updateOne(eq("_id", id), Updates.combine(Updates.set("projectId", project),
                    Updates.set("version", version), Updates.set("payload", payload(id, project, version))));
                case 2 -> {
                    if (reports.deleteOne(eq("_id", id)).getDeletedCount() == 1) {
                        reports.insertOne(report(id, project, version));
                    }
                }
                default -> reports.findOneAndUpdate(eq("projectId", project(random.nextInt(PROJECTS))),
                    Updates.set("checkedAt", version));
            }
        }
        return null;
    }

    private static int listUntilDone(RunningStore store, AtomicBoolean writing) {
        MongoCollection<Document> reports = store.collection("reports");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int listings = 0;
        while (writing.get()) {
            String project = project(random.nextInt(PROJECTS));
            String other = project(random.nextInt(PROJECTS));
            assertThat(reports.find(eq("projectId", project)).into(new ArrayList<>()))
                .allSatisfy(report -> assertThat(report.getString("projectId")).isEqualTo(project))
                .allSatisfy(ConcurrentIndexedReadsAndWritesTest::assertIntact);
            assertThat(reports.find(in("projectId", project, other)).into(new ArrayList<>()))
                .allSatisfy(report -> assertThat(report.getString("projectId")).isIn(project, other));
            Document count = store.database().runCommand(new Document("count", "reports")
                .append("query", new Document("projectId", project)));
            assertThat(count.get("n", Number.class).intValue()).isBetween(0, DOCUMENTS);
            listings++;
        }
        return listings;
    }

    private static void assertIndexAgreesWithScans(RunningStore store) {
        MongoCollection<Document> reports = store.collection("reports");
        Set<Object> listed = new HashSet<>();
        for (int p = 0; p < PROJECTS; p++) {
            String project = project(p);
            assertThat(RunningStore.plan(reports, eq("projectId", project))).isEqualTo("IXSCAN project");
            // A lone $or pins nothing, so this one scans.
            assertThat(RunningStore.plan(reports, or(eq("projectId", project)))).isEqualTo("COLLSCAN");
            List<Document> fromIndex = reports.find(eq("projectId", project)).into(new ArrayList<>());
            assertThat(fromIndex).isEqualTo(reports.find(or(eq("projectId", project))).into(new ArrayList<>()));
            fromIndex.forEach(report -> listed.add(report.get("_id")));
        }
        assertThat(listed).hasSize(DOCUMENTS);
        assertThat(reports.countDocuments()).isEqualTo(DOCUMENTS);
        assertThat(store.indexEntries("reports", "project")).isEqualTo(DOCUMENTS);
    }

    private static String project(int number) {
        return "project-" + number;
    }

    /** The payload repeats id, project and version, so a half-updated document does not pass. */
    private static Document report(int id, String project, int version) {
        return new Document("_id", id).append("projectId", project).append("version", version)
            .append("payload", payload(id, project, version));
    }

    private static String payload(int id, String project, int version) {
        return (id + "/" + project + "/" + version + ";").repeat(10);
    }

    private static void assertIntact(Document report) {
        assertThat(report.getString("payload"))
            .isEqualTo(payload(report.getInteger("_id"), report.getString("projectId"), report.getInteger("version")));
    }
}
