package org.qalyptus.server.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qalyptus.server.filter.ContentFixture;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import org.qalyptus.server.support.RunningServer;
import tools.jackson.databind.JsonNode;

/**
 * tasks -> email, recipients, triggers, schedules, external events, task reports -> report, and the members'
 * permissions of tasks and reports cost the same store reads for 1 task as for 6: every link is batched. On its
 * own server (as {@link NestedQueryStoreReadsTest}) so that no other test's data or timers land in the counts.
 */
class TaskLinksStoreReadsTest {

    @TempDir
    static Path dataDir;
    static RunningServer server;

    @BeforeAll
    static void start() {
        server = RunningServer.start(dataDir, RunningServer.SOURCE_TREE_PLUGINS,
                "--spring.main.sources=" + StoreCommandCounter.class.getName(),
                "--qalyptus.permissions.version-check-interval=1h", "--qalyptus.permissions.domain-recheck-interval=1h",
                "--qalyptus.execution.enabled=false");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static final String TASKS = """
            query($p: ID!) { tasks(first: 50, projectId: $p) { totalCount nodes { name email { subject }
              recipients { name email } triggers { id } schedules { nextRuns(count: 2) { at } } externalEvents { appName }
              permissions { memberId } taskReports { name format report { name permissions { memberId } } } } } }""";

    @Test
    void readsOfTasksAndTheirPartsDoNotGrowWithTheTasks() {
        ContentFixture g = new ContentFixture(server);
        String project = g.project(g.creator);
        tasks(g, project, 1);
        Map<String, Object> variables = Map.of("p", project);
        int small = warmReads(g, TASKS, variables);
        String smallReads = StoreCommandCounter.byCollection();

        tasks(g, project, 5);
        int large = warmReads(g, TASKS, variables);
        JsonNode after = g.http.postJson("/graphql", g.administrator.key(), Http.json(Map.of("query", TASKS,
                "variables", variables))).json().get("data").get("tasks");
        assertThat(after.get("totalCount").asInt()).isEqualTo(6);
        assertThat(after.findValues("externalEvents").stream().mapToInt(JsonNode::size).sum()).isEqualTo(6);
        assertThat(after.findValues("recipients").stream().mapToInt(JsonNode::size).sum()).isEqualTo(12);
        assertThat(large).as("store reads for 6 tasks (1 task: %d); per collection %s, 1 task %s", small,
                StoreCommandCounter.byCollection(), smallReads)
                .isBetween(small - StoreCommandCounter.NOISE, small + StoreCommandCounter.NOISE);
    }

    /** Tasks with a user and an address as recipients, a schedule, a reload event and a report. */
    private static void tasks(ContentFixture g, String project, int count) {
        for (int i = 0; i < count; i++) {
            Answer report = g.http.postJson("/api/v1/reports", g.creator.key(), Http.json(Map.of(
                    "name", ContentFixture.unique("Report"), "projectID", project, "type", "HTML",
                    "qlikAppIDs", List.of(ContentFixture.APP))));
            Answer task = g.http.postJson("/api/v1/tasks", g.creator.key(), Http.json(Map.of(
                    "name", ContentFixture.unique("Task"), "projectID", project)));
            assertThat(task.status()).as(task.body()).isEqualTo(200);
            String path = "/api/v1/tasks/" + task.data().get("id").asString();
            for (var part : List.of(
                    List.of(path + "/recipients", Http.json(List.of(Map.of("id", g.viewer.id(), "type", "User"),
                            Map.of("type", "Email", "email", "x" + i + "@example.com")))),
                    List.of(path + "/schedules", Http.json(Map.of("name", "S", "frequency", "Daily", "timeZone", "Europe/Paris",
                            "atHour", 7, "atMinut", 0, "execution", "Queue", "priority", 1))),
                    List.of(path + "/external-events", Http.json(Map.of("name", "E", "execution", "Queue", "priority", 1,
                            "appID", ContentFixture.APP, "qlikEvent", "AppReloadSucceeded"))),
                    List.of(path + "/reports", Http.json(Map.of("reportID", report.data().get("id").asString(),
                            "format", "Pdf", "emailAttachment", true, "emailEmbedment", false))))) {
                Answer answer = g.http.putJson(part.get(0), g.creator.key(), part.get(1));
                assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            }
        }
    }

    /** The reads of a query once the caches are warm: the fewest of three runs (background reads only ever add). */
    private static int warmReads(ContentFixture g, String query, Map<String, Object> variables) {
        String body = Http.json(Map.of("query", query, "variables", variables));
        g.http.postJson("/graphql", g.administrator.key(), body);
        int fewest = Integer.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            StoreCommandCounter.reset();
            Answer answer = g.http.postJson("/graphql", g.administrator.key(), body);
            assertThat(answer.json().has("errors")).as(answer.body()).isFalse();
            fewest = Math.min(fewest, StoreCommandCounter.READS.get());
        }
        return fewest;
    }
}
