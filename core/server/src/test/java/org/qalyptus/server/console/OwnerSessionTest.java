package org.qalyptus.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.InitialCredentialsFile;
import org.qalyptus.server.support.SharedServer;
import tools.jackson.databind.JsonNode;

/**
 * The console signs in with the login route, not an API key: the tenant owner's session (not limited to one
 * organization) must list the projects and their nested assets like the owner's key does.
 */
class OwnerSessionTest {

    private final Http http = SharedServer.get().http();

    private String ownerSession() {
        InitialCredentialsFile owner = SharedServer.get().credentials();
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
