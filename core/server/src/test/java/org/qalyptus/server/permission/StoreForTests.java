package org.qalyptus.server.permission;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.nio.file.Path;
import org.qalyptus.store.embedded.EmbeddedMongoServer;
import org.qalyptus.store.embedded.EmbeddedStoreOptions;
import org.springframework.data.mongodb.core.MongoTemplate;

/** A real store (the embedded MongoDB-wire server) in a folder, for tests of services without the web server. */
final class StoreForTests implements AutoCloseable {

    private final EmbeddedMongoServer server;
    private final MongoClient client;
    private final MongoTemplate mongo;

    StoreForTests(Path folder) {
        server = EmbeddedMongoServer.start(EmbeddedStoreOptions.inDataDirectory(folder).withPort(0));
        client = MongoClients.create(server.connectionString());
        mongo = new MongoTemplate(client, "qalyptus");
    }

    MongoTemplate mongo() {
        return mongo;
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}
