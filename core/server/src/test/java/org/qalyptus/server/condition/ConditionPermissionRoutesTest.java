package org.qalyptus.server.condition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qalyptus.server.filter.ContentFixture.assertInvalid;
import static org.qalyptus.server.filter.ContentFixture.assertStatus;
import static org.qalyptus.server.filter.ContentFixture.ids;
import static org.qalyptus.server.filter.ContentFixture.unique;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qalyptus.server.filter.ContentFixture;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import org.qalyptus.server.support.TenantFixture.Person;

/** Condition permissions over real HTTP: the permission and owner routes, global versus customizable projects. */
class ConditionPermissionRoutesTest {

    private static ContentFixture f;
    private static Http http;

    @BeforeAll
    static void fixture() {
        f = new ContentFixture();
        http = f.http;
    }

    private static String condition(String projectId) {
        return ConditionRoutesTest.create(http, f.creator, projectId, unique("Condition")).get("id").asString();
    }

    private static String path(String conditionId) {
        return "/api/v1/conditions/" + conditionId;
    }

    private static String memberPermissionOf(Answer members, Person person) {
        assertStatus(members, 200);
        return members.data().valueStream().filter(m -> m.get("memberID").asString().equals(person.id()))
                .map(m -> m.get("id").asString()).findFirst().orElseThrow(() -> new AssertionError(members.body()));
    }

    @Test
    void inAGlobalProjectAConditionsMembersAreTheProjectsAndReadOnly() {
        String project = f.project(f.creator);
        String granted = f.grantOnProject(project, f.otherCreator, f.creator, "viewProject", "viewCondition");
        String condition = condition(project);

        assertThat(memberPermissionOf(http.get(path(condition) + "/permissions", f.creator.key()), f.otherCreator))
                .isEqualTo(granted);
        assertStatus(http.putJson(path(condition) + "/permissions", f.creator.key(), Http.json(Map.of(
                "members", List.of(Map.of("id", f.explorer.id(), "type", "User")), "permissions", Map.of("viewCondition", true)))),
                409);
        assertStatus(http.get(path(condition) + "/permissions", f.otherCreator.key()), 403);
        assertStatus(http.get(path(condition) + "/permissions/" + granted, f.outsider.key()), 404);
        assertStatus(http.get(path(condition) + "/permissions", null), 401);
    }

    @Test
    void inACustomizableProjectEachConditionsOwnMembersDecide() {
        String project = f.project(f.creator);
        f.customizable(project, f.creator);
        f.grantOnProject(project, f.explorer, f.creator, "viewProject", "viewCondition", "editCondition");
        String seen = condition(project);
        String hidden = condition(project);
        String rule = ConditionRoutesTest.revenueRule(http, f.creator, hidden);

        String membership = memberPermissionOf(http.get(path(hidden) + "/permissions", f.creator.key()), f.explorer);
        assertStatus(http.get(path(hidden) + "/permissions/" + membership, f.creator.key()), 200);
        Answer narrowed = http.putJson(path(hidden) + "/permissions/" + membership, f.creator.key(),
                Http.json(Map.of("viewCondition", true)));
        assertStatus(narrowed, 200);
        assertStatus(http.putJson(path(hidden) + "/rules", f.explorer.key(), Http.json(Map.of("id", rule, "name", "R",
                "qlikAppID", ContentFixture.APP, "values", List.of(Map.of("type", "ChartData", "objectId", "chart-category-pie"))))),
                403);
        assertStatus(http.get("/api/v1/conditions/rules/" + rule, f.explorer.key()), 200);

        assertStatus(http.deleteJson(path(hidden) + "/permissions", f.creator.key(), Http.json(List.of(membership))), 200);
        assertThat(ids(http.get("/api/v1/conditions/project/" + project, f.explorer.key()))).containsExactly(seen);
        assertStatus(http.get("/api/v1/conditions/rules/" + rule, f.explorer.key()), 403);
        assertStatus(http.get(path(hidden) + "/rules", f.explorer.key()), 403);
        assertInvalid(http.putJson(path(hidden) + "/permissions", f.creator.key(), Http.json(Map.of("members", List.of(),
                "permissions", Map.of()))), "members");
    }

    @Test
    void theOwnerGivesAConditionToAnotherCreator() {
        String project = f.project(f.creator);
        f.grantOnProject(project, f.explorer, f.creator, "viewProject", "viewCondition", "editCondition");
        String condition = condition(project);

        assertStatus(http.putJson(path(condition) + "/owner/" + f.otherCreator.id(), f.explorer.key(), ""), 403);
        assertInvalid(http.putJson(path(condition) + "/owner/" + f.explorer.id(), f.creator.key(), ""), "ownerId");
        assertStatus(http.putJson(path(condition) + "/owner/" + f.otherCreator.id(), f.outsider.key(), ""), 404);
        assertStatus(http.putJson(path(condition) + "/owner/" + f.otherCreator.id(), null, ""), 401);

        Answer given = http.putJson(path(condition) + "/owner/" + f.otherCreator.id(), f.administrator.key(), "");
        assertStatus(given, 200);
        assertThat(given.data().get("owner").asString()).isEqualTo(f.otherCreator.id());
        assertThat(given.data().get("isMine").asBoolean()).isFalse();
        assertThat(given.data().get("version").asLong()).isEqualTo(1);
    }
}
