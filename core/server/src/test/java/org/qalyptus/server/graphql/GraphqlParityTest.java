package org.qalyptus.server.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qalyptus.server.filter.ContentFixture;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import tools.jackson.databind.JsonNode;

/** For the same caller, GraphQL and REST give the same data and the same refusals. */
class GraphqlParityTest {

    static ContentFixture f;

    @BeforeAll
    static void fixture() {
        f = new ContentFixture();
    }

    static JsonNode graphql(String key, String query, Map<String, Object> variables) {
        Answer answer = f.http.postJson("/graphql", key, Http.json(Map.of("query", query, "variables", variables)));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    @Test
    void aProjectCreatedThroughGraphqlIsTheOneRestShows() {
        JsonNode created = graphql(f.creator.key(), """
                mutation($in: CreateProjectInput!) { createProject(input: $in) {
                  project { id uuid name ownerId isMine organizationId } userErrors { field code message } } }""",
                Map.of("in", Map.of("name", ContentFixture.unique("GQL"), "organizationId", f.orgA.id())))
                .get("data").get("createProject");
        assertThat(created.get("userErrors")).isEmpty();
        JsonNode project = created.get("project");
        Answer rest = f.http.get("/api/v1/projects/" + project.get("uuid").asString(), f.creator.key());
        assertThat(rest.data().get("name").asString()).isEqualTo(project.get("name").asString());
        assertThat(rest.data().get("owner").asString()).isEqualTo(project.get("ownerId").asString());
        assertThat(project.get("ownerId").asString()).isEqualTo(f.creator.id());

        JsonNode node = graphql(f.creator.key(), "query($id: ID!) { node(id: $id) { id ... on Project { name } } }",
                Map.of("id", project.get("id").asString())).get("data").get("node");
        assertThat(node.get("name").asString()).isEqualTo(project.get("name").asString());
    }

    @Test
    void validationFailuresAreUserErrorsNamingTheInputFieldsRestNames() {
        Answer rest = f.http.postJson("/api/v1/projects", f.creator.key(), Http.json(Map.of("name", "  ")));
        assertThat(rest.status()).isEqualTo(400);
        JsonNode payload = graphql(f.creator.key(), """
                mutation { createProject(input: {name: "  "}) { project { id } userErrors { field code message } } }""",
                Map.of()).get("data").get("createProject");
        assertThat(payload.get("project").isNull()).isTrue();
        assertThat(payload.get("userErrors").get(0).get("field").asString()).isEqualTo("input.name");
        assertThat(payload.get("userErrors").get(0).get("code").asString()).isEqualTo("VALIDATION");
        assertThat(rest.body()).contains("\"name\"");
    }

    @Test
    void refusalsHaveTheCodesOfRestStatuses() {
        String project = f.project(f.creator);
        // a viewer without rights on it: REST answers 403 or 404, GraphQL the same code
        Answer rest = f.http.putJson("/api/v1/projects/" + project, f.viewer.key(), Http.json(Map.of("name", "x")));
        JsonNode payload = graphql(f.viewer.key(), """
                mutation($id: ID!) { updateProject(input: {id: $id, name: "x"}) { project { id } userErrors { code } } }""",
                Map.of("id", project)).get("data").get("updateProject");
        assertThat(payload.get("userErrors").get(0).get("code").asString())
                .isEqualTo(rest.status() == 403 ? "FORBIDDEN" : "NOT_FOUND");

        // another organization's administrator: 404 in both
        assertThat(f.http.get("/api/v1/projects/" + project, f.outsider.key()).status()).isEqualTo(404);
        JsonNode answer = graphql(f.outsider.key(), "query($id: ID!) { project(id: $id) { name } }", Map.of("id", project));
        assertThat(answer.get("errors").get(0).get("extensions").get("code").asString()).isEqualTo("NOT_FOUND");
        assertThat(answer.get("errors").get(0).get("message").asString()).doesNotContain("Exception");
        JsonNode deleted = graphql(f.outsider.key(), """
                mutation($id: ID!) { deleteProjects(input: {ids: [$id]}) { deletedIds userErrors { code } } }""",
                Map.of("id", project)).get("data").get("deleteProjects");
        assertThat(deleted.get("userErrors").get(0).get("code").asString()).isEqualTo("NOT_FOUND");
        assertThat(f.http.get("/api/v1/projects/" + project, f.creator.key()).status()).as("nothing deleted").isEqualTo(200);
    }

    @Test
    void reportsAndFiltersOfAProjectAreTheOnesRestLists() {
        String project = f.project(f.creator);
        for (int i = 0; i < 3; i++) {
            f.http.postJson("/api/v1/reports", f.creator.key(), Http.json(Map.of("name", ContentFixture.unique("R"),
                    "projectID", project, "qlikAppIDs", List.of(ContentFixture.APP))));
            f.http.postJson("/api/v1/filters", f.creator.key(), Http.json(Map.of("name", ContentFixture.unique("F"),
                    "projectID", project, "qlikAppID", ContentFixture.APP)));
        }
        Answer restReports = f.http.get("/api/v1/reports/project/" + project, f.creator.key());
        JsonNode reports = graphql(f.creator.key(), """
                query($p: ID!) { reports(projectId: $p, first: 100) { totalCount nodes { uuid name type ownerName filters(first: 100) { nodes { uuid } } } } }""",
                Map.of("p", project)).get("data").get("reports");
        assertThat(reports.get("totalCount").asInt()).isEqualTo(restReports.data().size());
        assertThat(reports.get("nodes").valueStream().map(n -> n.get("name").asString()).toList())
                .isEqualTo(restReports.data().valueStream().map(n -> n.get("name").asString()).toList());
        String reportId = reports.get("nodes").get(0).get("uuid").asString();
        Answer restFilters = f.http.get("/api/v1/filters/report/" + reportId, f.creator.key());
        assertThat(reports.get("nodes").get(0).get("filters").findValuesAsString("uuid"))
                .isEqualTo(restFilters.data().valueStream().map(n -> n.get("id").asString()).toList());
    }

    @Test
    void pagesAreRelayConnectionsWithOpaqueCursorsAndBoundedSizes() {
        String project = f.project(f.creator);
        for (int i = 0; i < 3; i++) {
            f.http.postJson("/api/v1/filters", f.creator.key(), Http.json(Map.of("name", "F" + i, "projectID", project)));
        }
        String query = "query($p: ID!, $after: String) { filters(projectId: $p, first: 2, after: $after) { totalCount"
                + " edges { cursor node { name } } pageInfo { hasNextPage endCursor } } }";
        JsonNode first = graphql(f.creator.key(), query, Map.of("p", project)).get("data").get("filters");
        assertThat(first.get("totalCount").asInt()).isEqualTo(3);
        assertThat(first.get("edges").findValuesAsString("name")).containsExactly("F0", "F1");
        assertThat(first.get("pageInfo").get("hasNextPage").asBoolean()).isTrue();
        var variables = new java.util.HashMap<String, Object>(Map.of("p", project));
        variables.put("after", first.get("pageInfo").get("endCursor").asString());
        JsonNode second = graphql(f.creator.key(), query, variables).get("data").get("filters");
        assertThat(second.get("edges").findValuesAsString("name")).containsExactly("F2");
        assertThat(second.get("pageInfo").get("hasNextPage").asBoolean()).isFalse();

        JsonNode tooMany = graphql(f.creator.key(), "{ projects(first: 101) { totalCount } }", Map.of());
        assertThat(tooMany.get("errors").get(0).get("extensions").get("code").asString()).isEqualTo("BAD_REQUEST");
    }

    @Test
    void conditionsAndTheirRefusalsMatchRest() {
        String project = f.project(f.creator);
        Answer restRefusal = f.http.postJson("/api/v1/conditions", f.viewer.key(),
                Http.json(Map.of("name", "C", "projectID", project)));
        JsonNode refused = graphql(f.viewer.key(), """
                mutation($p: ID!) { createCondition(input: {name: "C", projectId: $p}) { condition { id } userErrors { code } } }""",
                Map.of("p", project)).get("data").get("createCondition");
        assertThat(refused.get("userErrors").get(0).get("code").asString())
                .isEqualTo(restRefusal.status() == 403 ? "FORBIDDEN" : "NOT_FOUND");

        JsonNode created = graphql(f.creator.key(), """
                mutation($p: ID!) { createCondition(input: {name: "Sales above", projectId: $p}) {
                  condition { uuid name rules { id } project { uuid } } userErrors { code } } }""",
                Map.of("p", project)).get("data").get("createCondition").get("condition");
        assertThat(created.get("project").get("uuid").asString()).isEqualTo(project);
        Answer rest = f.http.get("/api/v1/conditions/project/" + project, f.creator.key());
        assertThat(rest.data().valueStream().map(n -> n.get("id").asString()).toList())
                .containsExactly(created.get("uuid").asString());
    }

    @Test
    void aTaskRunStartedThroughGraphqlIsTheOneStatusShows() {
        String project = f.project(f.creator);
        JsonNode task = graphql(f.creator.key(), """
                mutation($p: ID!) { createTask(input: {name: "Nightly", projectId: $p}) { task { uuid isActive } userErrors { code message } } }""",
                Map.of("p", project)).get("data").get("createTask");
        assertThat(task.get("userErrors")).as(task.toString()).isEmpty();
        String taskId = task.get("task").get("uuid").asString();
        JsonNode run = graphql(f.creator.key(), """
                mutation($t: ID!) { runTask(input: {id: $t}) { execution { uuid status } userErrors { code message } } }""",
                Map.of("t", taskId)).get("data").get("runTask");
        Answer restRun = f.http.postJson("/api/v1/tasks/" + taskId + "/run", f.creator.key(), "");
        if (restRun.status() != 200) {
            assertThat(run.get("userErrors").get(0).get("message").asString()).isEqualTo(restRun.json().get("error").asString());
            return;
        }
        String executionId = run.get("execution").get("uuid").asString();
        Answer status = f.http.get("/api/v1/status/tasks?taskId=" + taskId, f.creator.key());
        JsonNode executions = graphql(f.creator.key(), """
                query($t: ID!) { task(id: $t) { executions(first: 10) { totalCount nodes { uuid } } } }""",
                Map.of("t", taskId)).get("data").get("task").get("executions");
        assertThat(executions.get("nodes").valueStream().map(n -> n.get("uuid").asString()).toList())
                .isEqualTo(status.data().valueStream().map(n -> n.get("id").asString()).toList())
                .contains(executionId);
        assertThat(f.http.postJson("/api/v1/status/" + executionId + "/stop", f.outsider.key(), "").status()).isEqualTo(404);
        JsonNode stop = graphql(f.outsider.key(), """
                mutation($e: ID!) { stopExecution(input: {id: $e}) { execution { uuid } userErrors { code } } }""",
                Map.of("e", executionId)).get("data").get("stopExecution");
        assertThat(stop.get("userErrors").get(0).get("code").asString()).isEqualTo("NOT_FOUND");
    }
}
