package org.qalyptus.server.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.qalyptus.server.group.GroupDocument;
import org.qalyptus.server.group.GroupRepository;
import org.qalyptus.server.permission.Permission;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import org.qalyptus.server.support.RunningServer;
import org.qalyptus.server.support.SharedServer;
import org.qalyptus.server.support.TenantFixture;
import org.qalyptus.server.support.TenantFixture.Org;
import org.qalyptus.server.support.TenantFixture.Person;
import org.qalyptus.server.user.UserDocument;
import org.qalyptus.server.user.UserRepository;
import org.qalyptus.server.user.UserStatus;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;

/**
 * Two organizations on the shared server for the task tests: A with people of every license, a team
 * group, a recipient-only user and a connection serving two small embedded apps (so external events,
 * variables and app mappings have real apps); B with an administrator. Reports, filters, conditions and
 * storage services are written straight into their collections, as their features store them.
 */
final class TaskWorld {

    static final String VARIABLE = "vCc";

    final RunningServer server;
    final Http http;
    final TenantFixture fixture;
    final Org orgA;
    final Org orgB;
    final String teamA;
    final Person administrator;
    final Person creator;
    final Person otherCreator;
    final Person explorer;
    final Person viewer;
    final Person teamMember;
    final Person outsider;
    final String recipientOnlyA;
    final String appOne;
    final String appTwo;

    private static TaskWorld shared;

    static synchronized TaskWorld get() {
        if (shared == null) {
            shared = new TaskWorld(SharedServer.get());
        }
        return shared;
    }

    private TaskWorld(RunningServer server) {
        this.server = server;
        this.http = server.http();
        this.fixture = new TenantFixture(server);
        orgA = fixture.organization("Tasks A");
        orgB = fixture.organization("Tasks B");
        teamA = UUID.randomUUID().toString();
        server.bean(GroupRepository.class).insert(new GroupDocument(teamA, orgA.id(), "Team", null, false, Instant.now()));
        administrator = fixture.administrator(orgA);
        creator = fixture.member(orgA, "Member", "Creator");
        otherCreator = fixture.member(orgA, "Member", "Creator");
        explorer = fixture.member(orgA, "Member", "Explorer");
        viewer = fixture.viewer(orgA);
        teamMember = fixture.member(orgA, "Member", "Creator");
        addToGroup(teamMember, teamA);
        outsider = fixture.administrator(orgB);
        recipientOnlyA = recipientOnly(orgA);
        appOne = UUID.randomUUID().toString();
        appTwo = UUID.randomUUID().toString();
        connectApps();
    }

    private void addToGroup(Person person, String groupId) {
        UserRepository users = server.bean(UserRepository.class);
        UserDocument user = users.findById(person.id()).orElseThrow();
        users.save(user.withMemberships(user.memberships().stream()
                .map(m -> m.organizationId().equals(orgA.id())
                        ? m.withGroupIds(java.util.stream.Stream.concat(m.groupIds().stream(), java.util.stream.Stream.of(groupId)).toList())
                        : m)
                .toList()));
    }

    private String recipientOnly(Org org) {
        String id = UUID.randomUUID().toString();
        server.bean(UserRepository.class).insert(new UserDocument(id, "recipient-" + id.substring(0, 8) + "@example.com",
                "Rita", "Recipient", null, UserStatus.Active, UserDocument.RECIPIENT, false, false,
                List.of(new UserDocument.Membership(org.id(), "Member", "Unlicensed", List.of(org.allUsersGroupId()))), "en",
                "UTC", Instant.now()));
        return id;
    }

    /** Two tiny apps (same variable names, other ids) served by an Embedded connection of organization A. */
    private void connectApps() {
        try {
            Path folder = Files.createDirectories(server.dataDir().resolve("apps")).resolve("task-apps-" + UUID.randomUUID());
            Files.createDirectories(folder);
            writeApp(folder.resolve("one"), appOne, "App one");
            writeApp(folder.resolve("two"), appTwo, "App two");
            Answer created = http.postJson("/api/v1/connections", administrator.key(), Http.json(Map.of("name", "Task apps",
                    "type", "Embedded", "organizationID", orgA.id(), "settings", Map.of("appsFolder", folder.toString()))));
            assertThat(created.status()).as(created.body()).isEqualTo(200);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeApp(Path folder, String id, String name) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("sales.csv"), "region,revenue\nEurope,10\nAsia,20\n");
        Files.writeString(folder.resolve("app.yaml"), """
                id: %s
                name: %s
                tables:
                  - name: sales
                    source: {csv: sales.csv}
                    fields:
                      - {name: region, type: text}
                      - {name: revenue, type: number}
                variables:
                  - {name: %s, definition: "boss@example.com"}
                  - {name: vShow, definition: "1"}
                """.formatted(id, name, VARIABLE));
    }

