package org.qalyptus.server.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.qalyptus.server.auth.OpaqueToken;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import org.qalyptus.server.support.RunningServer;
import org.qalyptus.server.support.SharedServer;
import org.qalyptus.server.support.TenantFixture;
import org.qalyptus.server.support.TenantFixture.Org;
import org.qalyptus.server.support.TenantFixture.Person;
import tools.jackson.databind.JsonNode;

class ApiKeyRoutesTest {

    private final RunningServer server = SharedServer.get();
    private final Http http = server.http();
    private final TenantFixture tenant = new TenantFixture(server);
    private final ApiKeyRepository keys = server.bean(ApiKeyRepository.class);

    private static String body(Object value) {
        return Http.json(value);
    }

    private static List<String> ids(JsonNode list) {
        return list.valueStream().map(n -> n.get("id").asString()).toList();
    }

    private Answer create(String token, Org org, Instant expiry) {
        Map<String, Object> request = new HashMap<>();
        request.put("name", "CI key");
        request.put("description", "for CI");
        request.put("expiryDate", expiry == null ? null : expiry.toString());
        request.put("organizationID", org.id());
        return http.postJson("/api/v1/api-keys", token, body(request));
    }

    @Test
    void theKeyIsShownOnceAndStoredOnlyAsAHash() {
        Org org = tenant.organization("Keys");
        Person user = tenant.viewer(org);

        Answer created = create(user.session(), org, Instant.now().plus(30, ChronoUnit.DAYS));

        assertThat(created.status()).isEqualTo(200);
        String key = created.data().get("key").asString();
        String id = created.data().get("id").asString();
        assertThat(created.data().get("organizationID").asString()).isEqualTo(org.id());
        assertThat(created.data().get("expiryDate").asString()).isNotBlank();
        ApiKeyDocument stored = keys.findById(id).orElseThrow();
        assertThat(stored.secretHash()).isEqualTo(OpaqueToken.parse("qak_", key).orElseThrow().secretHash())
                .doesNotContain(key.substring(4));
        assertThat(stored.toString()).doesNotContain(key.substring(4));
        assertThat(http.get("/api/v1/users/" + user.id(), key).status()).isEqualTo(200);
        assertThat(http.get("/api/v1/api-keys/" + id, user.session()).data().has("key")).isFalse();
        assertThat(http.get("/api/v1/api-keys", user.session()).body()).doesNotContain(key);
    }

    @Test
    void expiryIsRequiredFutureAndAtMost365DaysAhead() {
        Org org = tenant.organization("Key expiry");
        Person user = tenant.viewer(org);

        assertThat(create(user.session(), org, null).status()).isEqualTo(400);
        assertThat(create(user.session(), org, Instant.now().minus(1, ChronoUnit.HOURS)).status()).isEqualTo(400);
        Answer tooFar = create(user.session(), org, Instant.now().plus(400, ChronoUnit.DAYS));
        assertThat(tooFar.status()).isEqualTo(400);
        assertThat(tooFar.json().get("errorDetails").get(0).get("field").asString()).isEqualTo("expiryDate");
        assertThat(create(user.session(), org, Instant.now().plus(365, ChronoUnit.DAYS)).status()).isEqualTo(200);
        assertThat(http.postJson("/api/v1/api-keys", user.session(), "{\"name\": \"x\", \"expiryDate\": \"tomorrow\","
                + " \"organizationID\": \"" + org.id() + "\"}").status()).isEqualTo(400);
    }

    @Test
    void anExpiredKeyIsRefused() {
        Org org = tenant.organization("Key expired");
        Person user = tenant.viewer(org);
        String key = create(user.session(), org, Instant.now().plus(1, ChronoUnit.DAYS)).data().get("key").asString();
        String id = OpaqueToken.parse("qak_", key).orElseThrow().id().toString();
        ApiKeyDocument stored = keys.findById(id).orElseThrow();
        keys.save(new ApiKeyDocument(stored.id(), stored.userId(), stored.name(), stored.description(),
                stored.organizationId(), stored.secretHash(), Instant.now().minusSeconds(1), stored.createdAt()));

        assertThat(http.get("/api/v1/organizations", key).status()).isEqualTo(401);
        assertThat(http.get("/api/v1/api-keys/" + id, user.session()).data().get("isExpired").asBoolean()).isTrue();
    }

