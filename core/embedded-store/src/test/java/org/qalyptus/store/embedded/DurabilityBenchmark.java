package org.qalyptus.store.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.bson.Document;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;

/**
 * Inserts per second through the real driver, each client thread doing one acknowledged insert at a
 * time, for each durability setting, all in this process and each setting on its own data folder.
 * <p>
 * The settings take turns, one run each per round, so that a change in the machine's load during
 * the benchmark (other builds, the disk's cache) weighs on all of them alike.
 * <p>
 * Run from core/embedded-store:
 * <pre>
 * mvn -B -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.qalyptus.store.embedded.DurabilityBenchmark
 * </pre>
 * {@code -Dexec.args=N} changes the number of inserts per run.
 */
public final class DurabilityBenchmark {

    private static final int DEFAULT_INSERTS_PER_RUN = 3_000;
    private static final int RUNS = 5;
    private static final String PAYLOAD = "x".repeat(200);

    private DurabilityBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int insertsPerRun = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_INSERTS_PER_RUN;
        System.out.printf("%,d inserts per run; per setting 1 warm-up run and %d measured runs, settings taking turns%n",
            insertsPerRun, RUNS);

        List<Scenario> scenarios = new ArrayList<>();
        try {
            scenarios.add(new Scenario("BACKGROUND, 1 thread (baseline)", Durability.BACKGROUND, false, 1));
            scenarios.add(new Scenario("BACKGROUND, 8 threads", Durability.BACKGROUND, false, 8));
            scenarios.add(new Scenario("SYNC_ON_ACK, 1 thread", Durability.SYNC_ON_ACK, false, 1));
            scenarios.add(new Scenario("SYNC_ON_ACK, 8 threads", Durability.SYNC_ON_ACK, false, 8));
            scenarios.add(new Scenario("SYNC_ON_ACK + fsync, 1 thread", Durability.SYNC_ON_ACK, true, 1));
            scenarios.add(new Scenario("SYNC_ON_ACK + fsync, 8 threads", Durability.SYNC_ON_ACK, true, 8));

            for (Scenario scenario : scenarios) {
                scenario.insertsPerSecond(insertsPerRun);
            }
            for (int run = 0; run < RUNS; run++) {
                for (Scenario scenario : scenarios) {
                    scenario.runs.add(scenario.insertsPerSecond(insertsPerRun));
                }
            }
            report(scenarios);
        } finally {
            for (Scenario scenario : scenarios) {
                scenario.close();
            }
        }
    }

    private static void report(List<Scenario> scenarios) {
        double baseline = scenarios.get(0).median();
        System.out.printf("%n%-32s %s%n", "inserts/s", "runs 1-5, median, median / baseline median");
        for (Scenario scenario : scenarios) {
            StringBuilder line = new StringBuilder(String.format("%-32s", scenario.name));
            scenario.runs.forEach(rate -> line.append(String.format(" %,7.0f", rate)));
            line.append(String.format("   median %,7.0f   %4.2f", scenario.median(), scenario.median() / baseline));
            System.out.println(line);
        }
    }

    /** One durability setting with its own server, data folder, client and client threads. */
    private static final class Scenario implements AutoCloseable {

        private final String name;
        private final int clientThreads;
        private final Path dataDirectory;
        private final EmbeddedMongoServer server;
        private final MongoClient client;
        private final MongoCollection<Document> collection;
        private final ExecutorService threads;
        private final List<Double> runs = new ArrayList<>();

        Scenario(String name, Durability durability, boolean fsync, int clientThreads) throws IOException {
            this.name = name;
            this.clientThreads = clientThreads;
            this.dataDirectory = Files.createTempDirectory("durability-benchmark");
            this.server = EmbeddedMongoServer.start(EmbeddedStoreOptions.inDataDirectory(dataDirectory)
                .withDurability(durability)
                .withFsync(fsync));
            this.client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(server.connectionString()))
                .applyToConnectionPoolSettings(pool -> pool.minSize(clientThreads).maxSize(clientThreads))
                .build());
            this.collection = client.getDatabase("benchmark").getCollection("inserts");
            this.threads = Executors.newFixedThreadPool(clientThreads);
        }

        double insertsPerSecond(int inserts) throws Exception {
            List<Callable<Void>> slices = new ArrayList<>();
            for (int thread = 0; thread < clientThreads; thread++) {
                int first = thread * inserts / clientThreads;
                int end = (thread + 1) * inserts / clientThreads;
                slices.add(() -> {
                    for (int n = first; n < end; n++) {
                        collection.insertOne(new Document("n", n).append("payload", PAYLOAD));
                    }
                    return null;
                });
            }
            long start = System.nanoTime();
            for (Future<Void> slice : threads.invokeAll(slices)) {
                slice.get();
            }
            return inserts / ((System.nanoTime() - start) / 1e9);
        }

        double median() {
            return runs.stream().sorted().toList().get(runs.size() / 2);
        }

        @Override
        public void close() throws IOException {
            threads.shutdown();
            client.close();
            server.close();
            try (Stream<Path> paths = Files.walk(dataDirectory)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
