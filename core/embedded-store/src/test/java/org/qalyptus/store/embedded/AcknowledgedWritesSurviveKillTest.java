package org.qalyptus.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;

/**
 * Kills a child JVM with SIGKILL right after its last write was acknowledged, then reopens its data folder.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AcknowledgedWritesSurviveKillTest {

    @TempDir
    Path dataDirectory;

    @TempDir
    Path logs;

    @Test
    void everyAcknowledgedInsertIsThereAfterKill() throws Exception {
        int inserts = 10_000;
        writeThenKill(StoreWriterMain.Workload.INSERT, inserts);

        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedStoreOptions.inDataDirectory(dataDirectory));
             MongoClient client = MongoClients.create(server.connectionString())) {
            assertThat(database(client).getCollection(StoreWriterMain.DOCUMENTS).countDocuments())
                .isEqualTo(inserts);
        }
    }

    @Test
    void insertsAcknowledgedBeforeAKillDuringWritesAreThereWithoutGaps() throws Exception {
        int acknowledgedWhenKilled = 5_000;
        try (StoreWriterProcess writer = StoreWriterProcess.start(
            dataDirectory, Durability.SYNC_ON_ACK, StoreWriterMain.Workload.INSERT, 10_000, logs.resolve("writer.log"))) {
            writer.awaitLine("ACKED " + acknowledgedWhenKilled);
            writer.kill();
        }

        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedStoreOptions.inDataDirectory(dataDirectory));
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> documents = database(client).getCollection(StoreWriterMain.DOCUMENTS);
            long count = documents.countDocuments();
            Document highestId = documents.find().sort(Sorts.descending("_id")).first();
            assertThat(count).isGreaterThanOrEqualTo(acknowledgedWhenKilled);
            assertThat(highestId).isNotNull();
            assertThat(highestId.getInteger("_id")).as("highest _id, inserted in order from 1").isEqualTo(count);
        }
    }

    @Test
    void counterHasItsLastAcknowledgedValueAfterKill() throws Exception {
        int increments = 2_000;
        writeThenKill(StoreWriterMain.Workload.INCREMENT, increments);

        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedStoreOptions.inDataDirectory(dataDirectory));
             MongoClient client = MongoClients.create(server.connectionString())) {
            Document counter = database(client).getCollection(StoreWriterMain.COUNTERS)
                .find(new Document("_id", StoreWriterMain.COUNTER_ID)).first();
            assertThat(counter).isNotNull();
            assertThat(counter.getLong("value")).isEqualTo(increments);
        }
    }

    private void writeThenKill(StoreWriterMain.Workload workload, int writes) throws Exception {
        try (StoreWriterProcess writer = StoreWriterProcess.start(
            dataDirectory, Durability.SYNC_ON_ACK, workload, writes, logs.resolve("writer.log"))) {
            writer.awaitLine("ACKED " + writes);
            writer.kill();
        }
    }

    private static MongoDatabase database(MongoClient client) {
        return client.getDatabase(StoreWriterMain.DATABASE);
    }
}
