package org.qalyptus.server.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qalyptus.server.filter.ContentFixture.APP;
import static org.qalyptus.server.filter.ContentFixture.assertInvalid;
import static org.qalyptus.server.filter.ContentFixture.assertStatus;
import static org.qalyptus.server.filter.ContentFixture.field;
import static org.qalyptus.server.filter.ContentFixture.id;
import static org.qalyptus.server.filter.ContentFixture.ids;
import static org.qalyptus.server.filter.ContentFixture.unique;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import org.qalyptus.server.support.TenantFixture.Person;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;

/** The Filters routes for whole filters over real HTTP: create, list, get, update, delete, duplicate, by project, by report. */
class FilterRoutesTest {

    private static ContentFixture f;
    private static Http http;
    /** A project of the creator in which the other creator may see and use filters, and the explorer edit them. */
    private static String project;

    @BeforeAll
    static void fixture() {
        f = new ContentFixture();
        http = f.http;
        project = f.project(f.creator);
        f.grantOnProject(project, f.otherCreator, f.creator, "viewProject", "viewFilter", "createFilter", "duplicateFilter");
        f.grantOnProject(project, f.explorer, f.creator, "viewProject", "viewFilter", "editFilter", "deleteFilter");
    }

    static JsonNode create(Person by, String projectId, String name) {
        Answer answer = http.postJson("/api/v1/filters", by.key(),
                Http.json(Map.of("name", name, "description", "about " + name, "projectID", projectId)));
        assertStatus(answer, 200);
        return answer.data();
    }

    static String path(JsonNode filter) {
        return "/api/v1/filters/" + filter.get("id").asString();
    }

    static Answer addRegion(Person by, JsonNode filter, String... values) {
        return http.putJson(path(filter) + "/fields", by.key(),
                Http.json(Map.of("qlikFieldID", field("region"), "filterItemFieldValues", List.of(values))));
    }

    private static long filtersIn(String projectId) {
        return f.server.bean(MongoTemplate.class).count(new Query(Criteria.where("projectId").is(projectId)), "filters");
    }

    // ---- create ----

    @Test
    void aCreatorCreatesAFilterAndOwnsIt() {
        String name = unique("Europe");
        Answer answer = http.postJson("/api/v1/filters", f.creator.key(),
                Http.json(Map.of("name", "  " + name + " ", "description", "Only Europe", "projectID", project)));

        assertStatus(answer, 200);
        JsonNode filter = answer.data();
        assertThat(filter.propertyNames()).contains("id", "name", "owner", "isMine", "project", "ownerName", "description",
                "version", "appId", "organizationID", "items");
        assertThat(filter.get("name").asString()).isEqualTo(name);
        assertThat(filter.get("description").asString()).isEqualTo("Only Europe");
        assertThat(filter.get("owner").asString()).isEqualTo(f.creator.id());
        assertThat(filter.get("isMine").asBoolean()).isTrue();
        assertThat(filter.get("ownerName").asString()).startsWith("Test ");
        assertThat(filter.get("project").get("id").asString()).isEqualTo(project);
        assertThat(filter.get("project").get("name").asString()).startsWith("Project ");
        assertThat(filter.get("organizationID").asString()).isEqualTo(f.orgA.id());
        assertThat(filter.get("appId").isNull()).isTrue();
        assertThat(filter.get("version").asLong()).isZero();
        assertThat(filter.get("items").isEmpty()).isTrue();
        assertThat(UUID.fromString(filter.get("id").asString())).isNotNull();
    }

    @Test
    void aFilterMayNameItsAppWhenCreated() {
        Answer answer = http.postJson("/api/v1/filters", f.creator.key(),
                Http.json(Map.of("name", unique("With app"), "projectID", project, "qlikAppID", APP)));

        assertStatus(answer, 200);
        assertThat(answer.data().get("appId").asString()).isEqualTo(APP);
    }

