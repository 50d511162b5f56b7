package org.qalyptus.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.InitialCredentialsFile;
import org.qalyptus.server.support.RunningServer;
import tools.jackson.databind.JsonNode;

/**
 * The console signs in with the login route, not an API key: the tenant owner's session (not limited to one
 * organization) must list the projects and their nested assets like the owner's key does. A server of its own:
 * the tenant owner sees every project of the shared server, including the partial documents other tests store
 * straight into the collections.
 */
class OwnerSessionTest {

    @TempDir
    static Path dataDir;
    static RunningServer server;
    static Http http;

    @BeforeAll
    static void start() {
        server = RunningServer.start(dataDir, RunningServer.SOURCE_TREE_PLUGINS);
        http = server.http();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private String ownerSession() {
        InitialCredentialsFile owner = server.credentials();
        Http.Answer login = http.postJson("/api/v1/login", null,
                Http.json(java.util.Map.of("email", owner.email(), "password", owner.password())));
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        return login.data().get("token").asString();
    }

    @Test
    void theTenantOwnersSessionListsProjectsOverRest() {
        Http.Answer projects = http.get("/api/v1/projects", ownerSession());
        assertThat(projects.status()).as(projects.body()).isEqualTo(200);
        assertThat(projects.body()).contains("\"Demo\"");
    }

    @Test
    void theTenantOwnersSessionListsProjectsWithTheirTasksOverGraphql() {
        Http.Answer answer = http.postJson("/graphql", ownerSession(),
                "{\"query\":\"{ projects(first: 100) { nodes { name tasks { totalCount } reports { totalCount } } } }\"}");
        assertThat(answer.status()).isEqualTo(200);
        JsonNode json = answer.json();
        assertThat(json.has("errors")).as(answer.body()).isFalse();
        assertThat(answer.body()).contains("\"Demo\"");
    }
}
