package org.qalyptus.server.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.qalyptus.server.support.AppBackend;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import org.qalyptus.server.support.RunningServer;
import org.qalyptus.server.support.SharedServer;
import org.qalyptus.server.support.TenantFixture;
import org.qalyptus.server.support.TenantFixture.Org;
import org.qalyptus.server.support.TenantFixture.Person;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Organizations, people, a project and reports on the demo Sales app for the execution tests, made through
 * the real routes where they exist (filters and conditions are written as their features store them).
 */
final class ExecutionWorld {

    static final String SALES_DEMO = "8f3c2a1e-6d4b-4c7a-9e2f-5b1d0a9c7e31";
    static final String TEMPLATE = """
            <html><body><h1>${report.name}</h1>
            <p>Regions: ${selected("region")?join(", ")}</p>
            </body></html>
            """;

    final RunningServer server;
    final Http http;
    final TenantFixture fixture;
    final Org orgA;
    final Org orgB;
    final Person admin;
    final Person creator;
    final Person viewer;
    final Person outsider;
    final String projectId;

    private static ExecutionWorld shared;

    static synchronized ExecutionWorld get() {
        if (shared == null) {
            shared = new ExecutionWorld(SharedServer.get());
        }
        return shared;
    }

    ExecutionWorld(RunningServer server) {
        this(server, AppBackend.EMBEDDED);
    }

    /** The world with the Sales demo app of organization A served by {@code backend}. */
    ExecutionWorld(RunningServer server, AppBackend backend) {
        this(server, backend, server.dataDir().resolve("demo-apps"));
    }

    /** The world with the embedded apps of {@code appsFolder} (a copy of the demo apps with test additions). */
    ExecutionWorld(RunningServer server, java.nio.file.Path appsFolder) {
        this(server, AppBackend.EMBEDDED, appsFolder);
    }

    private ExecutionWorld(RunningServer server, AppBackend backend, java.nio.file.Path appsFolder) {
        this.server = server;
        this.http = server.http();
        this.fixture = new TenantFixture(server);
        orgA = fixture.organization("Exec A");
        orgB = fixture.organization("Exec B");
        admin = fixture.administrator(orgA);
        creator = fixture.member(orgA, "Member", "Creator");
        viewer = fixture.viewer(orgA);
        outsider = fixture.administrator(orgB);
        if (backend == AppBackend.EMBEDDED) {
            Answer connection = http.postJson("/api/v1/connections", admin.key(), Http.json(Map.of("name",
                    TenantFixture.unique("Apps"), "type", "Embedded", "organizationID", orgA.id(), "settings",
                    Map.of("appsFolder", appsFolder.toString()))));
            assertThat(connection.status()).as(connection.body()).isEqualTo(200);
        } else {
            backend.connect(server, orgA, admin);
        }
        Answer project = http.postJson("/api/v1/projects", creator.key(),
                Http.json(Map.of("name", TenantFixture.unique("Exec project"), "organizationID", orgA.id())));
        assertThat(project.status()).as(project.body()).isEqualTo(200);
        projectId = project.data().get("id").asString();
    }

    MongoTemplate mongo() {
        return server.bean(MongoTemplate.class);
    }

    /** An HTML report on the Sales app with the test template; iterated over region when asked. */
    String report(boolean iterateOverRegion) {
        Answer created = http.postJson("/api/v1/reports", creator.key(), Http.json(Map.of("name",
                TenantFixture.unique("Sales"), "projectID", projectId, "type", "HTML", "qlikAppIDs", List.of(SALES_DEMO))));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String id = created.data().get("id").asString();
        String name = created.data().get("name").asString();
        Answer saved = put("/api/v1/reports/" + id + "/html-content", creator.key(), Map.of("htmlContent", TEMPLATE));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        if (iterateOverRegion) {
            Map<String, Object> update = new LinkedHashMap<>();
            update.put("name", name);
            update.put("isIteration", true);
            update.put("iterationFields", List.of(Map.of("fieldName", "region")));
            update.put("dynamicNames", List.of(Map.of("type", "Text", "value", "Sales"), Map.of("type", "Field", "value", "region")));
            update.put("dynamicNameSeparator", "-");
            Answer updated = put("/api/v1/reports/" + id, creator.key(), update);
            assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        }
        return id;
    }

