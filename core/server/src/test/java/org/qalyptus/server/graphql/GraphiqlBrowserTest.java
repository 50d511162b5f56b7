package org.qalyptus.server.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.SharedServer;

/**
 * GraphiQL at /graphiql works offline: headless Chromium (the system's, driven by playwright-core from the
 * web console's dependencies) loads it with every request outside localhost blocked, sets the token, runs
 * a query and shows the result. The screenshot is kept at target/graphiql.png.
 */
class GraphiqlBrowserTest {

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    private static final Path WEB_CONSOLE = Path.of("../../web-console").toAbsolutePath().normalize();

    @Test
    void thePageIsServedWithItsOwnAssets() {
        Http.Answer page = SharedServer.get().http().get("/graphiql", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("graphiql-root").doesNotContain("unpkg").doesNotContain("esm.sh")
                .doesNotContain("cdn");
    }

    @Test
    void headlessChromiumRunsAQueryWithATokenWhileTheNetworkIsBlocked() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "no Chromium at " + CHROMIUM + ": the browser check cannot run here");
        assumeTrue(Files.isDirectory(WEB_CONSOLE.resolve("node_modules/playwright-core")), "playwright-core not installed");
        Path screenshot = Path.of("target/graphiql.png").toAbsolutePath();
        Files.deleteIfExists(screenshot);
        Process node = new ProcessBuilder("node", "scripts/graphiql-check.mjs", SharedServer.get().http().base(),
                SharedServer.ownerKey(), "owner@qalyptus.local", screenshot.toString())
                .directory(WEB_CONSOLE.toFile()).redirectErrorStream(true).start();
        boolean ended = node.waitFor(3, TimeUnit.MINUTES);
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!ended) {
            node.destroyForcibly();
        }
        assertThat(ended).as(output).isTrue();
        assertThat(node.exitValue()).as(output).isZero();
        assertThat(output).contains("graphiql ok");
        assertThat(Files.size(screenshot)).isGreaterThan(10_000);
    }
}
