package org.qalyptus.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest.BodyPublishers;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import org.qalyptus.server.support.SharedServer;
import tools.jackson.databind.JsonNode;

/** Every answer under /api/v1 is the envelope, with the status codes of the architecture page. */
class ApiEnvelopeTest {

    private final Http http = SharedServer.get().http();
    private final String key = SharedServer.ownerKey();

    private static void assertFailure(Answer answer, int status, String messagePart) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/json");
        JsonNode json = answer.json();
        assertThat(json.has("data")).isTrue();
        assertThat(json.get("data").isNull()).isTrue();
        assertThat(json.get("isSuccess").asBoolean()).isFalse();
        assertThat(json.get("error").asString()).contains(messagePart);
        assertThat(json.has("errorDetails")).isTrue();
    }

    @Test
    void successIsWrappedWithNullErrorFields() {
        Answer answer = http.get("/api/v1/plugins", key);

        assertThat(answer.status()).isEqualTo(200);
        JsonNode json = answer.json();
        assertThat(json.get("isSuccess").asBoolean()).isTrue();
        assertThat(json.get("error").isNull()).isTrue();
        assertThat(json.get("errorDetails").isNull()).isTrue();
        assertThat(json.get("data").isArray()).isTrue();
    }

    @Test
    void noCredentialIs401InTheEnvelope() {
        Answer answer = http.get("/api/v1/plugins", null);

        assertFailure(answer, 401, "Authentication required");
        assertThat(answer.headers().firstValue("WWW-Authenticate")).contains("Bearer");
    }

    @Test
    void unknownMalformedOrTamperedCredentialsAre401() {
        String tampered = key.substring(0, key.length() - 2) + (key.endsWith("A") ? "BB" : "AA");
        for (String bad : new String[] {"nonsense", "qak_", "qak_%%%", tampered, "qls_" + key.substring(4)}) {
            assertFailure(http.get("/api/v1/plugins", bad), 401, "not valid");
        }
        Answer basic = http.send(http.request("/api/v1/plugins", null).header("Authorization", "Basic dTpw").GET());
        assertFailure(basic, 401, "Authentication required");
    }

    @Test
    void nonUuidIdIs400NamingTheParameter() {
        Answer answer = http.get("/api/v1/organizations/not-a-uuid", key);

        assertFailure(answer, 400, "'id' must be a UUID");
        assertThat(answer.json().get("errorDetails").get(0).get("field").asString()).isEqualTo("id");
    }

    @Test
    void unknownIdIs404() {
        assertFailure(http.get("/api/v1/organizations/" + UUID.randomUUID(), key), 404, "was not found");
    }

    @Test
    void malformedJsonIs400() {
        assertFailure(http.postJson("/api/v1/login", null, "{\"email\": \"a@b.c\", "), 400, "not valid JSON");
        assertFailure(http.postJson("/api/v1/login", null, "[1, 2"), 400, "");
        assertFailure(http.postJson("/api/v1/login", null, ""), 400, "");
    }

    @Test
    void wrongJsonTypesAre400WithTheField() {
        Answer answer = http.postJson("/api/v1/login", null, "{\"email\": \"a@b.c\", \"password\": {\"$ne\": null}}");

        assertFailure(answer, 400, "password");
        assertThat(answer.json().get("errorDetails").get(0).get("field").asString()).isEqualTo("password");
    }

    @Test
    void missingFieldsAre400ListingEachField() {
        Answer answer = http.postJson("/api/v1/login", null, "{}");

        assertFailure(answer, 400, "invalid values");
        assertThat(answer.json().get("errorDetails").findValuesAsString("field"))
                .containsExactlyInAnyOrder("email", "password");
    }

    @Test
    void wrongContentTypeIs415() {
        Answer answer = http.post("/api/v1/login", null, "text/plain", BodyPublishers.ofString("email=a"));

        assertFailure(answer, 415, "application/json");
    }

    @Test
    void declaredOversizedBodyIs413BeforeItIsRead() {
        String huge = "{\"email\":\"" + "a".repeat(3 * 1024 * 1024) + "\",\"password\":\"x\"}";

        assertFailure(http.postJson("/api/v1/login", null, huge), 413, "larger than the limit");
    }

    @Test
    void chunkedOversizedBodyIs413WhileItIsRead() {
        String huge = "{\"email\":\"" + "a".repeat(3 * 1024 * 1024) + "\",\"password\":\"x\"}";
        // A publisher of unknown length makes the client send the body chunked, without Content-Length.
        var chunked = BodyPublishers.fromPublisher(BodyPublishers.ofString(huge));

        assertFailure(http.post("/api/v1/login", null, "application/json", chunked), 413, "larger than the limit");
    }

    @Test
    void unknownRouteIs404AndWrongMethodIs405() {
        assertFailure(http.get("/api/v1/no-such-thing", key), 404, "No route");
        assertFailure(http.delete("/api/v1/plugins", key), 405, "DELETE");
    }

    @Test
    void unknownRouteWithoutCredentialIs401NotALeakOfTheRouteTable() {
        assertFailure(http.get("/api/v1/no-such-thing", null), 401, "Authentication required");
    }
}
