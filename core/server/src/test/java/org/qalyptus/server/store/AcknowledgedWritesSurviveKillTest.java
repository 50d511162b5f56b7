package org.qalyptus.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.qalyptus.server.QalyptusServer;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The embedded store's promise, proven end to end through the application's own persistence layer:
 * a write acknowledged to the application survives SIGKILL of the process.
 */
class AcknowledgedWritesSurviveKillTest {

    private static final int WRITES = 10_000;

    @TempDir
    Path dataDir;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void everyAcknowledgedWriteIsThereAfterKillMinus9() throws Exception {
        Process child = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp", System.getProperty("java.class.path"),
                        PersistenceWriterMain.class.getName(), dataDir.toString(), String.valueOf(WRITES)))
                .redirectErrorStream(true)
                .start();
        int acknowledged = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("ACKED ")) {
                    acknowledged = Integer.parseInt(line.substring(6).trim());
                    if (acknowledged == WRITES) {
                        // SIGKILL at once: no shutdown hook, no flush, no clean close of the store.
                        child.destroyForcibly();
                        break;
                    }
                }
            }
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(acknowledged).as("the child acknowledged every write before it was killed").isEqualTo(WRITES);
        assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);

        try (ConfigurableApplicationContext reopened = new SpringApplicationBuilder(QalyptusServer.class)
                .web(WebApplicationType.NONE)
                .run("--qalyptus.data-dir=" + dataDir, "--qalyptus.plugins.dir=" + dataDir + "/no-plugins",
                        "--logging.level.root=WARN")) {
            assertThat(reopened.getBean(MongoTemplate.class).count(new org.springframework.data.mongodb.core.query.Query(),
                    ProbeRecord.class)).isEqualTo(WRITES);
        }
    }
}
