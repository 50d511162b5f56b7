package org.qalyptus.server.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest.BodyPublishers;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qalyptus.server.apikey.ApiKeyService;
import org.qalyptus.server.organization.OrganizationDocument;
import org.qalyptus.server.organization.OrganizationRepository;
import org.qalyptus.server.secret.SecretCipher;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import org.qalyptus.server.support.RunningServer;
import org.qalyptus.server.support.SharedServer;
import org.qalyptus.server.user.UserDocument;
import org.qalyptus.server.user.UserRepository;
import org.qalyptus.server.user.UserStatus;
import tools.jackson.databind.JsonNode;

/**
 * Connection routes and the organization's app list against the real server, whose plugins come from
 * the source tree (the embedded connector among them) and whose first start registered the demo apps.
 */
class ConnectionsTest {

    static final String SALES_DEMO_ID = "8f3c2a1e-6d4b-4c7a-9e2f-5b1d0a9c7e31";

    static RunningServer server;
    static Http http;
    static String owner;
    static String member;
    static String defaultOrganization;
    static String otherOrganization;
    static String demoFolder;

    @BeforeAll
    static void users() {
        server = SharedServer.get();
        http = server.http();
        // The initial key is limited to the default organization; the owner's own key here is not.
        String ownerId = server.bean(UserRepository.class).findByEmail(server.credentials().email()).orElseThrow().id();
        owner = server.bean(ApiKeyService.class).issue(ownerId, "unlimited owner key", "", null,
                Instant.now().plusSeconds(3600)).key();
        OrganizationRepository organizations = server.bean(OrganizationRepository.class);
        defaultOrganization = organizations.findByName("default").orElseThrow().id();
        otherOrganization = organizations.insert(new OrganizationDocument(UUID.randomUUID().toString(),
                "connections-" + UUID.randomUUID(), "Other", "", false, true, false, Instant.now())).id();
        UserDocument memberUser = server.bean(UserRepository.class).insert(new UserDocument(UUID.randomUUID().toString(),
                "member-" + UUID.randomUUID() + "@example.com", "Mem", "Ber", null, UserStatus.Active, "User", false, false,
                List.of(new UserDocument.Membership(defaultOrganization, "Member", "Creator", List.of())), "en", "UTC",
                Instant.now()));
        member = server.bean(ApiKeyService.class).issue(memberUser.id(), "member key", "", null,
                Instant.now().plusSeconds(3600)).key();
        demoFolder = server.dataDir().resolve("demo-apps").toString();
    }

    static Answer create(String token, Map<String, Object> body) {
        return http.postJson("/api/v1/connections", token, Http.json(body));
    }

