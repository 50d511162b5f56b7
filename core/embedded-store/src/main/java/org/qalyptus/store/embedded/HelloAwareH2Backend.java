package org.qalyptus.store.embedded;

import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/**
 * The H2 backend, answering {@code hello} as MongoDB 4.4 and later do. mongo-java-server 1.47 knows
 * only the older {@code isMaster}, but current drivers and Spring Boot's health check send
 * {@code hello}; the two differ only in the name of the primary flag.
 */
class HelloAwareH2Backend extends H2Backend {

    HelloAwareH2Backend(MVStore store) {
        super(store);
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        if (!"hello".equalsIgnoreCase(command)) {
            return super.handleCommand(channel, databaseName, command, query);
        }
        Document reply = super.handleCommand(channel, databaseName, "isMaster", query);
        reply.put("isWritablePrimary", reply.getOrDefault("ismaster", Boolean.TRUE));
        return reply;
    }
}
