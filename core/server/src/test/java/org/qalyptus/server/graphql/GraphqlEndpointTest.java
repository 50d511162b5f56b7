package org.qalyptus.server.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import org.qalyptus.server.support.SharedServer;

class GraphqlEndpointTest {

    private final Http http = SharedServer.get().http();

    private Answer query(String token, String query) {
        return http.postJson("/graphql", token, Http.json(Map.of("query", query)));
    }

    @Test
    void answersWithTheCallerAndThePluginsForTheSameCredentialsAsRest() {
        Answer answer = query(SharedServer.ownerKey(),
                "{ viewer { email organizationId } plugins { id state extensions { point typeId configFields { name required } } } }");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().has("errors")).as(answer.body()).isFalse();
        var data = answer.json().get("data");
        assertThat(data.get("viewer").get("email").asString()).isEqualTo("owner@qalyptus.local");
        assertThat(data.get("plugins").findValuesAsString("typeId")).contains("Folder");
    }

    @Test
    void refusesCallsWithoutCredentials() {
        assertThat(query(null, "{ viewer { email } }").status()).isEqualTo(401);
    }

    @Test
    void aRequestClaimingAWebSocketUpgradeGetsNoDataWithoutCredentials() throws Exception {
        String query = java.net.URLEncoder.encode("{ viewer { email } }", java.nio.charset.StandardCharsets.UTF_8);
        java.net.URI base = java.net.URI.create(SharedServer.get().http().base());
        for (String path : java.util.List.of("/graphql?query=" + query, "/graphql")) {
            // java.net.http refuses to send an Upgrade header: a raw request, as any client could send it.
            try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
                socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                        + "Accept: application/json\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                String response = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                int status = Integer.parseInt(response.substring(9, 12));
                assertThat(status).as(path + "\n" + response).isGreaterThanOrEqualTo(400);
                assertThat(response).as(path).doesNotContain("owner@").doesNotContain("\"viewer\"");
            }
        }
    }
}