    @Test
    void creatingValidatesTheBodyAndCreatesNothingWhenRefused() {
        long before = filtersIn(project);
        assertInvalid(http.postJson("/api/v1/filters", f.creator.key(), Http.json(Map.of("name", " ", "projectID", project))),
                "name");
        assertInvalid(http.postJson("/api/v1/filters", f.creator.key(), Http.json(Map.of("name", "x".repeat(201),
                "description", "d".repeat(2001), "projectID", project))), "name", "description");
        assertInvalid(http.postJson("/api/v1/filters", f.creator.key(), Http.json(Map.of("name", "ok"))), "projectID");
        assertInvalid(http.postJson("/api/v1/filters", f.creator.key(),
                Http.json(Map.of("name", "ok", "projectID", "not-a-uuid", "qlikAppID", "nope"))), "projectID", "qlikAppID");
        assertInvalid(http.postJson("/api/v1/filters", f.creator.key(),
                Http.json(Map.of("name", "ok", "projectID", project, "qlikAppID", UUID.randomUUID().toString()))), "qlikAppID");
        assertInvalid(http.postJson("/api/v1/filters", f.creator.key(),
                "{\"name\": {\"$ne\": null}, \"projectID\": \"" + project + "\"}"), "name");
        assertStatus(http.postJson("/api/v1/filters", f.creator.key(), "null"), 400);
        assertStatus(http.postJson("/api/v1/filters", f.creator.key(), "{not json"), 400);
        assertThat(filtersIn(project)).isEqualTo(before);
    }

    @Test
    void creatingNeedsCreateFilterInAVisibleProject() {
        long before = filtersIn(project);
        String body = Http.json(Map.of("name", unique("F"), "projectID", project));
        assertStatus(http.postJson("/api/v1/filters", null, body), 401);
        assertStatus(http.postJson("/api/v1/filters", f.viewer.key(), body), 404);
        assertStatus(http.postJson("/api/v1/filters", f.explorer.key(), body), 403);
        assertStatus(http.postJson("/api/v1/filters", f.outsider.key(), body), 404);
        assertStatus(http.postJson("/api/v1/filters", f.creator.key(),
                Http.json(Map.of("name", "x", "projectID", UUID.randomUUID().toString()))), 404);
        assertThat(filtersIn(project)).isEqualTo(before);
        assertStatus(http.postJson("/api/v1/filters", f.otherCreator.key(), body), 200);
    }

    @Test
    void namesAreUniqueWithinAProjectIgnoringCase() {
        String name = unique("Unique");
        create(f.creator, project, name);

        Answer duplicate = http.postJson("/api/v1/filters", f.otherCreator.key(),
                Http.json(Map.of("name", name.toUpperCase(), "projectID", project)));
        assertStatus(duplicate, 409);
        assertThat(duplicate.json().get("error").asString()).contains("already exists");
        create(f.creator, f.project(f.creator), name);
    }

    // ---- lists ----

    @Test
    void listsShowTheFiltersTheCallerMaySeeWithTheListFields() {
        JsonNode shared = create(f.creator, project, unique("Shared"));
        String hiddenProject = f.project(f.creator);
        JsonNode hidden = create(f.creator, hiddenProject, unique("Hidden"));
        f.grantOnProject(hiddenProject, f.otherCreator, f.creator, "viewProject");

        Answer all = http.get("/api/v1/filters", f.otherCreator.key());
        assertThat(ids(all)).contains(shared.get("id").asString()).doesNotContain(hidden.get("id").asString());
        JsonNode listed = all.data().valueStream().filter(n -> n.get("id").asString().equals(shared.get("id").asString()))
                .findFirst().orElseThrow();
        assertThat(listed.propertyNames()).contains("id", "name", "owner", "isMine", "project", "ownerName", "description",
                "version", "appId").doesNotContain("items");
        assertThat(listed.get("isMine").asBoolean()).isFalse();
        assertThat(listed.get("ownerName").asString()).isEqualTo(shared.get("ownerName").asString());

        assertThat(ids(http.get("/api/v1/filters/project/" + project, f.otherCreator.key())))
                .contains(shared.get("id").asString());
        assertThat(ids(http.get("/api/v1/filters/project/" + hiddenProject, f.otherCreator.key()))).isEmpty();
        assertThat(ids(http.get("/api/v1/filters/project/" + hiddenProject, f.creator.key())))
                .containsExactly(hidden.get("id").asString());
        assertThat(ids(http.get("/api/v1/filters", f.outsider.key()))).doesNotContain(shared.get("id").asString());
    }

