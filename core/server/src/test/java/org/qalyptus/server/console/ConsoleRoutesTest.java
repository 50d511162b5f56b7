package org.qalyptus.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.SharedServer;

/**
 * The console's routes survive a reload: the server answers each console section, and every path below it, with
 * the console's page, while the paths it owns keep their own answers (REST and actuator 404s stay JSON, a missing
 * asset stays a 404, GraphiQL and the OpenAPI description are untouched).
 */
class ConsoleRoutesTest {

    private static final Path ROUTES = Path.of("../../web-console/src/console/routes.ts");
    private static final String CONSOLE_PAGE = "<div id=\"root\"></div>";

    private final Http http = SharedServer.get().http();

    @Test
    void everyConsoleSectionAndPathBelowItAnswersTheConsolePage() throws IOException {
        for (String section : consoleSections()) {
            // the login page is one page; every other section has pages below it
            List<String> paths = section.equals("login") ? List.of("/login", "/login?organization=x&error=invalid_state")
                    : List.of("/" + section, "/" + section + "/3f1c2a7e-0000-4000-8000-000000000000/tasks");
            for (String path : paths) {
                Http.Answer page = http.send(http.request(path, null).header("Accept", "text/html").GET());
                assertThat(page.status()).as(path).isEqualTo(200);
                assertThat(page.body()).as(path).contains(CONSOLE_PAGE);
            }
        }
        assertThat(http.get("/", null).body()).contains(CONSOLE_PAGE);
    }

    @Test
    void theServersOwnPathsAreNotShadowed() {
        Http.Answer api = http.send(http.request("/api/v1/no-such-route", null).header("Accept", "text/html,application/json").GET());
        assertThat(api.status()).isIn(401, 404);
        assertThat(api.body()).doesNotContain(CONSOLE_PAGE);

        Http.Answer asset = http.get("/assets/no-such-file.js", null);
        assertThat(asset.status()).isEqualTo(404);
        assertThat(asset.body()).doesNotContain(CONSOLE_PAGE);

        Http.Answer health = http.get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\"").doesNotContain(CONSOLE_PAGE);

        assertThat(http.get("/graphiql", null).body()).contains("graphiql-root").doesNotContain(CONSOLE_PAGE);
        assertThat(http.get("/api/v1/openapi.json", null).body()).contains("\"openapi\"").doesNotContain(CONSOLE_PAGE);

        Http.Answer graphql = http.postJson("/graphql", null, "{\"query\":\"{ viewer { email } }\"}");
        assertThat(graphql.body()).doesNotContain(CONSOLE_PAGE);
    }

    @Test
    void aNameThatOnlyStartsLikeASectionIsNotAConsoleRoute() {
        Http.Answer page = http.send(http.request("/projectsx", null).header("Accept", "text/html").GET());
        // not found: 404, or 406 when only HTML is accepted (the server's errors are JSON)
        assertThat(page.status()).isIn(404, 406);
        assertThat(page.body()).doesNotContain(CONSOLE_PAGE);
    }

    /** The SECTIONS of the console's routes.ts: the server must answer each of them. */
    private static List<String> consoleSections() throws IOException {
        String source = Files.readString(ROUTES);
        Matcher matcher = Pattern.compile("SECTIONS = \\[([^\\]]+)\\]").matcher(source);
        assertThat(matcher.find()).as("SECTIONS in " + ROUTES).isTrue();
        List<String> sections = Arrays.stream(matcher.group(1).split(","))
                .map(part -> part.trim().replace("'", "")).filter(part -> !part.isEmpty()).toList();
        assertThat(sections).contains("login", "projects", "status");
        return sections;
    }
}
