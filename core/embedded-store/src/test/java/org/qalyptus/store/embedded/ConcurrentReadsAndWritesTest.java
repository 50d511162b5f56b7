package org.qalyptus.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;

/**
 * Writers commit and free store space while readers scan the whole collection: every scan must see
 * intact documents, since a reader may still need pages from space that commits free.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ConcurrentReadsAndWritesTest {

    private static final int DOCUMENTS = 2_000;
    private static final int WRITERS = 4;
    private static final int UPDATES_PER_WRITER = 500;
    private static final int READERS = 2;

    @TempDir
    Path dataDirectory;

    @Test
    void scansDuringCommitsSeeIntactDocuments() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(WRITERS + READERS);
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedStoreOptions.inDataDirectory(dataDirectory));
             MongoClient client = MongoClients.create(settings(server))) {
            MongoCollection<Document> collection = client.getDatabase("concurrency").getCollection("documents");
            collection.insertMany(IntStream.range(0, DOCUMENTS).mapToObj(id -> document(id, 0)).toList());

            AtomicBoolean writing = new AtomicBoolean(true);
            List<Future<Integer>> readers = new ArrayList<>();
            for (int i = 0; i < READERS; i++) {
                readers.add(threads.submit(() -> scanUntilDone(collection, writing)));
            }
            List<Callable<Void>> writers = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                writers.add(() -> updateRandomDocuments(collection));
            }
            try {
                for (Future<Void> writer : threads.invokeAll(writers)) {
                    writer.get();
                }
            } finally {
                writing.set(false);
            }
            for (Future<Integer> reader : readers) {
                assertThat(reader.get()).as("scans by one reader").isPositive();
            }
            assertThat(collection.countDocuments()).isEqualTo(DOCUMENTS);
        } finally {
            threads.shutdownNow();
        }
    }

    private static MongoClientSettings settings(EmbeddedMongoServer server) {
        return MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString(server.connectionString()))
            .build();
    }

    private static Void updateRandomDocuments(MongoCollection<Document> collection) {
        for (int i = 1; i <= UPDATES_PER_WRITER; i++) {
            int id = ThreadLocalRandom.current().nextInt(DOCUMENTS);
            collection.replaceOne(Filters.eq("_id", id), document(id, i));
        }
        return null;
    }

    private static int scanUntilDone(MongoCollection<Document> collection, AtomicBoolean writing) {
        int scans = 0;
        while (writing.get()) {
            List<Document> documents = collection.find().into(new ArrayList<>());
            assertThat(documents).hasSize(DOCUMENTS).allSatisfy(ConcurrentReadsAndWritesTest::assertIntact);
            scans++;
        }
        return scans;
    }

    /** The payload repeats the id and version, so a document read from reused space does not pass. */
    private static Document document(int id, int version) {
        return new Document("_id", id).append("version", version).append("payload", payload(id, version));
    }

    private static void assertIntact(Document document) {
        assertThat(document.getString("payload"))
            .isEqualTo(payload(document.getInteger("_id"), document.getInteger("version")));
    }

    private static String payload(int id, int version) {
        return (id + "/" + version + ";").repeat(40);
    }
}
