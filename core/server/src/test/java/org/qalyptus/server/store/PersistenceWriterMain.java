package org.qalyptus.server.store;

import org.qalyptus.server.QalyptusServer;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Run in a child JVM by {@link AcknowledgedWritesSurviveKillTest}: starts the application on a data
 * folder, writes documents one at a time through its MongoTemplate, reports each thousand acknowledged
 * writes on standard output, then waits to be killed.
 */
public final class PersistenceWriterMain {

    public static void main(String[] args) throws InterruptedException {
        String dataDir = args[0];
        int count = Integer.parseInt(args[1]);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(QalyptusServer.class)
                .web(WebApplicationType.NONE)
                .run("--qalyptus.data-dir=" + dataDir, "--qalyptus.plugins.dir=" + dataDir + "/no-plugins",
                        "--logging.level.root=WARN");
        MongoTemplate mongo = context.getBean(MongoTemplate.class);
        for (int i = 1; i <= count; i++) {
            mongo.insert(new ProbeRecord("probe-" + i, i));
            if (i % 1000 == 0) {
                System.out.println("ACKED " + i);
                System.out.flush();
            }
        }
        Thread.sleep(Long.MAX_VALUE);
    }
}
