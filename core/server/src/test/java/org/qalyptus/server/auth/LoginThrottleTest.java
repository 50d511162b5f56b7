package org.qalyptus.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import org.qalyptus.server.support.RunningServer;
import org.qalyptus.server.support.TenantFixture;
import org.qalyptus.server.user.UserRepository;

/** Its own server: the per-client lock would otherwise refuse the other classes' sign-ins from 127.0.0.1. */
class LoginThrottleTest {

    @TempDir
    static Path dataDir;

    private static RunningServer server;

    @BeforeAll
    static void start() {
        server = RunningServer.start(dataDir, RunningServer.SOURCE_TREE_PLUGINS,
                "--qalyptus.login.throttle.account-failures=3", "--qalyptus.login.throttle.client-failures=8",
                "--qalyptus.login.throttle.first-lock=20s");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private Answer login(String email, String password) {
        return server.http().postJson("/api/v1/login", null, Http.json(Map.of("email", email, "password", password)));
    }

    private String userWithPassword(String password) {
        String email = TenantFixture.unique("throttled") + "@example.com";
        UserRepository users = server.bean(UserRepository.class);
        var owner = users.findAll().get(0);
        users.insert(new org.qalyptus.server.user.UserDocument(java.util.UUID.randomUUID().toString(), email, "T", "U",
                server.bean(PasswordHasher.class).hash(password), org.qalyptus.server.user.UserStatus.Active, "User",
                false, false, owner.memberships(), "en", "UTC", java.time.Instant.now()));
        return email;
    }

    @Test
    void anAccountIsLockedAfterRepeatedFailuresEvenForTheRightPassword() {
        String email = userWithPassword("right password");
        for (int i = 0; i < 3; i++) {
            assertThat(login(email, "wrong " + i).status()).isEqualTo(401);
        }

        Answer locked = login(email, "right password");

        assertThat(locked.status()).isEqualTo(429);
        long retryAfter = Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 20L);
        assertThat(locked.json().get("isSuccess").asBoolean()).isFalse();
        assertThat(server.bean(org.springframework.data.mongodb.core.MongoTemplate.class)
                .exists(new org.springframework.data.mongodb.core.query.Query(
                        org.springframework.data.mongodb.core.query.Criteria.where("_id").is("account:" + email)),
                        "loginThrottles")).as("kept in the store, shared by every node").isTrue();
    }

    @Test
    void aClientGuessingManyAccountsIsLockedToo() {
        String victim = userWithPassword("correct horse");
        Answer last = null;
        for (int i = 0; i < 12 && (last == null || last.status() != 429); i++) {
            last = login(TenantFixture.unique("nobody") + "@example.com", "guess");
        }
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.headers().firstValue("Retry-After")).isPresent();
        assertThat(login(victim, "correct horse").status()).as("from the same client").isEqualTo(429);
    }
}
