package org.qalyptus.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Qalyptus server: REST and GraphQL APIs, scheduler, workers, plugins and the web console. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class QalyptusServer {

    public static void main(String[] args) {
        SpringApplication.run(QalyptusServer.class, args);
    }
}
