package org.qalyptus.store.embedded;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.bson.UuidRepresentation;
import org.bson.conversions.Bson;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;

/** An embedded store on a data folder with a sync driver client, which can be restarted on the same folder. */
final class RunningStore implements AutoCloseable {

    private final EmbeddedStoreOptions options;
    private EmbeddedMongoServer server;
    private MongoClient client;

    private RunningStore(EmbeddedStoreOptions options) {
        this.options = options;
        open();
    }

    static RunningStore start(Path dataDirectory) {
        return new RunningStore(EmbeddedStoreOptions.inDataDirectory(dataDirectory));
    }

    static RunningStore start(EmbeddedStoreOptions options) {
        return new RunningStore(options);
    }

    private void open() {
        server = EmbeddedMongoServer.start(options);
        client = MongoClients.create(MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString(server.connectionString()))
            .uuidRepresentation(UuidRepresentation.STANDARD)
            .build());
    }

    /** Closes the server cleanly and opens the same data folder again. */
    void restart() {
        close();
        open();
    }

    MongoDatabase database() {
        return client.getDatabase("qalyptus");
    }

    MongoCollection<Document> collection(String name) {
        return database().getCollection(name);
    }

    /** The stage {@code explain} names below FETCH: IXSCAN (with the index) or COLLSCAN. */
    static String plan(MongoCollection<Document> collection, Bson filter) {
        Document winningPlan = collection.find(filter).explain().get("queryPlanner", Document.class)
            .get("winningPlan", Document.class);
        Document input = winningPlan.get("inputStage", Document.class);
        return input == null ? winningPlan.getString("stage") : input.getString("stage") + " " + input.getString("indexName");
    }

    /** The number of entries an index holds, as the {@code validate} command reports it. */
    long indexEntries(String collection, String indexName) {
        Document validation = database().runCommand(new Document("validate", collection));
        return validation.get("keysPerIndex", Document.class).get(indexName, Number.class).longValue();
    }

    static List<Document> all(Iterable<Document> documents) {
        List<Document> list = new ArrayList<>();
        documents.forEach(list::add);
        return list;
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
            client = null;
        }
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
