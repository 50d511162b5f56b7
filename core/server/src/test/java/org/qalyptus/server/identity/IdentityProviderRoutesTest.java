package org.qalyptus.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qalyptus.server.organization.OrganizationRepository;
import org.qalyptus.server.secret.SecretCipher;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import org.qalyptus.server.support.RunningServer;
import org.qalyptus.server.support.SharedServer;
import org.qalyptus.server.support.TenantFixture;
import org.qalyptus.server.support.TenantFixture.Org;
import org.qalyptus.server.support.TenantFixture.Person;
import tools.jackson.databind.JsonNode;

class IdentityProviderRoutesTest {

    private static final String SECRET = "very-secret-client-secret";

    private final RunningServer server = SharedServer.get();
    private final Http http = server.http();
    private final TenantFixture tenant = new TenantFixture(server);

    private static Map<String, Object> provider(String secret) {
        Map<String, Object> p = new HashMap<>();
        p.put("name", "Corporate SSO");
        p.put("description", "Azure AD");
        p.put("type", "Oidc");
        p.put("clientID", "qalyptus");
        p.put("clientSecret", secret);
        p.put("authorizationEndpoint", "https://idp.example.com/authorize");
        p.put("accessTokenEndpoint", "https://idp.example.com/token");
        p.put("userinfoEndpoint", "https://idp.example.com/userinfo");
        p.put("logoutEndpoint", "https://idp.example.com/logout");
        p.put("postLogoutRedirectUrl", "https://reports.example.com/");
        return p;
    }

    private Answer create(String token, Map<String, Object> body) {
        return http.postJson("/api/v1/identity-providers", token, Http.json(body));
    }

    @Test
    void createdWithTheReferenceFieldsAndTheSecretNeverReturned() {
        Org org = tenant.organization("Idp");
        Person admin = tenant.administrator(org);

        Answer created = create(admin.key(), provider(SECRET));

        assertThat(created.status()).isEqualTo(200);
        JsonNode data = created.data();
        for (String field : List.of("name", "description", "type", "clientID", "authorizationEndpoint",
                "accessTokenEndpoint", "userinfoEndpoint", "logoutEndpoint", "postLogoutRedirectUrl")) {
            assertThat(data.has(field)).as(field).isTrue();
        }
        assertThat(data.get("organizationID").asString()).isEqualTo(org.id());
        assertThat(data.get("isClientSecretSet").asBoolean()).isTrue();
        assertThat(created.body()).doesNotContain(SECRET);
        String id = data.get("id").asString();
        assertThat(http.get("/api/v1/identity-providers/" + id, admin.key()).body()).doesNotContain(SECRET);
        assertThat(http.get("/api/v1/identity-providers", admin.key()).body()).doesNotContain(SECRET).contains(id);
        IdentityProviderDocument stored = server.bean(IdentityProviderRepository.class).findById(id).orElseThrow();
        assertThat(stored.encryptedClientSecret()).doesNotContain(SECRET);
        assertThat(server.bean(SecretCipher.class).decrypt(stored.encryptedClientSecret())).isEqualTo(SECRET);
    }

    @Test
    void oneProviderPerOrganization() {
        Org org = tenant.organization("Idp one");
        Person admin = tenant.administrator(org);
        assertThat(create(admin.key(), provider(SECRET)).status()).isEqualTo(200);

        assertThat(create(admin.key(), provider(SECRET)).status()).isEqualTo(409);
    }

