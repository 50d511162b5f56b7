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
    private static final Set<String> READING = Set.of("find", "aggregate", "count", "distinct", "getMore");

    @Bean
    MongoClientSettingsBuilderCustomizer countingReads() {
        return settings -> settings.addCommandListener(new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                if (READING.contains(event.getCommandName())) {
                    READS.incrementAndGet();
                }
            }
        });
    }
}
