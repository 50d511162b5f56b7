package org.qalyptus.server.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A node script of web-console ({@code e2e/*.mjs}, {@code scripts/*.mjs}) driving the system's Chromium (or
 * {@code $CHROMIUM}) through playwright-core, run the way the browser tests run them. Where Chromium or playwright-core
 * is missing the tests are skipped with the reason ({@code .ci/run} installs Chromium; the web-console build runs npm).
 */
public final class BrowserScript {

    public static final Path WEB_CONSOLE = Path.of("../../web-console").toAbsolutePath().normalize();
    public static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

    private BrowserScript() {
    }

    /** True when browser scripts can run here (so a test class may start what they need). */
    public static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isDirectory(WEB_CONSOLE.resolve("node_modules/playwright-core"));
    }

    /** Skips the calling test, saying why, when browser scripts cannot run here. */
    public static void assumeAvailable(String suite) {
        assumeTrue(Files.isExecutable(CHROMIUM), "no Chromium at " + CHROMIUM + ": " + suite + " cannot run here "
                + "(.ci/run installs it; or set CHROMIUM)");
        assumeTrue(Files.isDirectory(WEB_CONSOLE.resolve("node_modules/playwright-core")),
                "playwright-core is not installed in web-console (the web-console build runs npm ci)");
    }

    /** Where the scripts save their screenshots. */
    public static Path screenshots() {
        return WEB_CONSOLE.resolve("target/screenshots");
    }

    /**
     * Runs {@code node script arguments...} in web-console and prints its output.
     *
     * @return the output, once the script ended within {@code limit} with exit code 0 (otherwise the test fails, showing
     *     the output)
     */
    public static String run(Duration limit, String script, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(arguments));
        Process node = new ProcessBuilder(command).directory(WEB_CONSOLE.toFile()).redirectErrorStream(true).start();
        boolean ended = node.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        if (!ended) {
            node.destroyForcibly();
        }
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        System.out.println(output);
        assertThat(ended).as(output).isTrue();
        assertThat(node.exitValue()).as(output).isZero();
        return output;
    }
}
