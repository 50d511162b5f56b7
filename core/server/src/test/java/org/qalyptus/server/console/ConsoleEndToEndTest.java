package org.qalyptus.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qalyptus.server.support.BrowserScript;
import org.qalyptus.server.support.InitialCredentialsFile;
import org.qalyptus.server.support.RunningServer;

/**
 * The web console end to end, in headless Chromium (the system's, driven by playwright-core from the console's
 * dependencies) against a server started on a fresh data folder: web-console/e2e/console-e2e.mjs signs in as the
 * bootstrap owner and walks the main screens (see its "step:" lines), with every request outside localhost blocked
 * and no console error allowed. Screenshots land in web-console/target/screenshots.
 */
class ConsoleEndToEndTest {


    @TempDir
    static Path dataDir;

    private static RunningServer server;

    @BeforeAll
    static void start() {
        if (BrowserScript.available()) {
            server = RunningServer.start(dataDir, RunningServer.SOURCE_TREE_PLUGINS);
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theOwnerWalksTheConsoleFromLoginToADownloadedRunWithoutLeavingLocalhost() throws Exception {
        BrowserScript.assumeAvailable("the console end-to-end suite");
        InitialCredentialsFile owner = server.credentials();
        String output = BrowserScript.run(Duration.ofMinutes(6), "e2e/console-e2e.mjs", server.http().base(), owner.email(),
                owner.password(), BrowserScript.screenshots().toString());
        assertThat(output).contains("console e2e ok")
                .contains("step: signed in as the bootstrap owner")
                .contains("step: created the HTML report")
                .contains("step: downloaded")
                .contains("step: added the field \"region\" with the value Europe picked from the app's searchable list of values")
                .contains("step: created the condition")
                .contains("step: set the task email")
                .contains("step: enabled test mode with a test address")
                .contains("step: picked the iteration option")
                .contains("step: opened the run's log")
                .contains("step: in customizable mode, gave a member \"View report\" on the report itself")
                .contains("step: no request left localhost, no console error, no server error");
        assertThat(Files.size(BrowserScript.screenshots().resolve("02-projects.png"))).isGreaterThan(10_000);
        assertThat(Files.size(BrowserScript.screenshots().resolve("08-status.png"))).isGreaterThan(10_000);
    }
}
