package org.qalyptus.server.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import org.qalyptus.server.support.RunningServer;
import org.qalyptus.server.support.TenantFixture;
import org.qalyptus.server.support.TenantFixture.Org;
import org.qalyptus.server.support.TenantFixture.Person;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Generated from {@code shared/spec/rest-routes.tsv}: every route of the tenancy and identity groups is tried
 * against organization A's objects by an administrator of another organization (with an API key and with a
 * login session) and by a Viewer of A. Nothing may change in the store, and whatever answers 2xx must not
 * contain anything of A the caller may not see.
 */
class TenancyIsolationTest {

    static final Set<String> GROUPS = Set.of("Organizations", "Users", "Groups", "API keys", "Identity provider", "Licenses");
    static final List<String> COLLECTIONS = List.of("organizations", "users", "groups", "apiKeys", "apiKeyQuotas",
            "identityProviders", "projects", "connections", "apps", "reports", "filters", "conditions", "tasks");
    /** Routes a Viewer of A may read: members see their organization, its users and groups, and their own keys. */
    static final Set<String> VIEWER_READABLE = Set.of("GET /api/v1/organizations", "GET /api/v1/organizations/{id}",
            "GET /api/v1/organizations/user", "GET /api/v1/organizations/{id}/members",
            "GET /api/v1/organizations/{id}/qlik-apps", "GET /api/v1/organizations/{id}/projects",
            "GET /api/v1/users", "GET /api/v1/users/{id}",
            "GET /api/v1/groups", "GET /api/v1/groups/{id}", "GET /api/v1/groups/{id}/members");

    @TempDir
    static Path dataDir;

    static RunningServer server;
    static Http http;
    static Org a;
    static Person adminA;
    static Person viewerA;
    static Person userA;
    static Person attacker;
    static String groupA;
    static String providerA;
    static String keyIdA;
    static List<String> secretsOfA;
    static Map<String, String> bodies;
    static byte[] importFile;

    record Route(String group, String method, String path) {
        String key() {
            return method + " " + path;
        }
    }

