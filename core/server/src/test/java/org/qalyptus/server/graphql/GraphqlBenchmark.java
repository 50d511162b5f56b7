package org.qalyptus.server.graphql;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.qalyptus.server.filter.ContentFixture;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import org.qalyptus.server.support.RunningServer;
import tools.jackson.databind.JsonNode;

/**
 * One nested GraphQL query (50 projects x 20 reports x their filters with items) against the REST calls a
 * client needs for the same data (the projects, each project's reports, each report's filters: 1 + 50 +
 * 1000 requests, one after the other as a simple client would), on the real server with the embedded
 * store. Prints each run and the medians.
 *
 * <pre>
 * mvn -B -o -q -pl core/server -am test -DskipTests -Pserver-benchmark \
 *     -Dbenchmark.main=org.qalyptus.server.graphql.GraphqlBenchmark [-Dbenchmark.args="5"]
 * </pre>
 */
public final class GraphqlBenchmark {

    static final int PROJECTS = 50;
    static final int REPORTS = 20;
    static final int FILTERS = 3;

    static final String QUERY = """
            { projects(first: 50, search: "Bench") { totalCount nodes { uuid name
                reports(first: 20) { nodes { uuid name type
                  filters(first: 10) { nodes { uuid name items { name type filterItemFieldValues } } } } } } } }""";

    private GraphqlBenchmark() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path dataDir = Files.createTempDirectory("qalyptus-graphql-benchmark-");
        // exec:java runs from the reactor root, tests from core/server: find the plugin modules from either
        Path plugins = Files.isDirectory(Path.of("plugins/connector-embedded")) ? Path.of("plugins").toAbsolutePath()
                : RunningServer.SOURCE_TREE_PLUGINS;
        try (RunningServer server = RunningServer.start(dataDir, plugins)) {
            // an organization whose connection serves the demo app, and a creator in it
            ContentFixture fixture = new ContentFixture(server);
            String key = fixture.creator.key();
            Http http = server.http();
            seed(http, key, fixture.orgA.id());
            int graphqlNodes = graphql(http, key);
            int restNodes = rest(http, key);
            System.out.printf("reports+filters seen: GraphQL %d, REST %d%n", graphqlNodes, restNodes);
            List<Long> graphqlTimes = new ArrayList<>();
            List<Long> restTimes = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                long start = System.nanoTime();
                graphql(http, key);
                long graphqlMs = (System.nanoTime() - start) / 1_000_000;
                start = System.nanoTime();
                rest(http, key);
                long restMs = (System.nanoTime() - start) / 1_000_000;
                graphqlTimes.add(graphqlMs);
                restTimes.add(restMs);
                System.out.printf("run %d: GraphQL %d ms (1 request), REST %d ms (%d requests)%n", run, graphqlMs, restMs,
                        1 + PROJECTS + PROJECTS * REPORTS);
            }
            Collections.sort(graphqlTimes);
            Collections.sort(restTimes);
            System.out.printf("median of %d: GraphQL %d ms, REST %d ms, ratio %.2f%n", runs, graphqlTimes.get(runs / 2),
                    restTimes.get(runs / 2), (double) graphqlTimes.get(runs / 2) / restTimes.get(runs / 2));
        }
    }

    /** The answer's reports and filters under reports, counted. */
    static int graphql(Http http, String key) {
        Answer answer = http.postJson("/graphql", key, Http.json(Map.of("query", QUERY)));
        JsonNode data = answer.json();
        if (answer.status() != 200 || data.has("errors")) {
            throw new IllegalStateException(answer.body());
        }
        JsonNode projects = data.get("data").get("projects").get("nodes");
        int seen = 0;
        for (JsonNode project : projects) {
            for (JsonNode report : project.get("reports").get("nodes")) {
                seen += 1 + report.get("filters").get("nodes").size();
            }
        }
        return seen;
    }

    static int rest(Http http, String key) {
        int seen = 0;
        for (JsonNode project : http.get("/api/v1/projects", key).data()) {
            if (!project.get("name").asString().startsWith("Bench")) {
                continue;
            }
            for (JsonNode report : http.get("/api/v1/reports/project/" + project.get("id").asString(), key).data()) {
                seen += 1 + http.get("/api/v1/filters/report/" + report.get("id").asString(), key).data().size();
            }
        }
        return seen;
    }

    static void seed(Http http, String key, String organizationId) {
        for (int p = 0; p < PROJECTS; p++) {
            String project = ok(http.postJson("/api/v1/projects", key, Http.json(Map.of("name", "Bench " + p, "organizationID", organizationId)))).get("id").asString();
            for (int r = 0; r < REPORTS; r++) {
                ok(http.postJson("/api/v1/reports", key, Http.json(Map.of("name", "Report " + r, "projectID", project,
                        "qlikAppIDs", List.of(ContentFixture.APP)))));
            }
            for (int f = 0; f < FILTERS; f++) {
                String filter = ok(http.postJson("/api/v1/filters", key, Http.json(Map.of("name", "Filter " + f,
                        "projectID", project, "qlikAppID", ContentFixture.APP)))).get("id").asString();
                ok(http.putJson("/api/v1/filters/" + filter + "/fields", key, Http.json(Map.of(
                        "qlikFieldID", ContentFixture.field("region"), "filterItemFieldValues", List.of("Europe")))));
                ok(http.putJson("/api/v1/filters/" + filter + "/fields", key, Http.json(Map.of(
                        "qlikFieldID", ContentFixture.field("category"), "filterItemFieldValues", List.of("Bikes")))));
            }
        }
    }

    private static JsonNode ok(Answer answer) {
        if (answer.status() != 200) {
            throw new IllegalStateException(answer.body());
        }
        return answer.data();
    }
}
