package org.qalyptus.server.condition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qalyptus.server.filter.ContentFixture.APP;
import static org.qalyptus.server.filter.ContentFixture.assertInvalid;
import static org.qalyptus.server.filter.ContentFixture.assertStatus;
import static org.qalyptus.server.filter.ContentFixture.ids;
import static org.qalyptus.server.filter.ContentFixture.unique;

import java.net.http.HttpRequest.BodyPublishers;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qalyptus.server.filter.ContentFixture;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import org.qalyptus.server.support.TenantFixture.Person;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;

/** The Conditions routes for whole conditions over real HTTP: create, list, get, update, delete, duplicate, by project. */
class ConditionRoutesTest {

    private static ContentFixture f;
    private static Http http;
    private static String project;

    @BeforeAll
    static void fixture() {
        f = new ContentFixture();
        http = f.http;
        project = f.project(f.creator);
        f.grantOnProject(project, f.otherCreator, f.creator, "viewProject", "viewCondition", "createCondition",
                "duplicateCondition");
        f.grantOnProject(project, f.explorer, f.creator, "viewProject", "viewCondition", "editCondition", "deleteCondition");
    }

    static JsonNode create(Http http, Person by, String projectId, String name) {
        Answer answer = http.postJson("/api/v1/conditions", by.key(),
                Http.json(Map.of("name", name, "description", "about " + name, "projectID", projectId)));
        assertStatus(answer, 200);
        return answer.data();
    }

    private static JsonNode create(Person by, String projectId, String name) {
        return create(http, by, projectId, name);
    }

    private static String path(JsonNode condition) {
        return "/api/v1/conditions/" + condition.get("id").asString();
    }

    /** A rule that holds when revenue is positive. */
    static String revenueRule(Http http, Person by, String conditionId) {
        Answer answer = http.putJson("/api/v1/conditions/" + conditionId + "/rules", by.key(), Http.json(Map.of(
                "name", "Revenue", "qlikAppID", APP, "values", List.of(Map.of("type", "Variable",
                        "variableName", "vRevenue", "operator", ">", "compareWith", "Value", "value", "0")))));
        assertStatus(answer, 200);
        return answer.data().get("id").asString();
    }

    private static long conditionsIn(String projectId) {
        return f.server.bean(MongoTemplate.class).count(new Query(Criteria.where("projectId").is(projectId)), "conditions");
    }

    @Test
    void aCreatorCreatesAConditionAndOwnsIt() {
        String name = unique("Margin");
        Answer answer = http.postJson("/api/v1/conditions", f.creator.key(),
                Http.json(Map.of("name", " " + name, "description", "Only when on target", "projectID", project)));

        assertStatus(answer, 200);
        JsonNode condition = answer.data();
        assertThat(condition.propertyNames()).contains("id", "name", "owner", "isMine", "project", "ownerName",
                "description", "version", "organizationID", "rules");
        assertThat(condition.get("name").asString()).isEqualTo(name);
        assertThat(condition.get("owner").asString()).isEqualTo(f.creator.id());
        assertThat(condition.get("isMine").asBoolean()).isTrue();
        assertThat(condition.get("project").get("id").asString()).isEqualTo(project);
        assertThat(condition.get("version").asLong()).isZero();
        assertThat(condition.get("rules").isEmpty()).isTrue();
    }

    @Test
    void creatingValidatesAndNeedsCreateConditionAndCreatesNothingWhenRefused() {
        long before = conditionsIn(project);
        assertInvalid(http.postJson("/api/v1/conditions", f.creator.key(), Http.json(Map.of("projectID", project))), "name");
        assertInvalid(http.postJson("/api/v1/conditions", f.creator.key(), Http.json(Map.of("name", "x"))), "projectID");
        assertInvalid(http.postJson("/api/v1/conditions", f.creator.key(),
                Http.json(Map.of("name", "x\u0007y", "projectID", "12", "description", "d".repeat(2001)))),
                "name", "projectID", "description");
        assertStatus(http.postJson("/api/v1/conditions", f.creator.key(), "[]"), 400);
        String body = Http.json(Map.of("name", unique("C"), "projectID", project));
        assertStatus(http.postJson("/api/v1/conditions", null, body), 401);
        assertStatus(http.postJson("/api/v1/conditions", f.explorer.key(), body), 403);
        assertStatus(http.postJson("/api/v1/conditions", f.viewer.key(), body), 404);
        assertStatus(http.postJson("/api/v1/conditions", f.outsider.key(), body), 404);
        assertThat(conditionsIn(project)).isEqualTo(before);
        assertStatus(http.postJson("/api/v1/conditions", f.otherCreator.key(), body), 200);
        assertStatus(http.postJson("/api/v1/conditions", f.creator.key(), body), 409);
    }