    @Test
    void theProjectListAnswers401And403And404And400() {
        String other = f.project(f.creator);
        assertStatus(http.get("/api/v1/filters/project/" + project, null), 401);
        assertStatus(http.get("/api/v1/filters", null), 401);
        assertStatus(http.get("/api/v1/filters/project/" + other, f.otherCreator.key()), 403);
        assertStatus(http.get("/api/v1/filters/project/" + project, f.outsider.key()), 404);
        assertStatus(http.get("/api/v1/filters/project/" + UUID.randomUUID(), f.creator.key()), 404);
        assertInvalid(http.get("/api/v1/filters/project/nope", f.creator.key()), "id");
    }

    // ---- get ----

    @Test
    void getAnswersTheFilterWithItsItemsTo200And401And403And404() {
        JsonNode filter = create(f.creator, project, unique("Get"));
        assertStatus(addRegion(f.creator, filter, "Europe"), 200);

        Answer got = http.get(path(filter), f.otherCreator.key());
        assertStatus(got, 200);
        assertThat(got.data().get("items").size()).isEqualTo(1);
        assertThat(got.data().get("appId").asString()).isEqualTo(APP);
        assertThat(got.data().get("version").asLong()).isEqualTo(1);

        String noFilters = f.project(f.creator);
        JsonNode unseen = create(f.creator, noFilters, unique("Unseen"));
        f.grantOnProject(noFilters, f.otherCreator, f.creator, "viewProject");
        assertStatus(http.get(path(unseen), f.otherCreator.key()), 403);
        assertStatus(http.get(path(filter), null), 401);
        assertStatus(http.get(path(filter), f.outsider.key()), 404);
        assertStatus(http.get("/api/v1/filters/" + UUID.randomUUID(), f.creator.key()), 404);
        assertInvalid(http.get("/api/v1/filters/12", f.creator.key()), "id");
    }

    // ---- update ----

    @Test
    void updateRenamesAndMovesTheVersion() {
        JsonNode filter = create(f.creator, project, unique("Old"));
        String name = unique("New");

        Answer updated = http.putJson(path(filter), f.explorer.key(),
                Http.json(Map.of("name", name, "description", "changed", "projectID", project, "version", 0)));

        assertStatus(updated, 200);
        assertThat(updated.data().get("name").asString()).isEqualTo(name);
        assertThat(updated.data().get("description").asString()).isEqualTo("changed");
        assertThat(updated.data().get("version").asLong()).isEqualTo(1);
        assertThat(updated.data().get("isMine").asBoolean()).isFalse();
        assertThat(updated.data().get("owner").asString()).isEqualTo(f.creator.id());
        assertThat(http.get(path(filter), f.creator.key()).data().get("name").asString()).isEqualTo(name);
    }

    @Test
    void aStaleUpdateIs409AndChangesNothing() {
        JsonNode filter = create(f.creator, project, unique("Stale"));
        assertStatus(http.putJson(path(filter), f.creator.key(), Http.json(Map.of("name", unique("First")))), 200);
        Document before = f.stored("filters", filter.get("id").asString());

        assertStatus(http.putJson(path(filter), f.creator.key(), Http.json(Map.of("name", unique("Second"), "version", 0))),
                409);
        assertStatus(http.send(http.request(path(filter), f.creator.key()).header("Content-Type", "application/json")
                .header("If-Match", "\"0\"").PUT(java.net.http.HttpRequest.BodyPublishers.ofString(
                        Http.json(Map.of("name", unique("Third")))))), 409);
        assertInvalid(http.send(http.request(path(filter), f.creator.key()).header("Content-Type", "application/json")
                .header("If-Match", "yesterday").PUT(java.net.http.HttpRequest.BodyPublishers.ofString(
                        Http.json(Map.of("name", unique("Fourth")))))), "If-Match");
        assertThat(f.stored("filters", filter.get("id").asString())).isEqualTo(before);
        assertStatus(http.send(http.request(path(filter), f.creator.key()).header("Content-Type", "application/json")
                .header("If-Match", "\"1\"").PUT(java.net.http.HttpRequest.BodyPublishers.ofString(
                        Http.json(Map.of("name", unique("Fifth")))))), 200);
    }

