package org.qalyptus.server.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qalyptus.server.filter.ContentFixture;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import tools.jackson.databind.JsonNode;

/** appFieldValues: the values the console's pickers list, paged and searched, refused as the report or organization is. */
class AppFieldValuesGraphqlTest {

    static final String QUERY = """
            query($r: ID, $o: ID, $a: ID, $f: String!, $s: String, $first: Int, $after: String) {
              appFieldValues(reportId: $r, organizationId: $o, appId: $a, field: $f, search: $s, first: $first, after: $after) {
                totalCount appId fieldId fieldName pageInfo { hasNextPage endCursor }
                edges { cursor node { text number } } nodes { text number } } }""";

    static ContentFixture f;
    static String project;
    static String report;

    @BeforeAll
    static void fixture() {
        f = new ContentFixture();
        project = f.project(f.creator);
        Answer created = f.http.postJson("/api/v1/reports", f.creator.key(), Http.json(Map.of("name",
                ContentFixture.unique("Values"), "projectID", project, "type", "HTML", "qlikAppIDs", List.of(ContentFixture.APP))));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        report = created.data().get("id").asString();
    }

    static JsonNode ask(String key, Map<String, Object> variables) {
        Answer answer = f.http.postJson("/graphql", key, Http.json(Map.of("query", QUERY, "variables", variables)));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    static Map<String, Object> vars(Object... pairs) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    static String code(JsonNode answer) {
        return answer.get("errors").get(0).get("extensions").get("code").asString();
    }

    @Test
    void aReportsMainAppFieldIsListedInPagesThatTogetherHoldEveryValueOnce() {
        JsonNode first = ask(f.creator.key(), vars("r", report, "f", "city", "first", 8)).get("data").get("appFieldValues");
        assertThat(first.get("totalCount").asInt()).isEqualTo(21);
        assertThat(first.get("appId").asString()).isEqualTo(ContentFixture.APP);
        assertThat(first.get("fieldId").asString()).isEqualTo(ContentFixture.field("city"));
        assertThat(first.get("fieldName").asString()).isEqualTo("city");
        assertThat(first.get("nodes")).hasSize(8);
        assertThat(first.get("pageInfo").get("hasNextPage").asBoolean()).isTrue();

        List<String> all = new ArrayList<>(first.get("nodes").findValuesAsString("text"));
        String after = first.get("pageInfo").get("endCursor").asString();
        while (after != null) {
            JsonNode page = ask(f.creator.key(), vars("r", report, "f", ContentFixture.field("city"), "first", 8, "after", after))
                    .get("data").get("appFieldValues");
            all.addAll(page.get("nodes").findValuesAsString("text"));
            after = page.get("pageInfo").get("hasNextPage").asBoolean() ? page.get("pageInfo").get("endCursor").asString() : null;
        }
        assertThat(all).hasSize(21).contains("Paris", "Tokyo", "Sydney");
        assertThat(new HashSet<>(all)).hasSize(21);
    }

    @Test
    void aSearchKeepsTheMatchingValuesAndNumbersComeWithTheirNumber() {
        JsonNode paris = ask(f.creator.key(), vars("r", report, "f", "city", "s", "PAR")).get("data").get("appFieldValues");
        assertThat(paris.get("nodes").findValuesAsString("text")).containsExactly("Paris");
        assertThat(paris.get("totalCount").asInt()).isEqualTo(1);

        JsonNode units = ask(f.creator.key(), vars("r", report, "f", "units", "first", 3)).get("data").get("appFieldValues");
        assertThat(units.get("nodes").get(0).get("number").isNumber()).isTrue();
        JsonNode region = ask(f.creator.key(), vars("r", report, "f", "region", "first", 3)).get("data").get("appFieldValues");
        assertThat(region.get("nodes").get(0).get("number").isNull()).isTrue();
    }

    @Test
    void anAppOfTheCallersOrganizationMayBeNamedWithoutAReport() {
        JsonNode regions = ask(f.viewer.key(), vars("o", f.orgA.id(), "a", ContentFixture.APP, "f", "region"))
                .get("data").get("appFieldValues");
        assertThat(regions.get("nodes").findValuesAsString("text")).contains("Europe", "Asia Pacific");

        JsonNode outsider = ask(f.outsider.key(), vars("o", f.orgA.id(), "a", ContentFixture.APP, "f", "region"));
        assertThat(outsider.get("data").isNull()).isTrue();
        assertThat(code(outsider)).isEqualTo("NOT_FOUND");
    }

    @Test
    void aReportTheCallerMayNotSeeIsRefusedAsInRest() {
        Answer anonymous = f.http.postJson("/graphql", null, Http.json(Map.of("query", QUERY, "variables",
                vars("r", report, "f", "city"))));
        assertThat(anonymous.status()).isEqualTo(401);

        assertThat(code(ask(f.outsider.key(), vars("r", report, "f", "city")))).isEqualTo("NOT_FOUND");
        assertThat(f.http.get("/api/v1/reports/" + report, f.outsider.key()).status()).isEqualTo(404);

        String closedProject = f.project(f.creator);
        Answer closed = f.http.postJson("/api/v1/reports", f.creator.key(), Http.json(Map.of("name",
                ContentFixture.unique("Closed"), "projectID", closedProject, "type", "HTML", "qlikAppIDs", List.of(ContentFixture.APP))));
        String closedReport = closed.data().get("id").asString();
        f.grantOnProject(closedProject, f.otherCreator, f.creator, "viewProject");
        assertThat(f.http.get("/api/v1/reports/" + closedReport, f.otherCreator.key()).status()).isEqualTo(403);
        JsonNode refused = ask(f.otherCreator.key(), vars("r", closedReport, "f", "city"));
        assertThat(refused.get("data").isNull()).isTrue();
        assertThat(code(refused)).isEqualTo("FORBIDDEN");
    }

    @Test
    void aFieldOrAppThatDoesNotExistIsABadRequestNamingTheArgument() {
        JsonNode colour = ask(f.creator.key(), vars("r", report, "f", "colour"));
        assertThat(code(colour)).isEqualTo("BAD_REQUEST");
        assertThat(colour.get("errors").get(0).get("extensions").get("fields").get(0).get("field").asString()).isEqualTo("field");

        JsonNode otherApp = ask(f.creator.key(), vars("r", report, "a", "no-such-app", "f", "city"));
        assertThat(code(otherApp)).isEqualTo("BAD_REQUEST");
        assertThat(otherApp.get("errors").get(0).get("extensions").get("fields").get(0).get("field").asString()).isEqualTo("appId");

        JsonNode unknownApp = ask(f.creator.key(), vars("o", f.orgA.id(), "a", "no-such-app", "f", "city"));
        assertThat(code(unknownApp)).isEqualTo("BAD_REQUEST");

        JsonNode tooMany = ask(f.creator.key(), vars("r", report, "f", "city", "first", 500));
        assertThat(code(tooMany)).isEqualTo("BAD_REQUEST");
        JsonNode badCursor = ask(f.creator.key(), vars("r", report, "f", "city", "after", "nonsense"));
        assertThat(code(badCursor)).isEqualTo("BAD_REQUEST");
    }
}