    @Test
    void listsShowTheConditionsTheCallerMaySee() {
        JsonNode shared = create(f.creator, project, unique("Shared"));
        String hiddenProject = f.project(f.creator);
        JsonNode hidden = create(f.creator, hiddenProject, unique("Hidden"));
        f.grantOnProject(hiddenProject, f.otherCreator, f.creator, "viewProject");

        Answer all = http.get("/api/v1/conditions", f.otherCreator.key());
        assertThat(ids(all)).contains(shared.get("id").asString()).doesNotContain(hidden.get("id").asString());
        JsonNode listed = all.data().valueStream().filter(n -> n.get("id").asString().equals(shared.get("id").asString()))
                .findFirst().orElseThrow();
        assertThat(listed.propertyNames()).contains("id", "name", "owner", "isMine", "project", "ownerName", "description",
                "version").doesNotContain("rules");
        assertThat(ids(http.get("/api/v1/conditions/project/" + project, f.otherCreator.key())))
                .contains(shared.get("id").asString());
        assertThat(ids(http.get("/api/v1/conditions/project/" + hiddenProject, f.otherCreator.key()))).isEmpty();
        assertStatus(http.get("/api/v1/conditions/project/" + f.project(f.creator), f.otherCreator.key()), 403);
        assertStatus(http.get("/api/v1/conditions/project/" + project, f.outsider.key()), 404);
        assertStatus(http.get("/api/v1/conditions/project/" + project, null), 401);
        assertStatus(http.get("/api/v1/conditions", null), 401);
        assertInvalid(http.get("/api/v1/conditions/project/x", f.creator.key()), "id");
        assertThat(ids(http.get("/api/v1/conditions", f.outsider.key()))).doesNotContain(shared.get("id").asString());
    }

    @Test
    void getAnswersTheConditionWithItsRules() {
        JsonNode condition = create(f.creator, project, unique("Get"));
        String rule = revenueRule(http, f.creator, condition.get("id").asString());

        Answer got = http.get(path(condition), f.otherCreator.key());
        assertStatus(got, 200);
        assertThat(got.data().get("rules").get(0).get("id").asString()).isEqualTo(rule);
        assertThat(got.data().get("version").asLong()).isEqualTo(1);
        String hiddenProject = f.project(f.creator);
        f.grantOnProject(hiddenProject, f.otherCreator, f.creator, "viewProject");
        assertStatus(http.get(path(create(f.creator, hiddenProject, unique("Hidden"))), f.otherCreator.key()), 403);
        assertStatus(http.get(path(condition), null), 401);
        assertStatus(http.get(path(condition), f.outsider.key()), 404);
        assertStatus(http.get("/api/v1/conditions/" + UUID.randomUUID(), f.creator.key()), 404);
    }

    @Test
    void updateRenamesWithVersionsAndRefusedUpdatesChangeNothing() {
        JsonNode condition = create(f.creator, project, unique("Old"));
        JsonNode taken = create(f.creator, project, unique("Taken"));
        String name = unique("New");
        Answer updated = http.putJson(path(condition), f.explorer.key(), Http.json(Map.of("name", name, "version", 0)));
        assertStatus(updated, 200);
        assertThat(updated.data().get("name").asString()).isEqualTo(name);
        assertThat(updated.data().get("version").asLong()).isEqualTo(1);
        assertThat(updated.data().get("description").isNull()).as("a description not sent is cleared").isTrue();
        Document before = f.stored("conditions", condition.get("id").asString());

        assertStatus(http.putJson(path(condition), f.explorer.key(), Http.json(Map.of("name", unique("X"), "version", 0))), 409);
        assertStatus(http.send(http.request(path(condition), f.explorer.key()).header("Content-Type", "application/json")
                .header("If-Match", "W/\"0\"").PUT(BodyPublishers.ofString(Http.json(Map.of("name", unique("Y")))))), 409);
        assertStatus(http.putJson(path(condition), f.explorer.key(), Http.json(Map.of("name", taken.get("name").asString()))),
                409);
        assertInvalid(http.putJson(path(condition), f.explorer.key(), Http.json(Map.of("name", ""))), "name");
        assertStatus(http.putJson(path(condition), f.otherCreator.key(), Http.json(Map.of("name", "z"))), 403);
        assertStatus(http.putJson(path(condition), f.outsider.key(), Http.json(Map.of("name", "z"))), 404);
        assertStatus(http.putJson(path(condition), null, Http.json(Map.of("name", "z"))), 401);
        assertThat(f.stored("conditions", condition.get("id").asString())).isEqualTo(before);
    }

