package org.qalyptus.server.graphql;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Counts the reading commands the server sends to the store; added to a test server's sources. */
@Configuration(proxyBeanMethods = false)
public class StoreCommandCounter {

    static final AtomicInteger READS = new AtomicInteger();
    /** The reads per collection since the last {@link #reset()}, to say where a count moved. */
    static final java.util.Map<String, AtomicInteger> BY_COLLECTION = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * How far a warm count may move between two runs of the same query without the query's own reads growing:
     * seen to move by up to 2 in either direction on a loaded machine (also with the larger tree reading less).
     * A link read once per parent adds at least one read per added parent, and the tests add five or more.
     */
    static final int NOISE = 3;

    static void reset() {
        READS.set(0);
        BY_COLLECTION.clear();
    }

    /** The reads per collection of the last count, sorted, for failure messages. */
    static String byCollection() {
        return new java.util.TreeMap<>(BY_COLLECTION).toString();
    }
    private static final Set<String> READING = Set.of("find", "aggregate", "count", "distinct", "getMore");

    @Bean
    MongoClientSettingsBuilderCustomizer countingReads() {
        return settings -> settings.addCommandListener(new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                if (READING.contains(event.getCommandName())) {
                    READS.incrementAndGet();
                    org.bson.BsonValue collection = event.getCommand().get(event.getCommandName());
                    String name = collection != null && collection.isString() ? collection.asString().getValue() : "?";
                    BY_COLLECTION.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
                }
            }
        });
    }
}