    // ---- content ----

    static String unique(String name) {
        return name + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A project of organization A owned by {@code owner}. */
    JsonNode project(Person owner) {
        Answer answer = http.postJson("/api/v1/projects", owner.key(),
                Http.json(Map.of("name", unique("Tasks project"), "organizationID", orgA.id())));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.data();
    }

    JsonNode task(Person owner, String projectId, String name) {
        Answer answer = http.postJson("/api/v1/tasks", owner.key(), Http.json(Map.of("name", name, "projectID", projectId)));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.data();
    }

    JsonNode task(Person owner, String projectId) {
        return task(owner, projectId, unique("Task"));
    }

    void customizable(String projectId, Person manager) {
        Answer answer = put("/api/v1/projects/" + projectId + "/permission-mode/false", manager.key(), "");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    /** Grants exactly {@code flags} on the project to a user or group. */
    void grant(String projectId, String memberId, String type, Person manager, String... flags) {
        Map<String, Boolean> permissions = new LinkedHashMap<>();
        for (Permission p : Permission.values()) {
            permissions.put(p.flag(), List.of(flags).contains(p.flag()));
        }
        Answer answer = put("/api/v1/projects/" + projectId + "/permissions", manager.key(), Http.json(Map.of(
                "members", List.of(Map.of("id", memberId, "type", type)), "permissions", permissions)));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    String report(String projectId, String ownerId, String name, String type, boolean isIteration, List<String> appIds) {
        String id = UUID.randomUUID().toString();
        mongo().insert(new Document("_id", id).append("projectId", projectId).append("organizationId", orgOf(projectId))
                .append("name", name).append("nameKey", name.toLowerCase()).append("description", "about " + name)
                .append("ownerId", ownerId).append("version", 0L).append("type", type).append("isIteration", isIteration)
                .append("iterationFields", isIteration ? List.of("region") : List.of()).append("appIds", appIds), "reports");
        return id;
    }

    String filter(String projectId, String ownerId, String name, String appId) {
        String id = UUID.randomUUID().toString();
        mongo().insert(new Document("_id", id).append("projectId", projectId).append("organizationId", orgOf(projectId))
                .append("name", name).append("nameKey", name.toLowerCase()).append("ownerId", ownerId).append("version", 0L)
                .append("appId", appId).append("items", List.of()), "filters");
        return id;
    }

    String condition(String projectId, String ownerId, String name) {
        String id = UUID.randomUUID().toString();
        mongo().insert(new Document("_id", id).append("projectId", projectId).append("organizationId", orgOf(projectId))
                .append("name", name).append("nameKey", name.toLowerCase()).append("ownerId", ownerId).append("version", 0L)
                .append("rules", List.of()), "conditions");
        return id;
    }

    String storageService(String organizationId, String name) {
        String id = UUID.randomUUID().toString();
        mongo().insert(new Document("_id", id).append("organizationId", organizationId).append("name", name)
                .append("nameKey", name.toLowerCase(java.util.Locale.ROOT)).append("type", "Folder")
                .append("ownerId", administrator.id()).append("version", 0L), "storageServices");
        return id;
    }

    private String orgOf(String projectId) {
        Document project = mongo().findById(projectId, Document.class, "projects");
        return project == null ? orgA.id() : project.getString("organizationId");
    }

    MongoTemplate mongo() {
        return server.bean(MongoTemplate.class);
    }

    /** The stored task document, as raw BSON, to compare before and after a refused request. */
    Document stored(String taskId) {
        return mongo().findOne(new Query(Criteria.where("_id").is(taskId)), Document.class, "tasks");
    }

    // ---- HTTP ----

    Answer put(String path, String key, String json) {
        return http.send(http.request(path, key).header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(json)));
    }

    Answer put(String path, String key, Object body) {
        return put(path, key, Http.json(body));
    }

    Answer deleteJson(String path, String key, Object body) {
        return http.deleteJson(path, key, Http.json(body));
    }

    static void assertStatus(Answer answer, int status) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.json().get("isSuccess").asBoolean()).as(answer.body()).isEqualTo(status == 200);
        if (status != 200) {
            assertThat(answer.json().get("data").isNull()).as(answer.body()).isTrue();
        }
    }

    static void assertInvalid(Answer answer, String... fields) {
        assertStatus(answer, 400);
        List<String> reported = answer.json().get("errorDetails").valueStream().map(e -> e.get("field").asString()).toList();
        assertThat(reported).as(answer.body()).contains(fields);
    }

    static List<String> ids(Answer answer) {
        assertStatus(answer, 200);
        return answer.data().valueStream().map(n -> n.get("id").asString()).toList();
    }

    static Map<String, Object> body(Object... keyValues) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
