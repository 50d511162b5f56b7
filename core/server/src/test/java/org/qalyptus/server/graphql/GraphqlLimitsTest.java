package org.qalyptus.server.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.RunningServer;
import org.qalyptus.server.support.SharedServer;
import tools.jackson.databind.JsonNode;

/** The limits refuse costly operations before they run; introspection can be switched off; errors leak nothing. */
class GraphqlLimitsTest {

    private static JsonNode run(Http http, String key, String query) {
        Http.Answer answer = http.postJson("/graphql", key, Http.json(Map.of("query", query)));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private static JsonNode run(String query) {
        return run(SharedServer.get().http(), SharedServer.ownerKey(), query);
    }

    private static void assertRefused(JsonNode answer, String words) {
        assertThat(answer.has("errors")).as(answer.toString()).isTrue();
        JsonNode error = answer.get("errors").get(0);
        assertThat(error.get("extensions").get("code").asString()).isEqualTo("LIMIT");
        assertThat(error.get("message").asString()).contains(words);
        assertThat(answer.get("data") == null || answer.get("data").isNull()).as("nothing ran").isTrue();
    }

    private static void assertRan(JsonNode answer) {
        assertThat(answer.has("errors")).as(answer.toString()).isFalse();
    }

    /** projects -> nodes -> (reports -> nodes -> project) x levels -> name */
    private static String nested(int levels) {
        String open = "reports(first: 1) { nodes { project { ".repeat(levels);
        return "{ projects(first: 1) { nodes { " + open + "name" + " } } }".repeat(levels) + " } } }";
    }

    @Test
    void depthIsLimitedToTwelveLevels() {
        assertRan(run(nested(3)));
        assertRefused(run(nested(4)), "levels deep");
    }

    @Test
    void aliasesAreCapped() {
        String thirty = IntStream.range(0, 30).mapToObj(i -> "a" + i + ": viewer { email }").collect(Collectors.joining(" "));
        assertRan(run("{ " + thirty + " }"));
        assertRefused(run("{ " + thirty + " extra: viewer { email } }"), "aliases");
    }

    @Test
    void totalNodesWeighFirstDownTheTree() {
        assertRan(run("{ projects(first: 50) { nodes { reports(first: 20) { nodes { filters(first: 10) { nodes { name } } } } } } }"));
        assertRefused(run("{ projects(first: 100) { nodes { reports(first: 100) { nodes { filters(first: 10) { nodes { name } } } } } } }"),
                "nodes");
        assertRefused(run("{ projects(last: 100) { nodes { reports(last: 100) { nodes { filters(last: 100) { nodes { name } } } } } } }"),
                "nodes");
    }

    @Test
    void complexityWeighsEveryFieldByThePagesAroundIt() {
        String fields = "id uuid name type description ownerId ownerName isMine isIteration templateFile outputFormats"
                + " dynamicNameSeparator version qlikAppIds organizationId createdAt updatedAt"
                + " project { id uuid name description ownerId ownerName isMine isGlobalPermissions organizationId createdAt updatedAt }";
        assertRan(run("{ projects(first: 10) { nodes { reports(first: 100) { nodes { " + fields + " } } } } }"));
        assertRefused(run("{ projects(first: 100) { nodes { reports(first: 100) { nodes { " + fields + " } } } } }"),
                "complexity");
    }

    @Test
    void errorsSayWhatWentWrongWithoutInternals() {
        JsonNode badCursor = run("{ projects(first: 1, after: \"bm9wZQ==\") { totalCount } }");
        String message = badCursor.get("errors").get(0).get("message").asString();
        assertThat(message).contains("cursor").doesNotContain("Exception").doesNotContain("org.qalyptus");
        JsonNode syntax = run("{ projects(first: ) }");
        assertThat(syntax.toString()).doesNotContain("Exception").doesNotContain("at org.");
    }

    @Test
    void introspectionIsOnByDefaultAndCanBeSwitchedOff(@TempDir Path dataDir) {
        assertRan(run("{ __schema { queryType { name } } }"));
        try (RunningServer closed = RunningServer.start(dataDir, RunningServer.SOURCE_TREE_PLUGINS,
                "--qalyptus.graphql.introspection=false")) {
            JsonNode answer = run(closed.http(), closed.credentials().apiKey(), "{ __schema { queryType { name } } }");
            assertThat(answer.has("errors")).as(answer.toString()).isTrue();
            assertRan(run(closed.http(), closed.credentials().apiKey(), "{ viewer { email } }"));
        }
    }
}
