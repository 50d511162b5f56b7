package org.qalyptus.store.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

import org.bson.Document;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;

/**
 * The child JVM of {@link StoreWriterProcess}: starts the embedded store on a data folder, prints
 * {@code READY}, runs its workload one acknowledged write at a time, printing {@code ACKED n} as it goes
 * and once at the end, then waits to be killed.
 * <p>
 * Arguments: data folder, {@link Durability}, {@link Workload}, number of writes.
 */
public final class StoreWriterMain {

    static final String DATABASE = "killtest";
    static final String DOCUMENTS = "documents";
    static final String COUNTERS = "counters";
    static final String COUNTER_ID = "counter";

    enum Workload {
        /** Inserts documents with _id 1..n, reporting every 1,000. */
        INSERT(1_000),
        /** Increments one counter document n times with findAndModify, reporting every 500. */
        INCREMENT(500),
        /** Writes nothing: only holds the data folder. */
        HOLD(1);

        private final int reportEvery;

        Workload(int reportEvery) {
            this.reportEvery = reportEvery;
        }
    }

    private StoreWriterMain() {
    }

    public static void main(String[] args) throws IOException {
        EmbeddedStoreOptions options = EmbeddedStoreOptions.inDataDirectory(Path.of(args[0]))
            .withDurability(Durability.valueOf(args[1]));
        Workload workload = Workload.valueOf(args[2]);
        int writes = Integer.parseInt(args[3]);

        EmbeddedMongoServer server = EmbeddedMongoServer.start(options);
        System.out.println("READY");
        try (MongoClient client = MongoClients.create(server.connectionString())) {
            MongoDatabase database = client.getDatabase(DATABASE);
            long lastAcknowledged = switch (workload) {
                case INSERT -> insert(database.getCollection(DOCUMENTS), writes, workload.reportEvery);
                case INCREMENT -> increment(database.getCollection(COUNTERS), writes, workload.reportEvery);
                case HOLD -> 0;
            };
            System.out.println("ACKED " + lastAcknowledged);
            awaitEndOfInput(System.in);
        }
        server.close();
    }

    private static long insert(MongoCollection<Document> documents, int count, int reportEvery) {
        for (int id = 1; id <= count; id++) {
            documents.insertOne(new Document("_id", id).append("payload", "document " + id));
            reportProgress(id, count, reportEvery);
        }
        return count;
    }

    private static long increment(MongoCollection<Document> counters, int count, int reportEvery) {
        FindOneAndUpdateOptions upsertReturningNewValue =
            new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER);
        long value = 0;
        for (int i = 1; i <= count; i++) {
            Document counter = counters.findOneAndUpdate(
                new Document("_id", COUNTER_ID), Updates.inc("value", 1L), upsertReturningNewValue);
            value = counter.getLong("value");
            reportProgress(i, count, reportEvery);
        }
        return value;
    }

    private static void reportProgress(int done, int total, int reportEvery) {
        if (done % reportEvery == 0 && done != total) {
            System.out.println("ACKED " + done);
        }
    }

    /** The parent normally kills this process first; the end of its input means the parent died. */
    private static void awaitEndOfInput(InputStream input) throws IOException {
        while (input.read() != -1) {
            // discard
        }
    }
}
