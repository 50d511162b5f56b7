package org.qalyptus.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qalyptus.server.apikey.ApiKeyDocument;
import org.qalyptus.server.apikey.ApiKeyRepository;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import org.qalyptus.server.support.InitialCredentialsFile;
import org.qalyptus.server.support.RunningServer;
import org.qalyptus.server.support.SharedServer;
import org.qalyptus.server.user.UserRepository;

class LoginTest {

    private final RunningServer server = SharedServer.get();
    private final Http http = server.http();
    private final InitialCredentialsFile owner = server.credentials();

    private Answer login(String email, String password) {
        return http.postJson("/api/v1/login", null, Http.json(Map.of("email", email, "password", password)));
    }

    @Test
    void loginReturnsABearerTokenThatAuthenticatesLikeAnApiKey() {
        Answer answer = login(owner.email(), owner.password());

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.data().get("tokenType").asString()).isEqualTo("Bearer");
        assertThat(answer.data().get("user").get("email").asString()).isEqualTo(owner.email());
        String token = answer.data().get("token").asString();
        assertThat(http.get("/api/v1/plugins", token).status()).isEqualTo(200);
    }

    @Test
    void emailIsMatchedWithoutRegardToCaseAndSpaces() {
        assertThat(login("  " + owner.email().toUpperCase() + " ", owner.password()).status()).isEqualTo(200);
    }

    @Test
    void wrongPasswordAndUnknownEmailGetTheSame401() {
        Answer wrongPassword = login(owner.email(), owner.password() + "x");
        Answer unknownEmail = login("nobody@example.com", owner.password());

        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknownEmail.status()).isEqualTo(401);
        assertThat(wrongPassword.json().get("error").asString())
                .isEqualTo(unknownEmail.json().get("error").asString())
                .isEqualTo("Wrong email or password");
        assertThat(wrongPassword.json().get("isSuccess").asBoolean()).isFalse();
    }

    @Test
    void storedApiKeyIsTheHashOfItsSecretNotTheKey() {
        OpaqueToken presented = OpaqueToken.parse("qak_", owner.apiKey()).orElseThrow();

        ApiKeyDocument stored = server.bean(ApiKeyRepository.class).findById(presented.id().toString()).orElseThrow();

        assertThat(stored.secretHash()).hasSize(64).isEqualTo(presented.secretHash());
        assertThat(owner.apiKey()).doesNotContain(stored.secretHash());
        assertThat(stored.toString()).doesNotContain(owner.apiKey().substring(4));
    }

    @Test
    void expiredApiKeyIsRefused() {
        String ownerId = server.bean(UserRepository.class).findByEmail(owner.email()).orElseThrow().id();
        OpaqueToken token = OpaqueToken.generate("qak_");
        Instant past = Instant.now().minus(1, ChronoUnit.MINUTES);
        server.bean(ApiKeyRepository.class).insert(new ApiKeyDocument(token.id().toString(), ownerId, "old", null,
                null, token.secretHash(), past, past.minus(1, ChronoUnit.DAYS)));

        Answer answer = http.get("/api/v1/plugins", token.encode());

        assertThat(answer.status()).isEqualTo(401);
    }

    @Test
    void deletedApiKeyIsRefusedAtOnce() {
        String ownerId = server.bean(UserRepository.class).findByEmail(owner.email()).orElseThrow().id();
        OpaqueToken token = OpaqueToken.generate("qak_");
        Instant now = Instant.now();
        ApiKeyRepository keys = server.bean(ApiKeyRepository.class);
        keys.insert(new ApiKeyDocument(token.id().toString(), ownerId, "short-lived", null, null, token.secretHash(),
                now.plus(1, ChronoUnit.DAYS), now));
        assertThat(http.get("/api/v1/plugins", token.encode()).status()).isEqualTo(200);

        keys.deleteById(token.id().toString());

        assertThat(http.get("/api/v1/plugins", token.encode()).status()).isEqualTo(401);
    }
}
