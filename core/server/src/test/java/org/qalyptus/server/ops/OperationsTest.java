package org.qalyptus.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import org.qalyptus.server.support.SharedServer;

class OperationsTest {

    private final Http http = SharedServer.get().http();

    @Test
    void healthIsUpIncludingTheStore() {
        Answer answer = http.get("/actuator/health", null);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().get("status").asString()).isEqualTo("UP");
    }

    @Test
    void prometheusMetricsAreExposed() {
        http.get("/actuator/health", null);

        Answer answer = http.get("/actuator/prometheus", null);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("jvm_memory_used_bytes").contains("http_server_requests");
    }

    @Test
    void openApiDocumentIsPublicAndListsTheRoutes() {
        Answer answer = http.get("/api/v1/openapi.json", null);

        assertThat(answer.status()).isEqualTo(200);
        var paths = answer.json().get("paths");
        assertThat(paths.has("/api/v1/plugins")).isTrue();
        assertThat(paths.has("/api/v1/login")).isTrue();
        assertThat(paths.has("/api/v1/organizations/{id}")).isTrue();
        assertThat(answer.body()).doesNotContain("\"caller\"");
    }

    @Test
    void webConsoleIsServedAtTheRoot() {
        Answer answer = http.get("/", null);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("text/html");
        assertThat(answer.body()).contains("Qalyptus");
    }
}
