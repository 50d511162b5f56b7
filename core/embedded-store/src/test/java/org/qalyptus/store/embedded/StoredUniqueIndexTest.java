package org.qalyptus.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import org.bson.Document;
import org.bson.UuidRepresentation;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

class StoredUniqueIndexTest {

    private static final List<Object> IDS = List.of("a-string", 42, 7_000_000_000L, 2.5, new ObjectId(),
        UUID.fromString("6f1c1b7e-9b0a-4d4e-9d38-0c2b8f3f1a11"), new Document("tenant", "t1").append("n", 3));

    @TempDir
    Path dataDirectory;

    @Test
    void keysOfEveryTypeAreFoundAndStayUniqueAcrossRestarts() {
        try (RunningStore store = RunningStore.start(dataDirectory)) {
            MongoCollection<Document> people = store.collection("people");
            people.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
            for (int i = 0; i < IDS.size(); i++) {
                people.insertOne(new Document("_id", IDS.get(i)).append("email", "p" + i + "@example.com")
                    .append("born", new Date(1_000_000L * i)));
            }
            assertEveryIdAndEmailFound(people);
            store.restart();
            assertEveryIdAndEmailFound(store.collection("people"));
            assertDuplicatesRefused(store.collection("people"));
        }
    }

    @Test
    void numbersEqualInMongoDbAreOneKey() {
        try (RunningStore store = RunningStore.start(dataDirectory)) {
            MongoCollection<Document> counters = store.collection("counters");
            counters.insertOne(new Document("_id", 1));
            assertThatThrownBy(() -> counters.insertOne(new Document("_id", 1.0)))
                .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
            assertThatThrownBy(() -> counters.insertOne(new Document("_id", 1L)))
                .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
            assertThat(counters.find(Filters.eq("_id", 1.0)).first()).isNotNull();
        }
    }

    @Test
    void aStoreWrittenWithTheLibrarysUniqueIndexesIsMigratedWhenItOpens() throws Exception {
        Path dataFile = EmbeddedStoreOptions.inDataDirectory(dataDirectory).dataFile();
        Files.createDirectories(dataFile.getParent());
        writeWithTheLibrary(dataFile);

        try (RunningStore store = RunningStore.start(dataDirectory)) {
            MongoCollection<Document> people = store.collection("people");
            assertEveryIdAndEmailFound(people);
            assertDuplicatesRefused(people);
            people.insertOne(new Document("_id", "new").append("email", "new@example.com"));
            assertThat(people.find(Filters.eq("email", "new@example.com")).first()).isNotNull();
        }
        try (MVStore store = new MVStore.Builder().fileName(dataFile.toString()).readOnly().open()) {
            assertThat(store.getMapNames()).noneMatch(name -> name.contains("._index_"))
                .contains("qalyptus.people._unique__id_", "qalyptus.people._unique_email_1");
        }
    }

    @Test
    void aMapNotMarkedCompleteIsFilledAgainFromTheDocuments() {
        try (RunningStore store = RunningStore.start(dataDirectory)) {
            MongoCollection<Document> people = store.collection("people");
            people.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
            people.insertOne(new Document("_id", "kept").append("email", "kept@example.com"));
        }
        Path dataFile = EmbeddedStoreOptions.inDataDirectory(dataDirectory).dataFile();
        try (MVStore store = new MVStore.Builder().fileName(dataFile.toString()).open()) {
            // As if the process died while filling the map: no mark, and an entry no document backs.
            store.openMap("qalyptus.completeUniqueIndexes").remove("qalyptus.people._unique_email_1");
            store.openMap("qalyptus.people._unique_email_1", new MVMap.Builder<KeyValue, Object>()
                .keyType(KeyValueDataType.INSTANCE)).put(new KeyValue("ghost@example.com"), "ghost");
            store.commit();
        }
        try (RunningStore store = RunningStore.start(dataDirectory)) {
            MongoCollection<Document> people = store.collection("people");
            people.insertOne(new Document("_id", "ghost").append("email", "ghost@example.com"));
            assertThat(people.countDocuments()).isEqualTo(2);
            assertThatThrownBy(() -> people.insertOne(new Document("_id", "again").append("email", "kept@example.com")))
                .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
        }
    }

    private static void writeWithTheLibrary(Path dataFile) {
        MVStore store = new MVStore.Builder().fileName(dataFile.toString()).open();
        MongoServer server = new MongoServer(new H2Backend(store));
        InetSocketAddress address = server.bind();
        try (MongoClient client = MongoClients.create(MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + address.getPort()))
            .uuidRepresentation(UuidRepresentation.STANDARD).build())) {
            MongoCollection<Document> people = client.getDatabase("qalyptus").getCollection("people");
            people.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
            for (int i = 0; i < IDS.size(); i++) {
                people.insertOne(new Document("_id", IDS.get(i)).append("email", "p" + i + "@example.com"));
            }
        } finally {
            server.shutdownNow();
        }
        assertThat(store.isClosed()).isTrue();
    }

    private static void assertEveryIdAndEmailFound(MongoCollection<Document> people) {
        for (int i = 0; i < IDS.size(); i++) {
            Document byId = people.find(Filters.eq("_id", IDS.get(i))).first();
            assertThat(byId).as("by _id %s", IDS.get(i)).isNotNull();
            assertThat(byId.getString("email")).isEqualTo("p" + i + "@example.com");
            assertThat(people.find(Filters.eq("email", "p" + i + "@example.com")).first()).isNotNull();
        }
        assertThat(people.find(Filters.in("_id", IDS)).into(new ArrayList<>())).hasSize(IDS.size());
    }

    private static void assertDuplicatesRefused(MongoCollection<Document> people) {
        for (Object id : IDS) {
            assertThatThrownBy(() -> people.insertOne(new Document("_id", id).append("email", UUID.randomUUID() + "@x")))
                .as("a second document with _id %s", id)
                .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
        }
        assertThatThrownBy(() -> people.insertOne(new Document("_id", "other").append("email", "p0@example.com")))
            .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
    }
}
