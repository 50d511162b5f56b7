package org.qalyptus.store.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

/**
 * What a non-unique index saves, through the real driver, client and server in this process.
 * <ol>
 * <li>Listing one project: {@code {projectId: X}} on 10,000 report-like documents in 100 projects,
 * 100 documents per answer, with and without an index on {@code projectId}; also {@code $in} on two
 * projects. One client thread; each setting runs for a fixed time per run, settings taking turns.</li>
 * <li>Opening the store on 100,000 such documents (1,000 projects) with no secondary index, one, and
 * three: the in-memory indexes are rebuilt from the stored documents when the store opens. Also the
 * time {@code createIndex} takes on them.</li>
 * </ol>
 * Run from core/embedded-store:
 * <pre>
 * mvn -B -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.qalyptus.store.embedded.SecondaryIndexBenchmark
 * </pre>
 */
public final class SecondaryIndexBenchmark {

    private static final int RUNS = 5;
    private static final long RUN_NANOS = TimeUnit.SECONDS.toNanos(3);
    private static final int LISTED_DOCUMENTS = 10_000;
    private static final int LISTED_PROJECTS = 100;
    private static final int OPENED_DOCUMENTS = 100_000;
    private static final int OPENED_PROJECTS = 1_000;
    private static final String PAYLOAD = "x".repeat(200);