    @BeforeAll
    static void setUp() {
        server = RunningServer.start(dataDir, RunningServer.SOURCE_TREE_PLUGINS);
        http = server.http();
        TenantFixture tenant = new TenantFixture(server);
        a = tenant.organization("Alpha");
        Org b = tenant.organization("Bravo");
        adminA = tenant.administrator(a);
        viewerA = tenant.viewer(a);
        userA = tenant.member(a, "Member", "Creator");
        attacker = tenant.administrator(b);
        groupA = http.postJson("/api/v1/groups", adminA.key(), Http.json(Map.of("name", "Alpha team",
                "organizationID", a.id()))).data().get("id").asString();
        http.putJson("/api/v1/groups/" + groupA + "/members", adminA.key(), Http.json(List.of(userA.id())));
        providerA = http.postJson("/api/v1/identity-providers", adminA.key(), Http.json(Map.of("name", "Alpha SSO",
                "type", "Oidc", "clientID", "alpha", "clientSecret", "alpha-secret",
                "authorizationEndpoint", "https://alpha.example.com/a", "accessTokenEndpoint", "https://alpha.example.com/t",
                "userinfoEndpoint", "https://alpha.example.com/u"))).data().get("id").asString();
        keyIdA = http.postJson("/api/v1/api-keys", adminA.session(), Http.json(Map.of("name", "Alpha key",
                "expiryDate", Instant.now().plus(10, ChronoUnit.DAYS).toString(), "organizationID", a.id())))
                .data().get("id").asString();
        String project = tenant.contentOwnedBy("projects", userA.id(), a.id());
        String connection = tenant.contentOwnedBy("connections", adminA.id(), a.id());
        String app = tenant.contentOwnedBy("apps", adminA.id(), a.id());
        secretsOfA = List.of(a.id(), a.name(), adminA.id(), adminA.email(), viewerA.id(), userA.id(), userA.email(),
                groupA, a.allUsersGroupId(), providerA, keyIdA, project, connection, app);
        importFile = workbook(List.of("Email", "First name", "Last name", "Organization"),
                List.of("intruder-" + UUID.randomUUID() + "@example.com", "In", "Truder", a.name()));
        String expiry = Instant.now().plus(10, ChronoUnit.DAYS).toString();
        bodies = new LinkedHashMap<>();
        bodies.put("POST /api/v1/organizations", Http.json(Map.of("displayName", "Rogue", "themeID", UUID.randomUUID().toString())));
        bodies.put("PUT /api/v1/organizations/{id}", Http.json(Map.of("displayName", "Hacked", "themeID", UUID.randomUUID().toString())));
        bodies.put("PUT /api/v1/organizations/{id}/authentications", "{\"qalyptusAuth\": true, \"identityProvider\": null}");
        bodies.put("DELETE /api/v1/organizations", Http.json(List.of(a.id())));
        bodies.put("POST /api/v1/users", Http.json(Map.of("firstName", "Rogue", "lastName", "User",
                "email", "rogue-" + UUID.randomUUID() + "@example.com", "organizations", List.of(a.id()))));
        bodies.put("PUT /api/v1/users/{id}", Http.json(Map.of("type", "status", "value", "Disabled")));
        bodies.put("DELETE /api/v1/users", Http.json(List.of(userA.id())));
        bodies.put("POST /api/v1/users/{id}/transfer", Http.json(Map.of("newUserID", attacker.id(), "transferContent", true,
                "transferPermissions", true)));
        bodies.put("POST /api/v1/users/invite", Http.json(Map.of("emails", List.of("rogue-" + UUID.randomUUID() + "@example.com"),
                "organizations", List.of(Map.of("organizationID", a.id(), "role", "Administrator", "license", "Creator")))));
        bodies.put("POST /api/v1/groups", Http.json(Map.of("name", "Rogue group", "organizationID", a.id())));
        bodies.put("PUT /api/v1/groups/{id}", Http.json(Map.of("name", "Hacked group")));
        bodies.put("DELETE /api/v1/groups", Http.json(List.of(groupA)));
        bodies.put("PUT /api/v1/groups/{id}/members", Http.json(List.of(adminA.id(), viewerA.id())));
        bodies.put("POST /api/v1/api-keys", Http.json(Map.of("name", "Rogue key", "expiryDate", expiry, "organizationID", a.id())));
        bodies.put("PUT /api/v1/api-keys/{id}", Http.json(Map.of("name", "Hacked key")));
        bodies.put("DELETE /api/v1/api-keys", Http.json(List.of(keyIdA)));
        bodies.put("POST /api/v1/identity-providers", Http.json(Map.of("name", "Rogue SSO", "type", "Oidc", "clientID", "x",
                "clientSecret", "y", "authorizationEndpoint", "https://evil.example.com/a",
                "accessTokenEndpoint", "https://evil.example.com/t", "userinfoEndpoint", "https://evil.example.com/u",
                "organizationID", a.id())));
        bodies.put("PUT /api/v1/identity-providers/{id}", Http.json(Map.of("name", "Hacked SSO", "clientID", "x",
                "clientSecret", "stolen", "authorizationEndpoint", "https://evil.example.com/a",
                "accessTokenEndpoint", "https://evil.example.com/t", "userinfoEndpoint", "https://evil.example.com/u")));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Finds {@code shared/spec/rest-routes.tsv} beside the repository, walking up from the working directory. */
    static Path routesFile() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/spec/rest-routes.tsv");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/spec/rest-routes.tsv was not found above " + Path.of("").toAbsolutePath());
    }

    static List<Route> routes() {
        try {
            return Files.readAllLines(routesFile()).stream().skip(1).map(line -> line.split("\t"))
                    .filter(cols -> cols.length >= 3 && GROUPS.contains(cols[0]))
                    .map(cols -> new Route(cols[0], cols[1], cols[2])).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String idFor(Route route) {
        return switch (route.group()) {
            case "Organizations" -> a.id();
            case "Users" -> userA.id();
            case "Groups" -> groupA;
            case "API keys" -> keyIdA;
            case "Identity provider" -> providerA;
            default -> throw new IllegalStateException(route.group() + " has no {id}");
        };
    }

    static Answer call(Route route, String token) {
        String path = route.path().replace("{id}", route.path().contains("{id}") ? idFor(route) : "");
        if (route.key().equals("POST /api/v1/users/import")) {
            String boundary = "----iso" + UUID.randomUUID();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"u.xlsx\"\r\n"
                    + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(importFile);
            body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return http.post(path, token, "multipart/form-data; boundary=" + boundary, BodyPublishers.ofByteArray(body.toByteArray()));
        }
        String body = bodies.get(route.key());
        if (body == null && !route.method().equals("GET") && !(route.method().equals("DELETE") && route.path().contains("{id}"))) {
            fail("No request body for " + route.key() + ": add one to this test");
        }
        var request = http.request(path, token);
        if (body != null) {
            request.header("Content-Type", "application/json").method(route.method(), BodyPublishers.ofString(body));
        } else {
            request.method(route.method(), BodyPublishers.noBody());
        }
        return http.send(request);
    }

    static Map<String, List<Document>> snapshot() {
        MongoTemplate mongo = server.bean(MongoTemplate.class);
        Map<String, List<Document>> all = new LinkedHashMap<>();
        for (String collection : COLLECTIONS) {
            List<Document> documents = new ArrayList<>(mongo.findAll(Document.class, collection));
            documents.sort(Comparator.comparing(d -> String.valueOf(d.get("_id"))));
            all.put(collection, documents);
        }
        return all;
    }

    static byte[] workbook(List<String> header, List<String> row) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            var sheet = workbook.createSheet("Users");
            int r = 0;
            for (List<String> values : List.of(header, row)) {
                Row excelRow = sheet.createRow(r++);
                for (int c = 0; c < values.size(); c++) {
                    excelRow.createCell(c).setCellValue(values.get(c));
                }
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyRouteOfTheGroupsIsCovered() {
        List<Route> routes = routes();
        return Stream.of(DynamicTest.dynamicTest("43 routes in the six groups", () -> assertThat(routes).hasSize(43)));
    }

    @TestFactory
    Stream<DynamicTest> everyRouteWantsValidCredentials() {
        return routes().stream().flatMap(route -> Stream.of(null, "qak_forged", "Basic dXNlcjpwYXNz").map(token ->
                DynamicTest.dynamicTest((token == null ? "no credential: " : "bad credential: ") + route.key(), () -> {
                    Map<String, List<Document>> before = snapshot();
                    Answer answer = token != null && token.startsWith("Basic")
                            ? http.send(http.request(route.path().replace("{id}", UUID.randomUUID().toString()), null)
                                    .header("Authorization", token).GET())
                            : call(route, token);
                    assertThat(answer.status()).as(route.key()).isEqualTo(401);
                    assertThat(answer.json().get("isSuccess").asBoolean()).isFalse();
                    assertThat(snapshot()).isEqualTo(before);
                })));
    }

    @TestFactory
    Stream<DynamicTest> anotherOrganizationSeesAndChangesNothingOfA() {
        return routes().stream().flatMap(route -> Stream.of(
                DynamicTest.dynamicTest("API key of another organization: " + route.key(), () -> asStranger(route, attacker.key())),
                DynamicTest.dynamicTest("session of another organization: " + route.key(), () -> asStranger(route, attacker.session()))));
    }

    static void asStranger(Route route, String token) {
        Map<String, List<Document>> before = snapshot();
        Answer answer = call(route, token);
        assertThat(snapshot()).as("store unchanged by " + route.key()).isEqualTo(before);
        assertThat(answer.status()).as(route.key()).isNotEqualTo(500);
        if (answer.status() / 100 == 2) {
            assertThat(route.method()).as("only reads may succeed: " + route.key()).isEqualTo("GET");
            assertThat(route.path()).as("no object of A may be read: " + route.key()).doesNotContain("{id}");
            for (String secret : secretsOfA) {
                assertThat(answer.body()).as(route.key() + " leaks " + secret).doesNotContain(secret);
            }
        } else if (route.path().contains("{id}")) {
            assertThat(answer.status()).as("objects of another organization are 404: " + route.key()).isEqualTo(404);
        } else {
            assertThat(answer.status()).as(route.key()).isIn(400, 403, 404);
        }
    }

    @TestFactory
    Stream<DynamicTest> aViewerOfAChangesNothingAndSeesNoAdministrativeData() {
        return routes().stream().map(route -> DynamicTest.dynamicTest("Viewer of A: " + route.key(), () -> {
            Map<String, List<Document>> before = snapshot();
            Answer answer = call(route, viewerA.key());
            Map<String, List<Document>> after = snapshot();
            assertThat(answer.status()).as(route.key()).isNotEqualTo(500);
            if (route.key().equals("POST /api/v1/api-keys")) {
                // Everyone may create API keys for themselves, a Viewer too: the only change is the Viewer's own key.
                assertThat(answer.status()).isEqualTo(200);
                assertThat(after.get("apiKeys")).hasSize(before.get("apiKeys").size() + 1);
                assertThat(after.get("apiKeys").stream().filter(k -> !before.get("apiKeys").contains(k)))
                        .singleElement().satisfies(k -> assertThat(k.getString("userId")).isEqualTo(viewerA.id()));
                after.remove("apiKeys");
                after.remove("apiKeyQuotas");
                before.remove("apiKeys");
                before.remove("apiKeyQuotas");
                assertThat(after).isEqualTo(before);
                return;
            }
            assertThat(after).as("store unchanged by " + route.key()).isEqualTo(before);
            if (VIEWER_READABLE.contains(route.key())) {
                assertThat(answer.status()).as(route.key()).isEqualTo(200);
                assertThat(answer.body()).as("no secret in " + route.key()).doesNotContain("alpha-secret");
            } else if (route.key().equals("GET /api/v1/api-keys") || route.key().equals("GET /api/v1/identity-providers")) {
                assertThat(answer.status()).isEqualTo(200);
                assertThat(answer.body()).doesNotContain(keyIdA).doesNotContain(providerA);
            } else {
                assertThat(answer.status()).as(route.key()).isIn(403, 404);
            }
        }));
    }
}