    @Test
    void aKeyLimitedToOrganizationACannotReadOrganizationBEvenThoughItsOwnerCan() {
        Org a = tenant.organization("Key A");
        Org b = tenant.organization("Key B");
        Person admin = tenant.administrator(a);
        tenant.join(admin, b, "Administrator", "Creator");
        Person inB = tenant.viewer(b);
        String keyA = tenant.keyFor(admin, a);

        assertThat(http.get("/api/v1/organizations/" + b.id(), admin.session()).status()).isEqualTo(200);
        assertThat(http.get("/api/v1/organizations/" + b.id(), keyA).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/users/" + inB.id(), keyA).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/groups/" + b.allUsersGroupId(), keyA).status()).isEqualTo(404);
        assertThat(ids(http.get("/api/v1/organizations", keyA).data())).containsExactly(a.id());
        assertThat(create(keyA, b, Instant.now().plus(1, ChronoUnit.DAYS)).status()).isEqualTo(404);
        assertThat(http.postJson("/api/v1/groups", keyA, body(Map.of("name", "Sneaky", "organizationID", b.id()))).status())
                .isEqualTo(404);
    }

    @Test
    void usersManageOnlyTheirOwnKeys() {
        Org org = tenant.organization("Own keys");
        Person user = tenant.viewer(org);
        Person admin = tenant.administrator(org);
        String id = create(user.session(), org, Instant.now().plus(1, ChronoUnit.DAYS)).data().get("id").asString();

        assertThat(ids(http.get("/api/v1/api-keys", user.session()).data())).contains(id);
        assertThat(ids(http.get("/api/v1/api-keys", admin.session()).data())).doesNotContain(id);
        assertThat(http.get("/api/v1/api-keys/" + id, admin.session()).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/api-keys/" + id, tenant.owner().session()).status()).as("tenant owner too").isEqualTo(404);
        assertThat(http.putJson("/api/v1/api-keys/" + id, admin.session(), body(Map.of("name", "x"))).status()).isEqualTo(404);
        assertThat(http.delete("/api/v1/api-keys/" + id, admin.session()).status()).isEqualTo(404);

        Answer renamed = http.putJson("/api/v1/api-keys/" + id, user.session(), body(Map.of("name", "Renamed", "description", "d")));
        assertThat(renamed.data().get("name").asString()).isEqualTo("Renamed");
        assertThat(http.putJson("/api/v1/api-keys/" + id, user.session(), body(Map.of("name", ""))).status()).isEqualTo(400);
        assertThat(http.get("/api/v1/api-keys/" + UUID.randomUUID(), user.session()).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/api-keys", null).status()).isEqualTo(401);
    }

    @Test
    void deletedKeysAreRefusedAtOnceAndBulkDeleteIsAllOrNone() {
        Org org = tenant.organization("Delete keys");
        Person user = tenant.viewer(org);
        Person other = tenant.viewer(org);
        String first = create(user.session(), org, Instant.now().plus(1, ChronoUnit.DAYS)).data().get("key").asString();
        String firstId = OpaqueToken.parse("qak_", first).orElseThrow().id().toString();
        String second = create(user.session(), org, Instant.now().plus(1, ChronoUnit.DAYS)).data().get("key").asString();
        String secondId = OpaqueToken.parse("qak_", second).orElseThrow().id().toString();
        String othersId = create(other.session(), org, Instant.now().plus(1, ChronoUnit.DAYS)).data().get("id").asString();

        assertThat(http.delete("/api/v1/api-keys/" + firstId, user.session()).status()).isEqualTo(200);
        assertThat(http.get("/api/v1/organizations", first).status()).isEqualTo(401);
        assertThat(http.deleteJson("/api/v1/api-keys", user.session(), body(List.of(secondId, othersId))).status())
                .isEqualTo(404);
        assertThat(http.get("/api/v1/organizations", second).status()).isEqualTo(200);
        assertThat(http.deleteJson("/api/v1/api-keys", user.session(), body(List.of(secondId))).status()).isEqualTo(200);
        assertThat(http.get("/api/v1/organizations", second).status()).isEqualTo(401);
        assertThat(http.deleteJson("/api/v1/api-keys", user.session(), "[1]").status()).isEqualTo(400);
    }

    @Test
    void aUserHoldsAtMost1000Keys() {
        Org org = tenant.organization("Quota");
        Person user = tenant.viewer(org);
        ApiKeyService service = server.bean(ApiKeyService.class);
        Instant expiry = Instant.now().plus(1, ChronoUnit.DAYS);
        for (int i = 1; i < ApiKeyService.MAX_KEYS_PER_USER; i++) {
            service.issue(user.id(), "k" + i, null, org.id(), expiry);
        }
        assertThat(keys.countByUserId(user.id())).isEqualTo(1000);

        Answer refused = create(user.session(), org, expiry);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(keys.countByUserId(user.id())).isEqualTo(1000);
        String someId = keys.findByUserId(user.id()).get(5).id();
        assertThat(http.delete("/api/v1/api-keys/" + someId, user.session()).status()).isEqualTo(200);
        assertThat(create(user.session(), org, expiry).status()).isEqualTo(200);
    }
}
