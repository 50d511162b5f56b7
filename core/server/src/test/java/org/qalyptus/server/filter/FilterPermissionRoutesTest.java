package org.qalyptus.server.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qalyptus.server.filter.ContentFixture.APP;
import static org.qalyptus.server.filter.ContentFixture.assertInvalid;
import static org.qalyptus.server.filter.ContentFixture.assertStatus;
import static org.qalyptus.server.filter.ContentFixture.field;
import static org.qalyptus.server.filter.ContentFixture.id;
import static org.qalyptus.server.filter.ContentFixture.ids;
import static org.qalyptus.server.filter.ContentFixture.unique;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qalyptus.server.permission.AssetRef;
import org.qalyptus.server.permission.AssetType;
import org.qalyptus.server.permission.PermissionService;
import org.qalyptus.server.project.ProjectDocument;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import org.qalyptus.server.support.TenantFixture.Person;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Filter permissions over real HTTP: the seven permission and owner routes, and what global and
 * customizable projects mean for filters (in customizable mode each filter's own members decide, and a
 * report's own members decide which of its filters route answers).
 */
class FilterPermissionRoutesTest {

    private static ContentFixture f;
    private static Http http;

    @BeforeAll
    static void fixture() {
        f = new ContentFixture();
        http = f.http;
    }

    private static String filter(Person owner, String projectId) {
        return id(http.postJson("/api/v1/filters", owner.key(),
                Http.json(Map.of("name", unique("Filter"), "projectID", projectId))));
    }

    private static String path(String filterId) {
        return "/api/v1/filters/" + filterId;
    }

    private static String memberPermissionOf(Answer members, Person person) {
        assertStatus(members, 200);
        return members.data().valueStream().filter(m -> m.get("memberID").asString().equals(person.id()))
                .map(m -> m.get("id").asString()).findFirst().orElseThrow(() -> new AssertionError(members.body()));
    }

    @Test
    void inAGlobalProjectAFiltersMembersAreTheProjectsAndReadOnly() {
        String project = f.project(f.creator);
        String granted = f.grantOnProject(project, f.otherCreator, f.creator, "viewProject", "viewFilter");
        String filter = filter(f.creator, project);

        Answer members = http.get(path(filter) + "/permissions", f.creator.key());
        assertThat(memberPermissionOf(members, f.otherCreator)).isEqualTo(granted);
        assertStatus(http.get(path(filter) + "/permissions/" + granted, f.creator.key()), 200);
        Answer refused = http.putJson(path(filter) + "/permissions/" + granted, f.creator.key(),
                Http.json(Map.of("viewFilter", true, "editFilter", true)));
        assertStatus(refused, 409);
        assertThat(refused.json().get("error").asString()).contains("global permissions");
        assertStatus(http.delete(path(filter) + "/permissions/" + granted, f.creator.key()), 409);
        assertStatus(http.get(path(filter), f.otherCreator.key()), 200);

        assertStatus(http.get(path(filter) + "/permissions", f.otherCreator.key()), 403);
        assertStatus(http.get(path(filter) + "/permissions", f.outsider.key()), 404);
        assertStatus(http.get(path(filter) + "/permissions", null), 401);
        assertStatus(http.get(path(UUID.randomUUID().toString()) + "/permissions", f.creator.key()), 404);
    }

    @Test
    void inACustomizableProjectEachFiltersOwnMembersDecide() {
        String project = f.project(f.creator);
        f.customizable(project, f.creator);
        f.grantOnProject(project, f.otherCreator, f.creator, "viewProject", "viewFilter");
        String seen = filter(f.creator, project);
        String hidden = filter(f.creator, project);

        String membership = memberPermissionOf(http.get(path(hidden) + "/permissions", f.creator.key()), f.otherCreator);
        assertStatus(http.delete(path(hidden) + "/permissions/" + membership, f.creator.key()), 200);

        assertThat(ids(http.get("/api/v1/filters/project/" + project, f.otherCreator.key()))).containsExactly(seen);
        assertStatus(http.get(path(hidden), f.otherCreator.key()), 403);
        assertStatus(http.get(path(seen), f.otherCreator.key()), 200);
        String item = id(http.putJson(path(hidden) + "/fields", f.creator.key(),
                Http.json(Map.of("qlikFieldID", field("region"), "filterItemFieldValues", List.of("Europe")))));
        assertStatus(http.get("/api/v1/filters/items/" + item, f.otherCreator.key()), 403);

        String seenMembership = memberPermissionOf(http.get(path(seen) + "/permissions", f.creator.key()), f.otherCreator);
        Answer widened = http.putJson(path(seen) + "/permissions/" + seenMembership, f.creator.key(),
                Http.json(Map.of("viewFilter", true, "editFilter", true)));
        assertStatus(widened, 200);
        assertThat(widened.data().get("permissions").get("editFilter").asBoolean()).isTrue();
        assertStatus(http.putJson(path(seen) + "/fields", f.otherCreator.key(),
                Http.json(Map.of("qlikFieldID", field("region"), "filterItemFieldValues", List.of("Europe")))), 200);
        assertStatus(http.putJson(path(hidden) + "/fields", f.otherCreator.key(),
                Http.json(Map.of("qlikFieldID", field("category"), "filterItemFieldValues", List.of("Bikes")))), 403);

        Answer set = http.putJson(path(hidden) + "/permissions", f.creator.key(), Http.json(Map.of(
                "members", List.of(Map.of("id", f.otherCreator.id(), "type", "User")),
                "permissions", Map.of("viewFilter", true))));
        assertStatus(set, 200);
        assertStatus(http.get(path(hidden), f.otherCreator.key()), 200);
        String again = memberPermissionOf(set, f.otherCreator);
        assertStatus(http.deleteJson(path(hidden) + "/permissions", f.creator.key(), Http.json(List.of(again))), 200);
        assertStatus(http.get(path(hidden), f.otherCreator.key()), 403);
        assertInvalid(http.deleteJson(path(hidden) + "/permissions", f.creator.key(), "[]"), "memberPermissionIds");
        assertStatus(http.deleteJson(path(hidden) + "/permissions", f.otherCreator.key(), Http.json(List.of(again))), 403);
    }

    @Test
    void inACustomizableProjectTheReportsOwnMembersDecideItsFiltersRoute() {
        String project = f.project(f.creator);
        f.customizable(project, f.creator);
        String earlyReport = f.report(project, f.orgA.id(), f.creator.id(), APP);
        ProjectDocument stored = f.server.bean(MongoTemplate.class).findById(project, ProjectDocument.class);
        PermissionService permissions = f.server.bean(PermissionService.class);
        permissions.assetCreated(stored.ref(), new AssetRef(AssetType.Report, earlyReport, f.creator.id()));
        f.grantOnProject(project, f.otherCreator, f.creator, "viewProject", "viewFilter", "viewReport");
        String report = f.report(project, f.orgA.id(), f.creator.id(), APP);
        permissions.assetCreated(stored.ref(), new AssetRef(AssetType.Report, report, f.creator.id()));
        String filter = filter(f.creator, project);
        assertStatus(http.putJson(path(filter) + "/fields", f.creator.key(),
                Http.json(Map.of("qlikFieldID", field("region"), "filterItemFieldValues", List.of("Europe")))), 200);

        assertThat(ids(http.get("/api/v1/filters/report/" + report, f.otherCreator.key()))).containsExactly(filter);
        assertStatus(http.get("/api/v1/filters/report/" + earlyReport, f.otherCreator.key()), 403);
        assertThat(ids(http.get("/api/v1/filters/report/" + earlyReport, f.creator.key()))).containsExactly(filter);
    }

    @Test
    void theOwnerOrTheProjectsManagersGiveAFilterToAnotherCreator() {
        String project = f.project(f.creator);
        f.grantOnProject(project, f.otherCreator, f.creator, "viewProject", "viewFilter", "editFilter");
        f.grantOnProject(project, f.explorer, f.creator, "viewProject", "viewFilter", "editFilter");
        String filter = filter(f.creator, project);

        assertStatus(http.putJson(path(filter) + "/owner/" + f.creator.id(), f.explorer.key(), ""), 403);
        assertInvalid(http.putJson(path(filter) + "/owner/" + f.viewer.id(), f.creator.key(), ""), "ownerId");
        assertInvalid(http.putJson(path(filter) + "/owner/" + f.outsider.id(), f.creator.key(), ""), "ownerId");
        assertInvalid(http.putJson(path(filter) + "/owner/" + UUID.randomUUID(), f.creator.key(), ""), "ownerId");
        assertStatus(http.putJson(path(filter) + "/owner/" + f.otherCreator.id(), f.outsider.key(), ""), 404);
        assertStatus(http.putJson(path(filter) + "/owner/" + f.otherCreator.id(), null, ""), 401);
        assertInvalid(http.putJson(path(filter) + "/owner/x", f.creator.key(), ""), "ownerId");

        Answer given = http.putJson(path(filter) + "/owner/" + f.otherCreator.id(), f.creator.key(), "");
        assertStatus(given, 200);
        JsonNode changed = given.data();
        assertThat(changed.get("owner").asString()).isEqualTo(f.otherCreator.id());
        assertThat(changed.get("isMine").asBoolean()).isFalse();
        assertThat(changed.get("ownerName").asString()).startsWith("Test ");
        assertThat(changed.get("version").asLong()).isEqualTo(1);
        assertThat(http.get(path(filter), f.otherCreator.key()).data().get("isMine").asBoolean()).isTrue();
        assertStatus(http.putJson(path(filter), f.creator.key(), Http.json(Map.of("name", unique("Renamed"), "version", 0))),
                409);
    }
}
