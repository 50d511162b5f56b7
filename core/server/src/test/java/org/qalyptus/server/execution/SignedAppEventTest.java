package org.qalyptus.server.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qalyptus.server.support.Http.Answer;
import org.qalyptus.server.support.SharedServer;
import org.qalyptus.server.support.TenantFixture;
import org.qalyptus.server.task.TaskDocument;
import org.qalyptus.server.task.TaskExternalEvent;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Signed app reload events: an organization administrator makes a signing secret (shown once, stored encrypted);
 * then events run the organization's tasks only when the raw body carries a valid HMAC-SHA256 in
 * X-Qalyptus-Signature or Qlik-Signature. Its own organizations (not the shared world's), so that the unsigned
 * event tests of other classes are not affected.
 */
class SignedAppEventTest {

    static ExecutionWorld w;
    static String task;
    static final String ROUTE = "/api/v1/events/app-reload";

    @BeforeAll
    static void world() {
        w = new ExecutionWorld(SharedServer.get());
        task = w.task(TenantFixture.unique("On signed reload"));
        TaskExternalEvent event = new TaskExternalEvent(UUID.randomUUID().toString(), "Reloaded", null, true,
                TaskExternalEvent.APP_RELOAD_SUCCEEDED, ExecutionWorld.SALES_DEMO, "Queue", 0, null, null, null);
        w.mongo().updateFirst(new Query(Criteria.where("_id").is(task)), new Update().set("isActive", true)
                .set("externalEvents", List.of(event)), TaskDocument.class);
    }

    static String secretsRoute() {
        return "/api/v1/events/signing-secrets/" + w.orgA.id();
    }

    static long runs() {
        return w.mongo().count(new Query(Criteria.where("taskId").is(task).and("trigger.type").is("Event")), ExecutionDocument.class);
    }

    /** A generic event body, unique per call so that each reload is a new one. */
    static String event() {
        return "{\"appId\": \"" + ExecutionWorld.SALES_DEMO + "\", \"status\": \"Succeeded\", \"reloadTime\": \""
                + Instant.now().plusNanos(UUID.randomUUID().hashCode()) + "\"}";
    }

    static String hmac(String secret, String body) {
        return HexFormat.of().formatHex(EventSigning.hmac(secret, body.getBytes(StandardCharsets.UTF_8)));
    }

    static Answer post(String body, String header, String value) {
        HttpRequest.Builder request = w.http.request(ROUTE, w.creator.key()).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(body));
        if (header != null) {
            request.header(header, value);
        }
        return w.http.send(request);
    }

    static String makeSecret() {
        Answer made = w.http.postJson(secretsRoute(), w.admin.key(), "");
        assertThat(made.status()).as(made.body()).isEqualTo(200);
        assertThat(made.data().get("isSet").asBoolean()).isTrue();
        return made.data().get("secret").asString();
    }

    @Test
    void theSecretIsShownOnceStoredEncryptedAndOnlyAdministratorsManageIt() {
        String secret = makeSecret();
        try {
            assertThat(secret).hasSizeGreaterThanOrEqualTo(43);
            Answer status = w.http.get(secretsRoute(), w.admin.key());
            assertThat(status.status()).isEqualTo(200);
            assertThat(status.data().get("isSet").asBoolean()).isTrue();
            assertThat(status.data().get("secret").isNull()).isTrue();
            assertThat(status.body()).doesNotContain(secret);
            Document stored = w.mongo().findById(w.orgA.id(), Document.class, "eventSecrets");
            assertThat(stored.getString("secret")).startsWith("v1:").doesNotContain(secret);

            assertThat(w.http.get(secretsRoute(), w.creator.key()).status()).isEqualTo(403);
            assertThat(w.http.postJson(secretsRoute(), w.creator.key(), "").status()).isEqualTo(403);
            assertThat(w.http.delete(secretsRoute(), w.viewer.key()).status()).isEqualTo(403);
            assertThat(w.http.postJson(secretsRoute(), w.outsider.key(), "").status()).isEqualTo(404);
            assertThat(w.http.get(secretsRoute(), null).status()).isEqualTo(401);
            assertThat(w.http.get("/api/v1/events/signing-secrets/" + UUID.randomUUID(), SharedServer.ownerKey()).status())
                    .isEqualTo(404);
            assertThat(w.http.get("/api/v1/events/signing-secrets/not-an-id", w.admin.key()).status()).isEqualTo(404);
            // the refused calls changed nothing: the secret made first still signs
            String body = event();
            assertThat(post(body, "X-Qalyptus-Signature", "sha256=" + hmac(secret, body)).status()).isEqualTo(200);
        } finally {
            assertThat(w.http.delete(secretsRoute(), w.admin.key()).status()).isEqualTo(200);
        }
    }

    @Test
    void signedEventsRunTheTaskAndBadOrMissingSignaturesAre401() {
        String secret = makeSecret();
        try {
            long before = runs();

            String good = event();
            Answer signed = post(good, "X-Qalyptus-Signature", "sha256=" + hmac(secret, good));
            assertThat(signed.status()).as(signed.body()).isEqualTo(200);
            assertThat(signed.data().get("executionIds")).hasSize(1);

            String qlik = "{\"eventType\":\"com.qlik.v1.app.reload.finished\",\"time\":\"" + Instant.now().plusSeconds(7)
                    + "\",\"data\":{\"id\":\"" + ExecutionWorld.SALES_DEMO + "\",\"status\":\"ok\"}}";
            Answer fromQlik = post(qlik, "Qlik-Signature", hmac(secret, qlik).toUpperCase(Locale.ROOT));
            assertThat(fromQlik.status()).as(fromQlik.body()).isEqualTo(200);
            assertThat(fromQlik.data().get("executionIds")).hasSize(1);
            assertThat(runs()).isEqualTo(before + 2);

            String body = event();
            assertThat(post(body, null, null).status()).as("missing").isEqualTo(401);
            assertThat(post(body, "X-Qalyptus-Signature", "sha256=" + hmac("another secret", body)).status()).as("wrong key")
                    .isEqualTo(401);
            assertThat(post(body.replace("Succeeded", "succeeded"), "X-Qalyptus-Signature", "sha256=" + hmac(secret, body))
                    .status()).as("body changed after signing").isEqualTo(401);
            assertThat(post(body, "X-Qalyptus-Signature", "sha256=abc").status()).as("malformed").isEqualTo(401);
            assertThat(post(body, "X-Qalyptus-Signature", "sha256=" + "zz".repeat(32)).status()).as("not hex").isEqualTo(401);
            assertThat(post(body, "Qlik-Signature", hmac(secret, body + " ")).status()).as("Qlik header, wrong").isEqualTo(401);
            assertThat(runs()).isEqualTo(before + 2);

            // a new secret replaces the old one
            String rotated = makeSecret();
            String later = event();
            assertThat(post(later, "X-Qalyptus-Signature", "sha256=" + hmac(secret, later)).status()).isEqualTo(401);
            assertThat(post(later, "X-Qalyptus-Signature", "sha256=" + hmac(rotated, later)).status()).isEqualTo(200);
        } finally {
            assertThat(w.http.delete(secretsRoute(), w.admin.key()).status()).isEqualTo(200);
        }
        // without a secret, unsigned events are accepted again
        Answer unsigned = post(event(), null, null);
        assertThat(unsigned.status()).as(unsigned.body()).isEqualTo(200);
        assertThat(unsigned.data().get("executionIds")).hasSize(1);
    }
}
