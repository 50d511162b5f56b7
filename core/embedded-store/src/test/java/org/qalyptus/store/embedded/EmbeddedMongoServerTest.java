package org.qalyptus.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;

class EmbeddedMongoServerTest {

    @TempDir
    Path dataDirectory;

    @Test
    void listensOnLoopbackOnAFreePort() {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedStoreOptions.inDataDirectory(dataDirectory))) {
            assertThat(server.address().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
            assertThat(server.address().getPort()).isPositive();
            assertThat(server.connectionString()).isEqualTo("mongodb://127.0.0.1:" + server.address().getPort());
        }
    }

    @Test
    void listensOnTheGivenPort() throws IOException {
        int port = freePort();
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(
            EmbeddedStoreOptions.inDataDirectory(dataDirectory).withPort(port))) {
            assertThat(server.address().getPort()).isEqualTo(port);
        }
    }

    @Test
    void keepsItsFileInTheStoreFolderOfTheDataFolder() {
        Path dataFolderToCreate = dataDirectory.resolve("not-yet-there");
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedStoreOptions.inDataDirectory(dataFolderToCreate))) {
            assertThat(server.dataFile()).isEqualTo(dataFolderToCreate.resolve("store").resolve("qalyptus.mv.db").toAbsolutePath());
            assertThat(server.dataFile()).isRegularFile();
        }
    }

    @ParameterizedTest
    @EnumSource(Durability.class)
    void answersTheHelloHandshakeOfCurrentDrivers(Durability durability) {
        EmbeddedStoreOptions options = EmbeddedStoreOptions.inDataDirectory(dataDirectory).withDurability(durability);
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(options);
             MongoClient client = MongoClients.create(server.connectionString())) {
            Document hello = client.getDatabase("qalyptus").runCommand(new Document("hello", 1));

            assertThat(hello.get("ok", Number.class).intValue()).isEqualTo(1);
            assertThat(hello.getBoolean("isWritablePrimary")).isTrue();
            assertThat(hello.get("maxWireVersion", Number.class).intValue()).isPositive();
        }
    }

    @ParameterizedTest
    @EnumSource(Durability.class)
    void dataWrittenBeforeCloseIsThereAfterReopening(Durability durability) {
        EmbeddedStoreOptions options = EmbeddedStoreOptions.inDataDirectory(dataDirectory).withDurability(durability);
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(options);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> reports = reports(client);
            reports.insertMany(List.of(report(1, "sales"), report(2, "stock"), report(3, "obsolete")));
            reports.updateOne(Filters.eq("_id", 2), Updates.set("name", "stock levels"));
            reports.deleteOne(Filters.eq("_id", 3));
        }

        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(options);
             MongoClient client = MongoClients.create(server.connectionString())) {
            assertThat(reports(client).find().sort(new Document("_id", 1)).into(new ArrayList<>()))
                .containsExactly(report(1, "sales"), report(2, "stock levels"));
        }
    }

    @Test
    void uniqueIndexSurvivesReopeningAndRejectsDuplicates() {
        EmbeddedStoreOptions options = EmbeddedStoreOptions.inDataDirectory(dataDirectory);
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(options);
             MongoClient client = MongoClients.create(server.connectionString())) {
            reports(client).createIndex(Indexes.ascending("name"), new IndexOptions().unique(true));
            reports(client).insertOne(report(1, "sales"));
        }

        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(options);
             MongoClient client = MongoClients.create(server.connectionString())) {
            assertThatThrownBy(() -> reports(client).insertOne(report(2, "sales")))
                .isInstanceOfSatisfying(MongoWriteException.class,
                    e -> assertThat(e.getError().getCategory()).isEqualTo(ErrorCategory.DUPLICATE_KEY));
            assertThat(reports(client).countDocuments()).isEqualTo(1);
        }
    }

    @Test
    void fileStaysSmallWhenEveryWriteIsCommittedOnItsOwn() throws IOException {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedStoreOptions.inDataDirectory(dataDirectory));
             MongoClient client = MongoClients.create(server.connectionString())) {
            for (int id = 1; id <= 5_000; id++) {
                reports(client).insertOne(report(id, "report " + id));
            }
            // With H2's default 45 s before reusing space, this grew the file past 150 MB.
            assertThat(Files.size(server.dataFile())).isLessThan(30L * 1024 * 1024);
        }
    }

    @Test
    void worksWithFsync() {
        EmbeddedStoreOptions options = EmbeddedStoreOptions.inDataDirectory(dataDirectory).withFsync(true);
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(options);
             MongoClient client = MongoClients.create(server.connectionString())) {
            reports(client).insertOne(report(1, "sales"));
        }

        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(options);
             MongoClient client = MongoClients.create(server.connectionString())) {
            assertThat(reports(client).find().first()).isEqualTo(report(1, "sales"));
        }
    }

    @Test
    void closingTwiceIsHarmlessAndReleasesTheDataFolder() {
        EmbeddedStoreOptions options = EmbeddedStoreOptions.inDataDirectory(dataDirectory);
        EmbeddedMongoServer server = EmbeddedMongoServer.start(options);
        server.close();
        server.close();

        try (EmbeddedMongoServer reopened = EmbeddedMongoServer.start(options)) {
            assertThat(reopened.dataFile()).isEqualTo(server.dataFile());
        }
    }

    @Test
    void refusesFsyncWithoutSyncOnAck() {
        EmbeddedStoreOptions background = EmbeddedStoreOptions.inDataDirectory(dataDirectory)
            .withDurability(Durability.BACKGROUND);

        assertThatThrownBy(() -> background.withFsync(true))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("fsync requires durability SYNC_ON_ACK");
    }

    private static MongoCollection<Document> reports(MongoClient client) {
        return client.getDatabase("qalyptus").getCollection("reports");
    }

    private static Document report(int id, String name) {
        return new Document("_id", id).append("name", name);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