    @Test
    void refusedUpdatesChangeNothing() {
        JsonNode filter = create(f.creator, project, unique("Refused"));
        JsonNode other = create(f.creator, project, unique("Taken"));
        String id = filter.get("id").asString();
        Document before = f.stored("filters", id);

        assertInvalid(http.putJson(path(filter), f.creator.key(), Http.json(Map.of("name", ""))), "name");
        assertInvalid(http.putJson(path(filter), f.creator.key(),
                Http.json(Map.of("name", "ok", "projectID", f.project(f.creator)))), "projectID");
        assertInvalid(http.putJson(path(filter), f.creator.key(),
                Http.json(Map.of("name", "ok", "qlikAppID", UUID.randomUUID().toString()))), "qlikAppID");
        assertStatus(http.putJson(path(filter), f.creator.key(),
                Http.json(Map.of("name", other.get("name").asString().toLowerCase()))), 409);
        assertStatus(http.putJson(path(filter), null, Http.json(Map.of("name", "x"))), 401);
        assertStatus(http.putJson(path(filter), f.otherCreator.key(), Http.json(Map.of("name", "x"))), 403);
        assertStatus(http.putJson(path(filter), f.outsider.key(), Http.json(Map.of("name", "x"))), 404);
        assertStatus(http.putJson("/api/v1/filters/" + UUID.randomUUID(), f.creator.key(), Http.json(Map.of("name", "x"))),
                404);
        assertThat(f.stored("filters", id)).isEqualTo(before);
    }

    @Test
    void theAppOfAFilterChangesOnlyWhileItHasNoItems() {
        JsonNode filter = create(f.creator, project, unique("App"));
        Answer set = http.putJson(path(filter), f.creator.key(), Http.json(Map.of("name", filter.get("name").asString(),
                "qlikAppID", APP)));
        assertStatus(set, 200);
        assertThat(set.data().get("appId").asString()).isEqualTo(APP);

        JsonNode withItems = create(f.creator, project, unique("Items"));
        assertStatus(addRegion(f.creator, withItems, "Europe"), 200);
        String otherApp = UUID.randomUUID().toString();
        Answer refused = http.putJson(path(withItems), f.creator.key(),
                Http.json(Map.of("name", withItems.get("name").asString(), "qlikAppID", otherApp)));
        assertStatus(refused, 409);
        assertThat(refused.json().get("error").asString()).contains("delete them");
        assertStatus(http.putJson(path(withItems), f.creator.key(),
                Http.json(Map.of("name", withItems.get("name").asString(), "qlikAppID", APP))), 200);
    }

    // ---- delete ----

    @Test
    void deleteRemovesTheFilterFor200And401And403And404() {
        JsonNode filter = create(f.creator, project, unique("Gone"));
        String noDelete = f.project(f.creator);
        JsonNode kept = create(f.creator, noDelete, unique("Kept"));
        f.grantOnProject(noDelete, f.otherCreator, f.creator, "viewProject", "viewFilter", "editFilter");

        assertStatus(http.delete(path(filter), null), 401);
        assertStatus(http.delete(path(filter), f.outsider.key()), 404);
        assertStatus(http.delete(path(kept), f.otherCreator.key()), 403);
        assertThat(f.stored("filters", kept.get("id").asString())).isNotNull();

        Answer deleted = http.delete(path(filter), f.explorer.key());
        assertStatus(deleted, 200);
        assertThat(deleted.data().asString()).isEqualTo(filter.get("id").asString());
        assertStatus(http.get(path(filter), f.creator.key()), 404);
        assertStatus(http.delete(path(filter), f.creator.key()), 404);
    }

