package org.qalyptus.server.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qalyptus.server.support.InitialCredentialsFile;
import org.qalyptus.server.support.RunningServer;

/**
 * The web console end to end, in headless Chromium (the system's, driven by playwright-core from the console's
 * dependencies) against a server started on a fresh data folder: web-console/e2e/console-e2e.mjs signs in as the
 * bootstrap owner and walks the main screens (see its "step:" lines), with every request outside localhost blocked
 * and no console error allowed. Screenshots land in web-console/target/screenshots.
 */
class ConsoleEndToEndTest {

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    private static final Path WEB_CONSOLE = Path.of("../../web-console").toAbsolutePath().normalize();

    @TempDir
    static Path dataDir;

    private static RunningServer server;

    @BeforeAll
    static void start() {
        if (Files.isExecutable(CHROMIUM) && Files.isDirectory(WEB_CONSOLE.resolve("node_modules/playwright-core"))) {
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
        assumeTrue(Files.isExecutable(CHROMIUM), "no Chromium at " + CHROMIUM + ": the console end-to-end suite cannot run here "
                + "(.ci/run installs it; or set CHROMIUM)");
        assumeTrue(Files.isDirectory(WEB_CONSOLE.resolve("node_modules/playwright-core")),
                "playwright-core is not installed in web-console (the web-console build runs npm ci)");
        InitialCredentialsFile owner = server.credentials();
        Path screenshots = WEB_CONSOLE.resolve("target/screenshots");
        Process node = new ProcessBuilder("node", "e2e/console-e2e.mjs", server.http().base(), owner.email(), owner.password(),
                screenshots.toString()).directory(WEB_CONSOLE.toFile()).redirectErrorStream(true).start();
        boolean ended = node.waitFor(6, TimeUnit.MINUTES);
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!ended) {
            node.destroyForcibly();
        }
        System.out.println(output);
        assertThat(ended).as(output).isTrue();
        assertThat(node.exitValue()).as(output).isZero();
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
        assertThat(Files.size(screenshots.resolve("02-projects.png"))).isGreaterThan(10_000);
        assertThat(Files.size(screenshots.resolve("08-status.png"))).isGreaterThan(10_000);
    }
}
