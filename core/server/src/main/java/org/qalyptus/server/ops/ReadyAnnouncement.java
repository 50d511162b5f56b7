package org.qalyptus.server.ops;

import java.time.Duration;
import org.qalyptus.server.store.DataDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Says once, when the server is ready, where it can be reached and where its data is. */
@Component
class ReadyAnnouncement {

    private static final Logger log = LoggerFactory.getLogger(ReadyAnnouncement.class);

    private final DataDirectory dataDirectory;
    private final Environment environment;

    ReadyAnnouncement(DataDirectory dataDirectory, Environment environment) {
        this.dataDirectory = dataDirectory;
        this.environment = environment;
    }

    @EventListener
    void ready(ApplicationReadyEvent event) {
        if (!(event.getApplicationContext() instanceof WebServerApplicationContext web) || web.getWebServer() == null) {
            return;
        }
        String store = environment.containsProperty("spring.mongodb.uri") ? "external MongoDB" : "embedded store";
        Duration took = event.getTimeTaken();
        log.info("Qalyptus is ready at http://localhost:{}/ in {} ms (data folder {}, {}); API at /api/v1, "
                        + "OpenAPI at /api/v1/openapi.json, health at /actuator/health",
                web.getWebServer().getPort(), took.toMillis(), dataDirectory.path(), store);
    }
}
