package org.qalyptus.server.graphql;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Records the reading commands the server sends to the store, each as "thread command collection"; added to a
 * test server's sources.
 */
@Configuration(proxyBeanMethods = false)
public class StoreCommandCounter {

    static final List<String> READS = new CopyOnWriteArrayList<>();
    private static final Set<String> READING = Set.of("find", "aggregate", "count", "distinct", "getMore");

    @Bean
    MongoClientSettingsBuilderCustomizer countingReads() {
        return settings -> settings.addCommandListener(new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                if (READING.contains(event.getCommandName())) {
                    Object collection = event.getCommand().get(event.getCommandName());
                    READS.add(Thread.currentThread().getName() + " " + event.getCommandName() + " " + collection);
                }
            }
        });
    }
}
