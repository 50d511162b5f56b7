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
}