    private SecondaryIndexBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        listing();
        opening();
    }

    private static void listing() throws IOException {
        Path folder = Files.createTempDirectory("index-benchmark");
        try (RunningStore store = RunningStore.start(folder)) {
            MongoCollection<Document> indexed = store.collection("indexed");
            MongoCollection<Document> unindexed = store.collection("unindexed");
            indexed.createIndex(Indexes.ascending("projectId"), new IndexOptions().name("project"));
            List<Document> reports = reports(LISTED_DOCUMENTS, LISTED_PROJECTS, new Random(1));
            indexed.insertMany(reports.stream().map(Document::new).toList());
            unindexed.insertMany(reports.stream().map(Document::new).toList());

            Random random = new Random(2);
            Function<Integer, Bson> oneProject = n -> Filters.eq("projectId", project(random.nextInt(LISTED_PROJECTS)));
            Function<Integer, Bson> twoProjects = n -> Filters.in("projectId",
                project(random.nextInt(LISTED_PROJECTS)), project(random.nextInt(LISTED_PROJECTS)));
            List<Listing> listings = List.of(
                new Listing("{projectId: X}, unindexed", unindexed, oneProject),
                new Listing("{projectId: X}, indexed", indexed, oneProject),
                new Listing("{projectId: {$in: [X, Y]}}, unindexed", unindexed, twoProjects),
                new Listing("{projectId: {$in: [X, Y]}}, indexed", indexed, twoProjects));

            System.out.printf("Listing: %,d documents in %d projects, %,d per project; 1 warm-up run and %d measured runs"
                + " of %d s per setting, settings taking turns%n", LISTED_DOCUMENTS, LISTED_PROJECTS,
                LISTED_DOCUMENTS / LISTED_PROJECTS, RUNS, TimeUnit.NANOSECONDS.toSeconds(RUN_NANOS));
            for (Listing listing : listings) {
                listing.run();
            }
            for (int run = 0; run < RUNS; run++) {
                for (Listing listing : listings) {
                    listing.runs.add(listing.run());
                }
            }
            System.out.printf("%n%-36s %-44s %s%n", "", "queries/s, runs 1-5 and median", "median ms per query");
            for (Listing listing : listings) {
                StringBuilder line = new StringBuilder(String.format("%-36s", listing.name));
                listing.runs.forEach(result -> line.append(String.format(" %,7.0f", result.queriesPerSecond())));
                line.append(String.format("   median %,7.0f   %8.2f   (%,d documents per answer on average)",
                    median(listing.runs.stream().map(Result::queriesPerSecond).toList()),
                    median(listing.runs.stream().map(Result::medianMillis).toList()),
                    Math.round(listing.runs.stream().mapToDouble(Result::documentsPerQuery).average().orElse(0))));
                System.out.println(line);
            }
        } finally {
            delete(folder);
        }
    }

    private static void opening() throws IOException {
        Path folder = Files.createTempDirectory("index-benchmark");
        try {
            load(folder);
            System.out.printf("%nOpening: %,d documents in %,d projects; %d runs per setting, settings taking turns%n",
                OPENED_DOCUMENTS, OPENED_PROJECTS, RUNS);
            List<Opening> openings = List.of(new Opening(List.of()), new Opening(List.of("projectId")),
                new Opening(List.of("projectId", "ownerId", "status")));
            for (int run = 0; run < RUNS; run++) {
                for (Opening opening : openings) {
                    opening.run(folder);
                }
            }
            System.out.printf("%n%-36s %s%n", "ms", "runs 1-5, median");
            for (Opening opening : openings) {
                printRuns("open with " + opening.description(), opening.openMillis);
            }
            printRuns("createIndex({projectId: 1})", openings.get(1).createMillis);
            printRuns("first full scan after opening", openings.get(0).scanMillis);
            System.out.printf("%n%-36s %s%n", "MB of heap in use after opening", "runs 1-5, median (rough: after System.gc())");
            for (Opening opening : openings) {
                printRuns("with " + opening.description(), opening.heapMegabytes);
            }
        } finally {
            delete(folder);
        }
    }

    private static void load(Path folder) {
        try (RunningStore loader = RunningStore.start(folder)) {
            MongoCollection<Document> reports = loader.collection("reports");
            List<Document> documents = reports(OPENED_DOCUMENTS, OPENED_PROJECTS, new Random(3));
            for (int first = 0; first < documents.size(); first += 1_000) {
                reports.insertMany(documents.subList(first, first + 1_000));
            }
        }
    }

    private static double heapInUseMegabytes() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return (runtime.totalMemory() - runtime.freeMemory()) / (1024.0 * 1024.0);
    }

    private static void printRuns(String name, List<Double> runs) {
        StringBuilder line = new StringBuilder(String.format("%-36s", name));
        runs.forEach(millis -> line.append(String.format(" %,7.0f", millis)));
        line.append(String.format("   median %,7.0f", median(runs)));
        System.out.println(line);
    }

    private static List<Document> reports(int count, int projects, Random random) {
        List<Document> reports = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            reports.add(new Document("_id", new UUID(random.nextLong(), random.nextLong()).toString())
                .append("projectId", project(n % projects))
                .append("ownerId", "user-" + random.nextInt(50))
                .append("status", List.of("draft", "published", "archived").get(random.nextInt(3)))
                .append("name", "Report " + n)
                .append("createdAt", new Date(1_700_000_000_000L + n * 60_000L))
                .append("payload", PAYLOAD));
        }
        return reports;
    }

    private static String project(int number) {
        return String.format("project-%04d", number);
    }

    private static double median(List<Double> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }

    private static void delete(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Opening the store with a given set of single-field indexes on the reports. */
    private static final class Opening {

        private final List<String> indexedFields;
        private final List<Double> openMillis = new ArrayList<>();
        private final List<Double> createMillis = new ArrayList<>();
        private final List<Double> scanMillis = new ArrayList<>();
        private final List<Double> heapMegabytes = new ArrayList<>();

        Opening(List<String> indexedFields) {
            this.indexedFields = indexedFields;
        }

        String description() {
            return indexedFields.size() + " secondary index(es)";
        }

        void run(Path folder) {
            try (RunningStore store = RunningStore.start(folder)) {
                MongoCollection<Document> reports = store.collection("reports");
                reports.dropIndexes();
                for (String field : indexedFields) {
                    long start = System.nanoTime();
                    reports.createIndex(Indexes.ascending(field), new IndexOptions().name(field));
                    createMillis.add((System.nanoTime() - start) / 1e6);
                }
            }
            long start = System.nanoTime();
            EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedStoreOptions.inDataDirectory(folder));
            openMillis.add((System.nanoTime() - start) / 1e6);
            try (server; MongoClient client = MongoClients.create(server.connectionString())) {
                MongoCollection<Document> reports = client.getDatabase("qalyptus").getCollection("reports");
                if (indexedFields.isEmpty()) {
                    // For comparison: reading every document once, as a rebuild does.
                    long scanStart = System.nanoTime();
                    reports.find(new Document("nothing", 1)).first();
                    scanMillis.add((System.nanoTime() - scanStart) / 1e6);
                }
                Document entries = client.getDatabase("qalyptus").runCommand(new Document("validate", "reports"))
                    .get("keysPerIndex", Document.class);
                for (String field : indexedFields) {
                    if (entries.get(field, Number.class).intValue() != OPENED_DOCUMENTS) {
                        throw new IllegalStateException("index not rebuilt: " + entries);
                    }
                }
                heapMegabytes.add(heapInUseMegabytes());
            }
        }
    }

    private record Result(double queriesPerSecond, double medianMillis, double documentsPerQuery) {
    }

    private static final class Listing {

        private final String name;
        private final MongoCollection<Document> collection;
        private final Function<Integer, Bson> filters;
        private final List<Result> runs = new ArrayList<>();

        Listing(String name, MongoCollection<Document> collection, Function<Integer, Bson> filters) {
            this.name = name;
            this.collection = collection;
            this.filters = filters;
        }

        Result run() {
            List<Double> millis = new ArrayList<>();
            long documents = 0;
            long start = System.nanoTime();
            long end = start + RUN_NANOS;
            long now = start;
            while (now < end) {
                Bson filter = filters.apply(millis.size());
                documents += collection.find(filter).into(new ArrayList<>()).size();
                long finished = System.nanoTime();
                millis.add((finished - now) / 1e6);
                now = finished;
            }
            return new Result(millis.size() / ((now - start) / 1e9), median(millis), (double) documents / millis.size());
        }
    }
}