    @Test
    void validationRightsAndVisibility() {
        Org org = tenant.organization("Idp checks");
        Person admin = tenant.administrator(org);
        Person viewer = tenant.viewer(org);
        Map<String, Object> badUrl = provider(SECRET);
        badUrl.put("accessTokenEndpoint", "javascript:alert(1)");
        Map<String, Object> badType = provider(SECRET);
        badType.put("type", "Kerberos");

        Answer missing = create(admin.key(), Map.of("name", "x"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("errorDetails").valueStream().map(e -> e.get("field").asString()))
                .contains("type", "clientID", "clientSecret", "authorizationEndpoint");
        assertThat(create(admin.key(), badUrl).status()).isEqualTo(400);
        assertThat(create(admin.key(), badType).status()).isEqualTo(400);
        assertThat(create(admin.session(), provider(SECRET)).status()).as("session: organization needed").isEqualTo(400);
        assertThat(create(viewer.key(), provider(SECRET)).status()).isEqualTo(403);
        assertThat(create(null, provider(SECRET)).status()).isEqualTo(401);

        String id = create(admin.key(), provider(SECRET)).data().get("id").asString();
        Person stranger = tenant.administrator(tenant.organization("Idp stranger"));
        assertThat(http.get("/api/v1/identity-providers/" + id, stranger.key()).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/identity-providers/" + id, viewer.key()).status()).isEqualTo(403);
        assertThat(http.get("/api/v1/identity-providers", viewer.key()).data()).isEmpty();
        assertThat(http.get("/api/v1/identity-providers", stranger.key()).body()).doesNotContain(id);
    }

    @Test
    void updateKeepsTheSecretUnlessANewOneIsGiven() {
        Org org = tenant.organization("Idp update");
        Person admin = tenant.administrator(org);
        String id = create(admin.key(), provider(SECRET)).data().get("id").asString();
        IdentityProviderRepository providers = server.bean(IdentityProviderRepository.class);
        SecretCipher cipher = server.bean(SecretCipher.class);
        Map<String, Object> update = provider(null);
        update.remove("type");
        update.put("name", "Renamed SSO");

        Answer kept = http.putJson("/api/v1/identity-providers/" + id, admin.key(), Http.json(update));
        assertThat(kept.status()).isEqualTo(200);
        assertThat(kept.data().get("name").asString()).isEqualTo("Renamed SSO");
        assertThat(cipher.decrypt(providers.findById(id).orElseThrow().encryptedClientSecret())).isEqualTo(SECRET);

        update.put("clientSecret", "rotated-secret");
        assertThat(http.putJson("/api/v1/identity-providers/" + id, admin.key(), Http.json(update)).body())
                .doesNotContain("rotated-secret");
        assertThat(cipher.decrypt(providers.findById(id).orElseThrow().encryptedClientSecret())).isEqualTo("rotated-secret");

        update.put("userinfoEndpoint", "");
        assertThat(http.putJson("/api/v1/identity-providers/" + id, admin.key(), Http.json(update)).status()).isEqualTo(400);
        assertThat(http.putJson("/api/v1/identity-providers/" + id, tenant.viewer(org).key(), Http.json(provider(null)))
                .status()).isEqualTo(403);
    }

    @Test
    void organizationAuthenticationsUseTheProviderAndDeletionKeepsAWayToSignIn() {
        Org org = tenant.organization("Idp auth");
        Person admin = tenant.administrator(org);
        String id = create(admin.key(), provider(SECRET)).data().get("id").asString();
        String path = "/api/v1/organizations/" + org.id() + "/authentications";

        Answer onlyIdp = http.putJson(path, admin.key(), "{\"qalyptusAuth\": false, \"identityProvider\": \"" + id + "\"}");
        assertThat(onlyIdp.status()).isEqualTo(200);
        assertThat(onlyIdp.data().get("identityProvider").asString()).isEqualTo(id);
        assertThat(onlyIdp.data().get("qalyptusAuth").asBoolean()).isFalse();

        assertThat(http.delete("/api/v1/identity-providers/" + id, admin.key()).status()).isEqualTo(409);
        assertThat(http.putJson(path, admin.key(), "{\"qalyptusAuth\": true, \"identityProvider\": \"" + id + "\"}").status())
                .isEqualTo(200);
        assertThat(http.delete("/api/v1/identity-providers/" + id, admin.key()).status()).isEqualTo(200);
        assertThat(server.bean(OrganizationRepository.class).findById(org.id()).orElseThrow().identityProviderAuth()).isFalse();
        assertThat(http.get(path, admin.key()).data().get("identityProvider").isNull()).isTrue();
        assertThat(http.get("/api/v1/identity-providers/" + id, admin.key()).status()).isEqualTo(404);
    }
}