    @Test
    void bulkDeleteIsAllOrNone() {
        JsonNode first = create(f.creator, project, unique("Bulk 1"));
        JsonNode second = create(f.creator, project, unique("Bulk 2"));
        String elsewhere = f.project(f.otherCreator);
        JsonNode notMine = create(f.otherCreator, elsewhere, unique("Not mine"));
        f.grantOnProject(elsewhere, f.explorer, f.otherCreator, "viewProject", "viewFilter");

        assertStatus(http.deleteJson("/api/v1/filters", f.explorer.key(), Http.json(List.of(first.get("id").asString(),
                notMine.get("id").asString()))), 403);
        assertStatus(http.deleteJson("/api/v1/filters", f.explorer.key(), Http.json(List.of(first.get("id").asString(),
                UUID.randomUUID().toString()))), 404);
        assertInvalid(http.deleteJson("/api/v1/filters", f.explorer.key(), "[]"), "ids");
        assertInvalid(http.deleteJson("/api/v1/filters", f.explorer.key(), "[null]"), "ids[0]");
        assertStatus(http.deleteJson("/api/v1/filters", f.explorer.key(), "[\"nope\"]"), 400);
        assertStatus(http.deleteJson("/api/v1/filters", null, Http.json(List.of(first.get("id").asString()))), 401);
        assertThat(f.stored("filters", first.get("id").asString())).isNotNull();

        Answer deleted = http.deleteJson("/api/v1/filters", f.explorer.key(), Http.json(List.of(first.get("id").asString(),
                second.get("id").asString(), first.get("id").asString())));
        assertStatus(deleted, 200);
        assertThat(deleted.data().valueStream().map(JsonNode::asString).toList())
                .containsExactly(first.get("id").asString(), second.get("id").asString());
        assertThat(f.stored("filters", first.get("id").asString())).isNull();
        assertThat(f.stored("filters", second.get("id").asString())).isNull();
        assertThat(f.stored("filters", notMine.get("id").asString())).isNotNull();
    }

    // ---- duplicate ----

    @Test
    void duplicateCopiesTheItemsUnderNewIdsWithACopyName() {
        JsonNode filter = create(f.creator, project, unique("Original"));
        String itemId = id(addRegion(f.creator, filter, "Europe", "Asia Pacific"));

        Answer copy = http.postJson(path(filter) + "/duplicate", f.otherCreator.key(), "{}");
        assertStatus(copy, 200);
        JsonNode duplicated = copy.data();
        assertThat(duplicated.get("name").asString()).isEqualTo(filter.get("name").asString() + " - Copy");
        assertThat(duplicated.get("owner").asString()).isEqualTo(f.otherCreator.id());
        assertThat(duplicated.get("isMine").asBoolean()).isTrue();
        assertThat(duplicated.get("project").get("id").asString()).isEqualTo(project);
        assertThat(duplicated.get("appId").asString()).isEqualTo(APP);
        JsonNode item = duplicated.get("items").get(0);
        assertThat(item.get("id").asString()).isNotEqualTo(itemId);
        assertThat(item.get("filterID").asString()).isEqualTo(duplicated.get("id").asString());
        assertThat(item.get("filterItemFieldValues").valueStream().map(JsonNode::asString).toList())
                .containsExactly("Europe", "Asia Pacific");

        Answer again = http.postJson(path(filter) + "/duplicate", f.creator.key(),
                Http.json(Map.of("projectID", project, "organizationID", f.orgA.id())));
        assertThat(again.data().get("name").asString()).isEqualTo(filter.get("name").asString() + " - Copy (2)");
    }