    /**
     * A copy of the demo apps whose Sales app has the extra variables {@code name: definition} (for per-value
     * recipients, Cc variables...), in a new folder of the server's data folder.
     */
    static java.nio.file.Path demoAppsWith(RunningServer server, Map<String, String> variables) {
        try {
            java.nio.file.Path source = server.dataDir().resolve("demo-apps");
            java.nio.file.Path copy = server.dataDir().resolve("apps").resolve("test-" + UUID.randomUUID());
            try (var paths = java.nio.file.Files.walk(source)) {
                for (java.nio.file.Path path : paths.toList()) {
                    java.nio.file.Path target = copy.resolve(source.relativize(path).toString());
                    if (java.nio.file.Files.isDirectory(path)) {
                        java.nio.file.Files.createDirectories(target);
                    } else {
                        java.nio.file.Files.copy(path, target);
                    }
                }
            }
            java.nio.file.Path yaml = copy.resolve("sales-demo/app.yaml");
            StringBuilder added = new StringBuilder("variables:\n");
            variables.forEach((name, definition) -> added.append("  - {name: ").append(name).append(", definition: \"")
                    .append(definition.replace("\"", "\\\"")).append("\"}\n"));
            String text = java.nio.file.Files.readString(yaml);
            java.nio.file.Files.writeString(yaml, text.replaceFirst("(?m)^variables:\n", java.util.regex.Matcher
                    .quoteReplacement(added.toString())));
            return copy;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    String task(String name) {
        Answer answer = http.postJson("/api/v1/tasks", creator.key(), Http.json(Map.of("name", name, "projectID", projectId)));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.data().get("id").asString();
    }

    String taskReport(String taskId, Map<String, Object> body) {
        Answer added = put("/api/v1/tasks/" + taskId + "/reports", creator.key(), body);
        assertThat(added.status()).as(added.body()).isEqualTo(200);
        return added.data().get("id").asString();
    }

    /** A filter on the Sales app selecting {@code values} of {@code field}, stored as the filter feature stores it. */
    String filter(String field, List<String> values) {
        String id = UUID.randomUUID().toString();
        String name = TenantFixture.unique("Filter");
        mongo().insert(new Document("_id", id).append("projectId", projectId).append("organizationId", orgA.id())
                .append("name", name).append("nameKey", name.toLowerCase()).append("ownerId", creator.id())
                .append("version", 0L).append("appId", SALES_DEMO).append("items", List.of(new Document("_id",
                        UUID.randomUUID().toString()).append("type", "Field").append("elementId", UUID.randomUUID().toString())
                        .append("name", field).append("values", values))), "filters");
        return id;
    }

    /** A condition with one rule comparing an expression of the Sales app with a value. */
    String condition(String expression, String operator, String value) {
        String id = UUID.randomUUID().toString();
        String name = TenantFixture.unique("Condition");
        Document check = new Document("type", "Expression").append("expression", expression).append("operator", operator)
                .append("compareWith", "Value").append("value", value);
        mongo().insert(new Document("_id", id).append("projectId", projectId).append("organizationId", orgA.id())
                .append("name", name).append("nameKey", name.toLowerCase()).append("ownerId", creator.id())
                .append("version", 0L).append("rules", List.of(new Document("_id", UUID.randomUUID().toString())
                        .append("name", "rule").append("appId", SALES_DEMO).append("values", List.of(check)))), "conditions");
        return id;
    }

    Answer put(String path, String key, Object body) {
        return http.send(http.request(path, key).header("Content-Type", "application/json")
                .PUT(BodyPublishers.ofString(Http.json(body))));
    }

    /** Runs the task and waits for its execution to end. */
    JsonNode runAndWait(String taskId) {
        Answer queued = http.postJson("/api/v1/tasks/" + taskId + "/run", creator.key(), "");
        assertThat(queued.status()).as(queued.body()).isEqualTo(200);
        return waitFor("/api/v1/status/tasks/", queued.data().get("id").asString());
    }

    JsonNode waitFor(String prefix, String executionId) {
        return waitFor(prefix, executionId, Duration.ofSeconds(60));
    }

    JsonNode waitFor(String prefix, String executionId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Answer status = http.get(prefix + executionId, creator.key());
            assertThat(status.status()).as(status.body()).isEqualTo(200);
            String value = status.data().get("status").asString();
            if (!value.equals("Queued") && !value.equals("Running")) {
                return status.data();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("execution " + executionId + " did not end in " + timeout);
    }

    String log(String executionId) {
        return http.get("/api/v1/status/tasks/" + executionId + "/log", creator.key()).body();
    }

    static Map<String, Object> body(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
