package org.qalyptus.server.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.qalyptus.server.permission.Permission;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import org.qalyptus.server.support.SharedServer;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Generated from {@code shared/spec/rest-routes.tsv}: every route of the Projects group, tried with a
 * valid request against a project of organization A by a user of organization B and by a Viewer of A
 * without permissions, sees no data of the project and changes nothing in the store.
 */
class ProjectRoutesIsolationTest {

    private static final String GROUP = "Projects";
    private static final Set<String> WATCHED = Set.of("projects", "permissions", "permissionDomains", "permissionMembers", "reports",
            "filters", "conditions", "tasks", "users", "groups", "organizations");

    private static Tenancy t;
    private static String projectId;
    private static String projectName;
    private static String memberPermissionId;

    record Route(String method, String path, String operation) {}

    @BeforeAll
    static void target() {
        t = new Tenancy(SharedServer.get());
        JsonNode project = t.project(t.creator, Tenancy.unique("Secret project"));
        projectId = project.get("id").asString();
        projectName = project.get("name").asString();
        memberPermissionId = t.grant(projectId, t.explorer.id(), "User", t.creator.key());
        MongoTemplate mongo = t.server.bean(MongoTemplate.class);
        for (String collection : ProjectService.CONTENT_COLLECTIONS) {
            mongo.getCollection(collection).insertOne(new Document("_id", collection + "-" + projectId)
                    .append("projectId", projectId));
        }
    }

    /** The routes file, found beside an ancestor of the working directory (in CI the clone sits next to shared/). */
    static Path routesFile() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/spec/rest-routes.tsv");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/spec/rest-routes.tsv not found above " + Path.of("").toAbsolutePath());
    }

    static List<Route> routes() throws IOException {
        try (Stream<String> lines = Files.lines(routesFile())) {
            return lines.skip(1).map(line -> line.split("\t"))
                    .filter(cells -> cells.length >= 4 && cells[0].equals(GROUP))
                    .map(cells -> new Route(cells[1], cells[2], cells[3]))
                    .toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyProjectsRouteShowsAndChangesNothingForOutsidersAndViewers() throws IOException {
        List<Route> routes = routes();
        assertThat(routes).as("the Projects group of rest-routes.tsv").hasSize(15);
        List<DynamicTest> tests = new ArrayList<>();
        for (Route route : routes) {
            tests.add(DynamicTest.dynamicTest("outsider: " + route.method() + " " + route.path(),
                    () -> triesAndFails(route, t.outsider.key(), t.orgB)));
            tests.add(DynamicTest.dynamicTest("key limited to B: " + route.method() + " " + route.path(),
                    () -> triesAndFails(route, t.inBothKeyForB.key(), t.orgB)));
            tests.add(DynamicTest.dynamicTest("viewer: " + route.method() + " " + route.path(),
                    () -> triesAndFails(route, t.viewer.key(), t.orgA)));
        }
        return tests.stream();
    }

    private static void triesAndFails(Route route, String key, String callerOrganization) {
        Map<String, String> before = snapshot();
        String path = route.path()
                .replace("/organization/{id}", "/organization/" + t.orgA)
                .replace("{id}", projectId)
                .replace("{memberPermissionId}", memberPermissionId)
                .replace("{ownerId}", t.otherCreator.id())
                .replace("{value}", "false");
        assertThat(path).doesNotContain("{");
        String body = body(route);
        Answer answer = t.http.send(t.http.request(path, key).header("Content-Type", "application/json")
                .method(route.method(), body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body)));

        assertThat(answer.status()).as(route + " " + answer.body()).isIn(200, 403, 404);
        JsonNode data = answer.json().get("data");
        if (answer.status() == 200) {
            assertThat(route.method()).as("only reads may succeed: " + answer.body()).isEqualTo("GET");
            assertThat(data.toString()).doesNotContain(projectId).doesNotContain(projectName)
                    .doesNotContain(memberPermissionId);
        } else {
            assertThat(data.isNull()).isTrue();
        }
        assertThat(snapshot()).as("nothing changed").isEqualTo(before);
    }

    /** A request body the route would accept from someone with the right; null for routes without one. */
    private static String body(Route route) {
        String key = route.method() + " " + route.path();
        Map<String, Boolean> all = new LinkedHashMap<>();
        for (Permission p : Permission.values()) {
            all.put(p.flag(), true);
        }
        return switch (key) {
            case "POST /api/v1/projects" -> Http.json(Map.of("name", Tenancy.unique("Intruder"), "organizationID", t.orgA));
            case "PUT /api/v1/projects/{id}" -> Http.json(Map.of("name", "Renamed by an intruder"));
            case "DELETE /api/v1/projects" -> Http.json(List.of(projectId));
            case "PUT /api/v1/projects/{id}/permissions" -> Http.json(Map.of(
                    "members", List.of(Map.of("id", t.viewer.id(), "type", "User")), "permissions", all));
            case "PUT /api/v1/projects/{id}/permissions/{memberPermissionId}" -> Http.json(all);
            case "DELETE /api/v1/projects/{id}/permissions" -> Http.json(List.of(memberPermissionId));
            default -> {
                if (route.method().equals("POST") || route.method().equals("PUT") && !route.path().matches(".*/\\{\\w+}$")) {
                    throw new IllegalStateException("No request body known for " + key + ": add one to this test");
                }
                yield null;
            }
        };
    }

    /** Every document of the watched collections, as JSON by id. */
    private static Map<String, String> snapshot() {
        MongoTemplate mongo = t.server.bean(MongoTemplate.class);
        Map<String, String> all = new TreeMap<>();
        for (String collection : WATCHED) {
            for (Document document : mongo.getCollection(collection).find()) {
                all.put(collection + "/" + document.get("_id"), document.toJson());
            }
        }
        return all.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue,
                (a, b) -> a, TreeMap::new));
    }
}
