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
 * projects -> reports -> filters -> items costs the same store reads for 1 project with 1 report and 1
 * filter as for 6 projects with 4 reports and 3 filters of several items each: every link is batched.
 */
class NestedQueryStoreReadsTest {

    @TempDir
    static Path dataDir;
    static RunningServer server;
    static ContentFixture f;

    static final String QUERY = """
            query($org: ID) { projects(first: 10, organizationId: $org) { totalCount nodes { name
              reports(first: 10) { totalCount nodes { name project { name } filters(first: 10) { totalCount nodes { name
                items { name type filterItemFieldValues } } } } } } } }""";

    @BeforeAll
    static void start() {
        server = RunningServer.start(dataDir, RunningServer.SOURCE_TREE_PLUGINS,
                "--spring.main.sources=" + StoreCommandCounter.class.getName(),
                // the permission cache's timed freshness reads would otherwise land in either count by chance
                "--qalyptus.permissions.version-check-interval=1h", "--qalyptus.permissions.domain-recheck-interval=1h",
                // the workers' and scheduler's polls read the store on their own clock and landed in a count once
                "--qalyptus.execution.enabled=false");
        f = new ContentFixture(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void readsDoNotGrowWithProjectsReportsFiltersOrItems() {
        content(1, 1, 1, 1);
        int small = warmReads();
        String smallReads = StoreCommandCounter.byCollection();
        JsonNode before = run().json().get("data").get("projects");
        assertThat(before.get("totalCount").asInt()).isEqualTo(1);

        content(5, 4, 3, 3);
        int large = warmReads();
        JsonNode after = run().json().get("data").get("projects");
        assertThat(after.get("totalCount").asInt()).isEqualTo(6);
        assertThat(after.findValues("items").stream().mapToInt(JsonNode::size).sum())
                .as("every filter item came back").isEqualTo(1 + 5 * 4 * 3 * 2);
        assertThat(large).as("store reads for the larger tree (small tree: %d); per collection %s, small tree %s", small,
                StoreCommandCounter.byCollection(), smallReads)
                .isBetween(small - StoreCommandCounter.NOISE, small + StoreCommandCounter.NOISE);
    }

    /**
     * The reads of a query once the permission caches are warm: the fewest of three runs, since the counter also
     * sees the reads of background work that happen to fall inside a run (they only ever add).
     */
    private int warmReads() {
        run();
        int fewest = Integer.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            StoreCommandCounter.reset();
            Answer answer = run();
            assertThat(answer.json().has("errors")).as(answer.body()).isFalse();
            fewest = Math.min(fewest, StoreCommandCounter.READS.get());
        }
        return fewest;
    }

    private Answer run() {
        return f.http.postJson("/graphql", f.creator.key(),
                Http.json(Map.of("query", QUERY, "variables", Map.of("org", f.orgA.id()))));
    }

    /** Projects, each with reports on the demo app and filters of the demo app holding field items. */
    private void content(int projects, int reports, int filters, int items) {
        List<String> regions = List.of("Europe", "Bikes", "Europe");
        List<String> fields = List.of("region", "category", "region");
        for (int p = 0; p < projects; p++) {
            String project = f.project(f.creator);
            for (int r = 0; r < reports; r++) {
                Answer report = f.http.postJson("/api/v1/reports", f.creator.key(), Http.json(Map.of(
                        "name", ContentFixture.unique("Report"), "projectID", project, "qlikAppIDs", List.of(ContentFixture.APP))));
                assertThat(report.status()).as(report.body()).isEqualTo(200);
            }
            for (int i = 0; i < filters; i++) {
                Answer filter = f.http.postJson("/api/v1/filters", f.creator.key(), Http.json(Map.of(
                        "name", ContentFixture.unique("Filter"), "projectID", project, "qlikAppID", ContentFixture.APP)));
                assertThat(filter.status()).as(filter.body()).isEqualTo(200);
                String filterId = filter.data().get("id").asString();
                for (int n = 0; n < Math.min(items, 2); n++) {
                    Answer item = f.http.putJson("/api/v1/filters/" + filterId + "/fields", f.creator.key(),
                            Http.json(Map.of(
                                    "qlikFieldID", ContentFixture.field(fields.get(n)), "qlikAppID", ContentFixture.APP,
                                    "filterItemFieldValues", List.of(regions.get(n)))));
                    assertThat(item.status()).as(item.body()).isEqualTo(200);
                }
            }
        }
    }
}