    @Test
    void deleteAndBulkDeleteAreAllOrNone() {
        JsonNode one = create(f.creator, project, unique("One"));
        JsonNode two = create(f.creator, project, unique("Two"));
        String elsewhere = f.project(f.otherCreator);
        f.grantOnProject(elsewhere, f.explorer, f.otherCreator, "viewProject", "viewCondition");
        JsonNode notMine = create(f.otherCreator, elsewhere, unique("Not mine"));

        assertStatus(http.deleteJson("/api/v1/conditions", f.explorer.key(),
                Http.json(List.of(one.get("id").asString(), notMine.get("id").asString()))), 403);
        assertStatus(http.deleteJson("/api/v1/conditions", f.explorer.key(),
                Http.json(List.of(one.get("id").asString(), UUID.randomUUID().toString()))), 404);
        assertInvalid(http.deleteJson("/api/v1/conditions", f.explorer.key(), "[]"), "ids");
        assertStatus(http.deleteJson("/api/v1/conditions", null, Http.json(List.of(one.get("id").asString()))), 401);
        assertStatus(http.delete(path(notMine), f.explorer.key()), 403);
        assertStatus(http.delete(path(one), f.outsider.key()), 404);
        assertStatus(http.delete(path(one), null), 401);
        assertThat(f.stored("conditions", one.get("id").asString())).isNotNull();
        assertThat(f.stored("conditions", notMine.get("id").asString())).isNotNull();

        assertThat(http.deleteJson("/api/v1/conditions", f.explorer.key(), Http.json(List.of(one.get("id").asString())))
                .data().get(0).asString()).isEqualTo(one.get("id").asString());
        Answer deleted = http.delete(path(two), f.explorer.key());
        assertStatus(deleted, 200);
        assertStatus(http.get(path(one), f.creator.key()), 404);
        assertStatus(http.get(path(two), f.creator.key()), 404);
    }

    @Test
    void duplicateCopiesTheRulesUnderNewIds() {
        JsonNode condition = create(f.creator, project, unique("Original"));
        String rule = revenueRule(http, f.creator, condition.get("id").asString());

        Answer copy = http.postJson(path(condition) + "/duplicate", f.otherCreator.key(),
                Http.json(Map.of("projectID", project, "organizationID", f.orgA.id())));
        assertStatus(copy, 200);
        assertThat(copy.data().get("name").asString()).isEqualTo(condition.get("name").asString() + " - Copy");
        assertThat(copy.data().get("owner").asString()).isEqualTo(f.otherCreator.id());
        JsonNode copiedRule = copy.data().get("rules").get(0);
        assertThat(copiedRule.get("id").asString()).isNotEqualTo(rule);
        assertThat(copiedRule.get("conditionID").asString()).isEqualTo(copy.data().get("id").asString());
        assertThat(copiedRule.get("values").get(0).get("variableName").asString()).isEqualTo("vRevenue");
        assertStatus(http.get("/api/v1/conditions/rules/" + copiedRule.get("id").asString(), f.creator.key()), 200);
        assertThat(http.postJson(path(condition) + "/duplicate", f.creator.key(), "").data().get("name").asString())
                .isEqualTo(condition.get("name").asString() + " - Copy (2)");

        String target = f.project(f.otherCreator);
        assertThat(http.postJson(path(condition) + "/duplicate", f.otherCreator.key(), Http.json(Map.of("projectID", target)))
                .data().get("project").get("id").asString()).isEqualTo(target);
        assertInvalid(http.postJson(path(condition) + "/duplicate", f.otherCreator.key(),
                Http.json(Map.of("organizationID", f.orgB.id()))), "organizationID");
        assertStatus(http.postJson(path(condition) + "/duplicate", f.explorer.key(), "{}"), 403);
        assertStatus(http.postJson(path(condition) + "/duplicate", f.outsider.key(), "{}"), 404);
        assertStatus(http.postJson(path(condition) + "/duplicate", null, "{}"), 401);
    }
}
