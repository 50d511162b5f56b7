package org.qalyptus.store.embedded;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bson.Document;

/**
 * Reading documents by a list of ids ({@code {_id: {$in: [...]}}}) among 10,000, through the real driver and server in
 * this process: lists of 10, 100, 500 and 2,000 ids, with the hashed id check ({@link IdList}) against the library's
 * matcher on the same query (the baseline: the same list plus one number, which the id check leaves to the matcher).
 * Medians of 5 runs of 2 s per setting, settings taking turns.
 * <pre>
 * mvn -B -q -pl core/embedded-store test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.qalyptus.store.embedded.IdListBenchmark
 * </pre>
 */
public final class IdListBenchmark {

    private static final int DOCUMENTS = 10_000;
    private static final int RUNS = 5;
    private static final long RUN_NANOS = 2_000_000_000L;

    private IdListBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path folder = Files.createTempDirectory("qalyptus-id-list-benchmark-");
        try (RunningStore store = RunningStore.start(folder)) {
            MongoCollection<Document> tasks = store.collection("tasks");
            List<Document> documents = new ArrayList<>();
            for (int i = 0; i < DOCUMENTS; i++) {
                documents.add(new Document("_id", java.util.UUID.randomUUID().toString()).append("n", i)
                        .append("updatedAt", new java.util.Date()).append("payload", "x".repeat(200)));
            }
            tasks.insertMany(documents);
            System.out.printf(Locale.ROOT, "load average at start: %.2f%n",
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            for (int size : new int[] {10, 100, 500, 2_000}) {
                List<Object> ids = new ArrayList<>();
                for (int i = 0; i < size; i++) {
                    ids.add(documents.get((i * 7919) % DOCUMENTS).get("_id"));
                }
                List<Object> withNumber = new ArrayList<>(ids);
                withNumber.add(-1);
                double[] hashed = new double[RUNS];
                double[] matcher = new double[RUNS];
                for (int run = 0; run < RUNS; run++) {
                    hashed[run] = millisPerQuery(tasks, ids, size);
                    matcher[run] = millisPerQuery(tasks, withNumber, size);
                }
                java.util.Arrays.sort(hashed);
                java.util.Arrays.sort(matcher);
                System.out.printf(Locale.ROOT, "%5d ids: id check %8.3f ms, library matcher %8.3f ms, ratio %.1fx%n", size,
                        hashed[RUNS / 2], matcher[RUNS / 2], matcher[RUNS / 2] / hashed[RUNS / 2]);
            }
        }
    }

    private static double millisPerQuery(MongoCollection<Document> tasks, List<Object> ids, int expected) {
        long start = System.nanoTime();
        int queries = 0;
        while (System.nanoTime() - start < RUN_NANOS) {
            int found = 0;
            for (Document ignored : tasks.find(Filters.in("_id", ids))) {
                found++;
            }
            if (found != expected) {
                throw new IllegalStateException("found " + found + " of " + expected);
            }
            queries++;
        }
        return (System.nanoTime() - start) / 1e6 / queries;
    }
}