    static Map<String, Object> body(String name, String organizationId, Map<String, Object> settings) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("type", "Embedded");
        body.put("organizationID", organizationId);
        body.put("settings", settings);
        return body;
    }

    @org.junit.jupiter.api.Test
    void appsFoldersOutsideTheAllowedServerFoldersAreRefused() {
        for (String folder : java.util.List.of("/", "/etc", "/tmp", server.dataDir().toString(),
                server.dataDir().resolve("apps/../../").toString())) {
            Answer refused = create(owner, body("Escape " + UUID.randomUUID(), otherOrganization, Map.of("appsFolder", folder)));
            assertThat(refused.status()).as(folder + " " + refused.body()).isEqualTo(400);
            assertThat(refused.body()).contains("settings.appsFolder");
        }
    }

    static Answer put(String token, String id, Map<String, Object> body) {
        return http.send(http.request("/api/v1/connections/" + id, token).PUT(BodyPublishers.ofString(Http.json(body)))
                .header("Content-Type", "application/json"));
    }

    static List<String> errorFields(Answer answer) {
        return answer.json().get("errorDetails").findValuesAsString("field");
    }

    @Test
    void theFirstStartRegisteredTheSalesDemoInTheDefaultOrganization() {
        for (String token : List.of(owner, member)) {
            Answer apps = http.get("/api/v1/organizations/" + defaultOrganization + "/qlik-apps", token);
            assertThat(apps.status()).isEqualTo(200);
            JsonNode demo = find(apps.data(), "name", "Sales demo");
            assertThat(demo.get("id").asString()).isEqualTo(SALES_DEMO_ID);
            assertThat(demo.get("connectionName").asString()).isEqualTo("Demo apps");
            assertThat(demo.get("connectionType").asString()).isEqualTo("Embedded");
        }
        Answer connections = http.get("/api/v1/connections?organizationId=" + defaultOrganization, member);
        assertThat(connections.status()).isEqualTo(200);
        JsonNode demo = find(connections.data(), "name", "Demo apps");
        assertThat(demo.get("settings").get("appsFolder").asString()).isEqualTo(demoFolder);
        assertThat(demo.get("organizationID").asString()).isEqualTo(defaultOrganization);
    }

    private static JsonNode find(JsonNode list, String field, String value) {
        for (JsonNode item : list) {
            if (item.get(field).asString().equals(value)) {
                return item;
            }
        }
        throw new AssertionError(value + " not in " + list);
    }

    @Test
    void anAdministratorCreatesReadsUpdatesTestsAndDeletesAConnection() {
        Answer created = create(owner, body("Copies", otherOrganization, Map.of("appsFolder", demoFolder)));
        assertThat(created.status()).isEqualTo(200);
        String id = created.data().get("id").asString();
        assertThat(created.data().get("type").asString()).isEqualTo("Embedded");
        assertThat(created.data().get("organizationID").asString()).isEqualTo(otherOrganization);

        Answer apps = http.get("/api/v1/organizations/" + otherOrganization + "/qlik-apps", owner);
        assertThat(apps.data().findValuesAsString("id")).containsExactly(SALES_DEMO_ID);
        assertThat(apps.data().get(0).get("connectionID").asString()).isEqualTo(id);

        Answer test = http.postJson("/api/v1/connections/" + id + "/test", owner, "");
        assertThat(test.status()).isEqualTo(200);
        assertThat(test.data().get("ok").asBoolean()).isTrue();
        assertThat(test.data().get("message").asString()).contains("1 app(s) found");

        Answer renamed = put(owner, id, Map.of("name", "Copies renamed", "settings", Map.of("appsFolder", demoFolder)));
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(http.get("/api/v1/connections/" + id, owner).data().get("name").asString()).isEqualTo("Copies renamed");

        Answer duplicate = create(owner, body("Copies renamed", otherOrganization, Map.of("appsFolder", demoFolder)));
        assertThat(duplicate.status()).isEqualTo(409);

        String missing = server.dataDir().resolve("apps").resolve("no-such-folder").toString();
        Answer broken = put(owner, id, Map.of("name", "Copies renamed", "settings", Map.of("appsFolder", missing)));
        assertThat(broken.status()).isEqualTo(200);
        Answer failing = http.postJson("/api/v1/connections/" + id + "/test", owner, "");
        assertThat(failing.data().get("ok").asBoolean()).isFalse();
        assertThat(failing.data().get("message").asString()).contains("does not exist");
        assertThat(http.get("/api/v1/organizations/" + otherOrganization + "/qlik-apps", owner).data()).isEmpty();

        assertThat(http.delete("/api/v1/connections/" + id, owner).status()).isEqualTo(200);
        assertThat(http.get("/api/v1/connections/" + id, owner).status()).isEqualTo(404);
        assertThat(http.delete("/api/v1/connections/" + id, owner).status()).isEqualTo(404);
    }

    @Test
    void settingsAreValidatedAgainstTheConnectorFieldsAndNothingIsCreated() {
        long before = server.bean(ConnectionRepository.class).count();
        Answer missing = create(owner, Map.of("organizationID", otherOrganization));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(errorFields(missing)).containsExactlyInAnyOrder("name", "type");

        Answer unknownType = create(owner, Map.of("name", "x", "type", "NoSuchConnector", "organizationID", otherOrganization));
        assertThat(unknownType.status()).isEqualTo(400);
        assertThat(errorFields(unknownType)).containsExactly("type");

        Answer badSettings = create(owner, body("x", otherOrganization, Map.of("bogus", 1, "jdbcPassword", List.of("a"))));
        assertThat(badSettings.status()).isEqualTo(400);
        assertThat(errorFields(badSettings)).containsExactlyInAnyOrder("settings.bogus", "settings.appsFolder", "settings.jdbcPassword");

        Answer notAUuid = create(owner, body("x", "not-a-uuid", Map.of("appsFolder", demoFolder)));
        assertThat(notAUuid.status()).isEqualTo(400);
        assertThat(errorFields(notAUuid)).containsExactly("organizationID");

        Answer tooLong = create(owner, body("x".repeat(101), otherOrganization, Map.of("appsFolder", demoFolder)));
        assertThat(errorFields(tooLong)).containsExactly("name");
        assertThat(http.postJson("/api/v1/connections", owner, "{\"name\": ").status()).isEqualTo(400);
        assertThat(http.get("/api/v1/connections/not-a-uuid", owner).status()).isEqualTo(400);
        assertThat(server.bean(ConnectionRepository.class).count()).isEqualTo(before);
    }

    @Test
    void secretsAreStoredEncryptedAndNeverReturned() {
        String secret = "s3cret-" + UUID.randomUUID();
        Answer created = create(owner, body("With secret", otherOrganization,
                Map.of("appsFolder", demoFolder, "jdbcPassword", secret)));
        assertThat(created.status()).isEqualTo(200);
        String id = created.data().get("id").asString();
        assertThat(created.body()).doesNotContain(secret);
        assertThat(created.data().get("secretsSet").findValuesAsString("")).isEmpty();
        assertThat(created.data().get("secretsSet").get(0).asString()).isEqualTo("jdbcPassword");
        assertThat(created.data().get("settings").has("jdbcPassword")).isFalse();
        assertThat(http.get("/api/v1/connections/" + id, owner).body()).doesNotContain(secret);
        assertThat(http.get("/api/v1/connections", owner).body()).doesNotContain(secret);

        ConnectionDocument stored = server.bean(ConnectionRepository.class).findById(id).orElseThrow();
        assertThat(stored.secrets().get("jdbcPassword")).startsWith("v1:").doesNotContain(secret);
        assertThat(server.bean(SecretCipher.class).decrypt(stored.secrets().get("jdbcPassword"))).isEqualTo(secret);

        Answer kept = put(owner, id, Map.of("name", "With secret", "settings", Map.of("appsFolder", demoFolder)));
        assertThat(kept.body()).doesNotContain(secret);
        assertThat(kept.data().get("secretsSet").get(0).asString()).isEqualTo("jdbcPassword");
        Map<String, Object> clear = new HashMap<>();
        clear.put("appsFolder", demoFolder);
        clear.put("jdbcPassword", null);
        Answer cleared = put(owner, id, Map.of("name", "With secret", "settings", clear));
        assertThat(cleared.data().get("secretsSet")).isEmpty();
        assertThat(server.bean(ConnectionRepository.class).findById(id).orElseThrow().secrets()).isEmpty();
        http.delete("/api/v1/connections/" + id, owner);
    }

    @Test
    void withoutCredentialsEveryRouteIs401() {
        String id = UUID.randomUUID().toString();
        assertThat(http.get("/api/v1/connections", null).status()).isEqualTo(401);
        assertThat(http.get("/api/v1/connections/" + id, null).status()).isEqualTo(401);
        assertThat(create(null, body("x", defaultOrganization, Map.of("appsFolder", demoFolder))).status()).isEqualTo(401);
        assertThat(put(null, id, Map.of("name", "x")).status()).isEqualTo(401);
        assertThat(http.delete("/api/v1/connections/" + id, null).status()).isEqualTo(401);
        assertThat(http.postJson("/api/v1/connections/" + id + "/test", null, "").status()).isEqualTo(401);
        assertThat(http.get("/api/v1/organizations/" + defaultOrganization + "/qlik-apps", null).status()).isEqualTo(401);
        assertThat(http.get("/api/v1/connections", "qak_not-a-real-key").status()).isEqualTo(401);
    }

    @Test
    void membersSeeConnectionsButOnlyAdministratorsChangeThem() {
        long before = server.bean(ConnectionRepository.class).count();
        Answer refused = create(member, body("Mine", defaultOrganization, Map.of("appsFolder", demoFolder)));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("isSuccess").asBoolean()).isFalse();
        Answer implicitOrganization = create(member, Map.of("name", "Mine", "type", "Embedded",
                "settings", Map.of("appsFolder", demoFolder)));
        assertThat(implicitOrganization.status()).isEqualTo(403);
        assertThat(server.bean(ConnectionRepository.class).count()).isEqualTo(before);

        String demo = find(http.get("/api/v1/connections?organizationId=" + defaultOrganization, member).data(),
                "name", "Demo apps").get("id").asString();
        assertThat(http.get("/api/v1/connections/" + demo, member).status()).isEqualTo(200);
        assertThat(put(member, demo, Map.of("name", "Hijacked", "settings", Map.of("appsFolder", "/tmp"))).status()).isEqualTo(403);
        assertThat(http.delete("/api/v1/connections/" + demo, member).status()).isEqualTo(403);
        assertThat(http.postJson("/api/v1/connections/" + demo + "/test", member, "").status()).isEqualTo(403);
        assertThat(http.get("/api/v1/connections/" + demo, owner).data().get("name").asString()).isEqualTo("Demo apps");
    }

    @Test
    void connectionsOfAnotherOrganizationAre404() {
        String id = create(owner, body("Elsewhere", otherOrganization, Map.of("appsFolder", demoFolder))).data().get("id").asString();
        assertThat(http.get("/api/v1/connections/" + id, member).status()).isEqualTo(404);
        assertThat(put(member, id, Map.of("name", "x", "settings", Map.of("appsFolder", demoFolder))).status()).isEqualTo(404);
        assertThat(http.delete("/api/v1/connections/" + id, member).status()).isEqualTo(404);
        assertThat(http.postJson("/api/v1/connections/" + id + "/test", member, "").status()).isEqualTo(404);
        assertThat(http.get("/api/v1/connections?organizationId=" + otherOrganization, member).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/connections", member).data().findValuesAsString("id")).doesNotContain(id);
        assertThat(http.get("/api/v1/organizations/" + otherOrganization + "/qlik-apps", member).status()).isEqualTo(404);
        assertThat(create(member, body("x", otherOrganization, Map.of("appsFolder", demoFolder))).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/organizations/" + UUID.randomUUID() + "/qlik-apps", owner).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/connections/" + UUID.randomUUID(), owner).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/connections/" + id, owner).status()).isEqualTo(200);
        http.delete("/api/v1/connections/" + id, owner);
    }
}