    @Test
    void duplicateIntoAnotherProjectNeedsCreateFilterThere() {
        JsonNode filter = create(f.creator, project, unique("Travels"));
        String target = f.project(f.otherCreator);
        String viewOnly = f.project(f.creator);
        f.grantOnProject(viewOnly, f.otherCreator, f.creator, "viewProject", "viewFilter");

        Answer moved = http.postJson(path(filter) + "/duplicate", f.otherCreator.key(), Http.json(Map.of("projectID", target)));
        assertStatus(moved, 200);
        assertThat(moved.data().get("project").get("id").asString()).isEqualTo(target);
        assertThat(moved.data().get("name").asString()).isEqualTo(filter.get("name").asString() + " - Copy");

        assertStatus(http.postJson(path(filter) + "/duplicate", f.otherCreator.key(),
                Http.json(Map.of("projectID", viewOnly))), 403);
        assertInvalid(http.postJson(path(filter) + "/duplicate", f.otherCreator.key(),
                Http.json(Map.of("projectID", target, "organizationID", f.orgB.id()))), "organizationID");
        assertInvalid(http.postJson(path(filter) + "/duplicate", f.otherCreator.key(),
                Http.json(Map.of("projectID", "x"))), "projectID");
        assertStatus(http.postJson(path(filter) + "/duplicate", f.otherCreator.key(),
                Http.json(Map.of("projectID", UUID.randomUUID().toString()))), 404);
        assertStatus(http.postJson(path(filter) + "/duplicate", f.explorer.key(), "{}"), 403);
        assertStatus(http.postJson(path(filter) + "/duplicate", f.outsider.key(), "{}"), 404);
        assertStatus(http.postJson(path(filter) + "/duplicate", null, "{}"), 401);
        assertThat(filtersIn(viewOnly)).isZero();
    }

    // ---- by report ----

    @Test
    void aReportsFiltersAreThoseOfItsProjectOnItsApps() {
        String reportProject = f.project(f.creator);
        f.grantOnProject(reportProject, f.otherCreator, f.creator, "viewProject", "viewFilter", "viewReport");
        JsonNode onApp = create(f.creator, reportProject, unique("On app"));
        assertStatus(addRegion(f.creator, onApp, "Europe"), 200);
        JsonNode noApp = create(f.creator, reportProject, unique("No app"));
        JsonNode elsewhere = create(f.creator, project, unique("Elsewhere"));
        assertStatus(addRegion(f.creator, elsewhere, "Europe"), 200);
        String report = f.report(reportProject, f.orgA.id(), f.creator.id(), APP);
        String otherApps = f.report(reportProject, f.orgA.id(), f.creator.id(), UUID.randomUUID().toString());

        Answer filters = http.get("/api/v1/filters/report/" + report, f.otherCreator.key());
        assertThat(ids(filters)).containsExactly(onApp.get("id").asString()).doesNotContain(noApp.get("id").asString(),
                elsewhere.get("id").asString());
        assertThat(filters.data().get(0).get("items").get(0).get("fieldName").asString()).isEqualTo("region");
        assertThat(ids(http.get("/api/v1/filters/report/" + otherApps, f.otherCreator.key()))).isEmpty();
    }

    @Test
    void reportFiltersAnswer401And403And404() {
        String reportProject = f.project(f.creator);
        f.grantOnProject(reportProject, f.otherCreator, f.creator, "viewProject", "viewFilter");
        String report = f.report(reportProject, f.orgA.id(), f.creator.id(), APP);
        String reportOfB = f.report(f.project(f.creator), f.orgB.id(), f.outsider.id(), APP);

        assertStatus(http.get("/api/v1/filters/report/" + report, null), 401);
        assertStatus(http.get("/api/v1/filters/report/" + report, f.otherCreator.key()), 403);
        assertStatus(http.get("/api/v1/filters/report/" + report, f.outsider.key()), 404);
        assertStatus(http.get("/api/v1/filters/report/" + reportOfB, f.creator.key()), 404);
        assertStatus(http.get("/api/v1/filters/report/" + UUID.randomUUID(), f.creator.key()), 404);
        assertInvalid(http.get("/api/v1/filters/report/x", f.creator.key()), "id");
        assertStatus(http.get("/api/v1/filters/report/" + report, f.creator.key()), 200);
    }

    static Map<String, Object> map(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
