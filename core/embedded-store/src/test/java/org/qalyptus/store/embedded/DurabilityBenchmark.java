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
 * Inserts per second through the real driver, one acknowledged insert at a time per client thread,
 * for each durability setting, all in this process and each on a fresh data folder.
 * <p>
 * Run from core/embedded-store:
 * <pre>
 * mvn -B -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.qalyptus.store.embedded.DurabilityBenchmark
 * </pre>
 * {@code -Dexec.args=N} changes the number of inserts per run.
 */
public final class DurabilityBenchmark {

    private static final int DEFAULT_INSERTS_PER_RUN = 2_000;
    private static final int RUNS = 5;
    private static final String PAYLOAD = "x".repeat(200);

    private record Scenario(String name, Durability durability, boolean fsync, int clientThreads) {
    }

    private static final List<Scenario> SCENARIOS = List.of(
        new Scenario("BACKGROUND, 1 thread (baseline)", Durability.BACKGROUND, false, 1),
        new Scenario("BACKGROUND, 8 threads", Durability.BACKGROUND, false, 8),
        new Scenario("SYNC_ON_ACK, 1 thread", Durability.SYNC_ON_ACK, false, 1),
        new Scenario("SYNC_ON_ACK, 8 threads", Durability.SYNC_ON_ACK, false, 8),
        new Scenario("SYNC_ON_ACK + fsync, 1 thread", Durability.SYNC_ON_ACK, true, 1),
        new Scenario("SYNC_ON_ACK + fsync, 8 threads", Durability.SYNC_ON_ACK, true, 8));

    private DurabilityBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int insertsPerRun = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_INSERTS_PER_RUN;
        System.out.printf("%,d inserts per run, 1 warm-up run and %d measured runs per scenario%n%n",
            insertsPerRun, RUNS);

        List<Double> medians = new ArrayList<>();
        for (Scenario scenario : SCENARIOS) {
            medians.add(measure(scenario, insertsPerRun));
        }

        double baseline = medians.get(0);
        System.out.printf("%nSummary: median inserts/s, ratio to the baseline median%n");
        for (int i = 0; i < SCENARIOS.size(); i++) {
            System.out.printf("  %-32s %,10.0f  %5.2f%n", SCENARIOS.get(i).name(), medians.get(i), medians.get(i) / baseline);
        }
    }

    private static double measure(Scenario scenario, int insertsPerRun) throws Exception {
        System.out.println(scenario.name());
        Path dataDirectory = Files.createTempDirectory("durability-benchmark");
        EmbeddedStoreOptions options = EmbeddedStoreOptions.inDataDirectory(dataDirectory)
            .withDurability(scenario.durability())
            .withFsync(scenario.fsync());
        ExecutorService clientThreads = Executors.newFixedThreadPool(scenario.clientThreads());
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(options);
             MongoClient client = MongoClients.create(settings(server, scenario.clientThreads()))) {
            MongoCollection<Document> collection = client.getDatabase("benchmark").getCollection("inserts");
            double warmUp = insertsPerSecond(collection, clientThreads, scenario.clientThreads(), insertsPerRun);
            System.out.printf("  warm-up  %,10.0f inserts/s%n", warmUp);
            List<Double> runs = new ArrayList<>();
            for (int run = 1; run <= RUNS; run++) {
                double rate = insertsPerSecond(collection, clientThreads, scenario.clientThreads(), insertsPerRun);
                runs.add(rate);
                System.out.printf("  run %d    %,10.0f inserts/s%n", run, rate);
            }
            double median = runs.stream().sorted().toList().get(RUNS / 2);
            System.out.printf("  median   %,10.0f inserts/s%n", median);
            return median;
        } finally {
            clientThreads.shutdown();
            deleteRecursively(dataDirectory);
        }
    }

    private static MongoClientSettings settings(EmbeddedMongoServer server, int clientThreads) {
        return MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString(server.connectionString()))
            .applyToConnectionPoolSettings(pool -> pool.minSize(clientThreads).maxSize(clientThreads))
            .build();
    }

    private static double insertsPerSecond(MongoCollection<Document> collection, ExecutorService clientThreads,
                                           int threadCount, int inserts) throws Exception {
        List<Callable<Void>> slices = new ArrayList<>();
        for (int thread = 0; thread < threadCount; thread++) {
            int first = thread * inserts / threadCount;
            int end = (thread + 1) * inserts / threadCount;
            slices.add(() -> {
                for (int n = first; n < end; n++) {
                    collection.insertOne(new Document("n", n).append("payload", PAYLOAD));
                }
                return null;
            });
        }
        long start = System.nanoTime();
        for (Future<Void> slice : clientThreads.invokeAll(slices)) {
            slice.get();
        }
        return inserts / ((System.nanoTime() - start) / 1e9);
    }

    private static void deleteRecursively(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
