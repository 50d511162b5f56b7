package org.qalyptus.server.store;

import com.mongodb.ConnectionString;
import org.qalyptus.store.embedded.EmbeddedMongoServer;
import org.qalyptus.store.embedded.EmbeddedStoreOptions;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the store: the MongoDB named by {@code spring.mongodb.uri}, or else an embedded
 * MongoDB-wire-protocol server on a file in the data folder. Both are reached through the same driver
 * and code, so nothing here may rely on what only one of them offers (transactions, change streams).
 */
@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

    static final String DATABASE = "qalyptus";

    @Bean
    DataDirectory dataDirectory(StoreProperties properties) {
        return new DataDirectory(properties.dataDir());
    }

    /** Started while the context is built, so it listens before the first Mongo client connects. */
    @Bean(destroyMethod = "close")
    @Conditional(NoMongoUriConfigured.class)
    EmbeddedMongoServer embeddedMongoServer(DataDirectory dataDirectory, StoreProperties properties) {
        StoreProperties.Embedded embedded = properties.embedded();
        return EmbeddedMongoServer.start(EmbeddedStoreOptions.inDataDirectory(dataDirectory.path())
                .withPort(embedded.port())
                .withDurability(embedded.durability())
                .withFsync(embedded.fsync()));
    }

    /**
     * Points Spring Boot's Mongo client at the embedded server. Declared as a dependent of the server
     * bean so the client is closed before the server stops.
     */
    @Bean
    @Conditional(NoMongoUriConfigured.class)
    MongoConnectionDetails embeddedMongoConnectionDetails(EmbeddedMongoServer server) {
        ConnectionString connectionString = new ConnectionString(server.connectionString() + "/" + DATABASE);
        return () -> connectionString;
    }
}
