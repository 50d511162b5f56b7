package org.qalyptus.server.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.qalyptus.server.support.BrowserScript;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.SharedServer;

/**
 * GraphiQL at /graphiql works offline: headless Chromium (the system's, driven by playwright-core from the
 * web console's dependencies) loads it with every request outside localhost blocked, sets the token, runs
 * a query and shows the result. The screenshot is kept at target/graphiql.png.
 */
class GraphiqlBrowserTest {


    @Test
    void thePageIsServedWithItsOwnAssets() {
        Http.Answer page = SharedServer.get().http().get("/graphiql", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("graphiql-root").doesNotContain("unpkg").doesNotContain("esm.sh")
                .doesNotContain("cdn");
    }

    @Test
    void headlessChromiumRunsAQueryWithATokenWhileTheNetworkIsBlocked() throws Exception {
        BrowserScript.assumeAvailable("the browser check");
        Path screenshot = Path.of("target/graphiql.png").toAbsolutePath();
        Files.deleteIfExists(screenshot);
        String output = BrowserScript.run(Duration.ofMinutes(3), "scripts/graphiql-check.mjs", SharedServer.get().http().base(),
                SharedServer.ownerKey(), "owner@qalyptus.local", screenshot.toString());
        assertThat(output).contains("graphiql ok");
        assertThat(Files.size(screenshot)).isGreaterThan(10_000);
    }
}
