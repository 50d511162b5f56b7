package org.qalyptus.server.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.qalyptus.server.filter.ContentFixture.APP;
import static org.qalyptus.server.filter.ContentFixture.assertInvalid;
import static org.qalyptus.server.filter.ContentFixture.assertStatus;
import static org.qalyptus.server.filter.ContentFixture.bookmark;
import static org.qalyptus.server.filter.ContentFixture.field;
import static org.qalyptus.server.filter.ContentFixture.id;
import static org.qalyptus.server.filter.ContentFixture.ids;
import static org.qalyptus.server.filter.ContentFixture.unique;
import static org.qalyptus.server.filter.ContentFixture.variable;
import static org.qalyptus.server.filter.FilterRoutesTest.map;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qalyptus.server.app.AppElementIds;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import org.qalyptus.server.support.TenantFixture.Person;
import tools.jackson.databind.JsonNode;

/**
 * The item routes of filters over real HTTP, against the bundled Sales demo app: field values, variable
 * values and bookmarks (by id or by name), value and element checks, deleting items, ordering them,
 * reading them; with 400, 401, 403, 404 and 409 for each, and refused requests changing nothing.
 */
class FilterItemRoutesTest {

    static ContentFixture f;
    private static Http http;
    private static String project;

    @BeforeAll
    static void fixture() {
        setUp(new ContentFixture());
    }

    static void setUp(ContentFixture fixture) {
        f = fixture;
        http = f.http;
        project = f.project(f.creator);
        f.grantOnProject(project, f.explorer, f.creator, "viewProject", "viewFilter", "editFilter");
        f.grantOnProject(project, f.viewer, f.creator, "viewProject", "viewFilter", "editFilter");
        f.grantOnProject(project, f.otherCreator, f.creator, "viewProject", "viewFilter");
    }

    private static String newFilter() {
        Answer answer = http.postJson("/api/v1/filters", f.creator.key(),
                Http.json(Map.of("name", unique("Items"), "projectID", project)));
        return id(answer);
    }

    private static String base(String filterId) {
        return "/api/v1/filters/" + filterId;
    }

    private static Answer fields(Person by, String filterId, Map<String, Object> body) {
        return http.putJson(base(filterId) + "/fields", by == null ? null : by.key(), Http.json(body));
    }

    private static Answer variables(Person by, String filterId, Map<String, Object> body) {
        return http.putJson(base(filterId) + "/variables", by == null ? null : by.key(), Http.json(body));
    }

    private static Answer bookmarks(Person by, String filterId, Map<String, Object> body) {
        return http.putJson(base(filterId) + "/bookmarks", by == null ? null : by.key(), Http.json(body));
    }

    private static Answer order(Person by, String filterId, Map<String, Object> body) {
        return http.putJson(base(filterId) + "/values/order", by == null ? null : by.key(), Http.json(body));
    }

    private static String addField(String filterId, String field, String... values) {
        return id(fields(f.creator, filterId, map("qlikFieldID", field(field), "filterItemFieldValues", List.of(values))));
    }

    private static List<String> itemIds(String filterId) {
        return ids(http.get(base(filterId) + "/items", f.creator.key()));
    }

    private static void assertDenseOrder(String filterId) {
        Answer items = http.get(base(filterId) + "/items", f.creator.key());
        assertStatus(items, 200);
        for (int i = 0; i < items.data().size(); i++) {
            assertThat(items.data().get(i).get("order").asInt()).isEqualTo(i);
        }
    }

    private static Document stored(String filterId) {
        return f.stored("filters", filterId);
    }

    // ---- field values ----

    @Test
    void aFieldItemSelectsValuesOfAFieldOfTheApp() {
        String filter = newFilter();

        Answer added = fields(f.explorer, filter, map("qlikFieldID", field("region"),
                "filterItemFieldValues", List.of("Europe", "Asia Pacific", "Europe")));

        assertStatus(added, 200);
        JsonNode item = added.data();
        assertThat(item.get("type").asString()).isEqualTo("Field");
        assertThat(item.get("order").asInt()).isZero();
        assertThat(item.get("filterID").asString()).isEqualTo(filter);
        assertThat(item.get("qlikAppID").asString()).isEqualTo(APP);
        assertThat(item.get("qlikFieldID").asString()).isEqualTo(field("region"));
        assertThat(item.get("fieldName").asString()).isEqualTo("region");
        assertThat(item.get("name").asString()).isEqualTo("region");
        assertThat(item.get("filterItemFieldValues").valueStream().map(JsonNode::asString).toList())
                .as("duplicates dropped, order kept").containsExactly("Europe", "Asia Pacific");
        assertThat(item.get("filterVersion").asLong()).isEqualTo(1);
        assertThat(item.has("qlikVariableID")).isFalse();
        JsonNode filterNow = http.get(base(filter), f.creator.key()).data();
        assertThat(filterNow.get("appId").asString()).as("set by the first item").isEqualTo(APP);
        List<?> storedItems = stored(filter).get("items", List.class);
        assertThat(storedItems).hasSize(1);
        assertThat((Document) storedItems.get(0)).as("indexed as items._id").containsEntry("_id", item.get("id").asString());
    }

    @Test
    void aFieldMayBeNamedByNameWithItsApp() {
        String filter = newFilter();
        Answer byName = fields(f.creator, filter, map("qlikAppID", APP, "fieldName", "category",
                "filterItemFieldValues", List.of("Bikes")));
        assertStatus(byName, 200);
        assertThat(byName.data().get("qlikFieldID").asString()).isEqualTo(field("category"));

        String noApp = newFilter();
        assertInvalid(fields(f.creator, noApp, map("fieldName", "category", "filterItemFieldValues", List.of("Bikes"))),
                "qlikAppID");
        assertInvalid(fields(f.creator, filter, map("fieldName", "colour", "filterItemFieldValues", List.of("Red"))),
                "fieldName");
    }

    @Test
    void valuesAreCheckedWithTheApp() {
        String filter = newFilter();
        Answer unknown = fields(f.creator, filter, map("qlikFieldID", field("region"),
                "filterItemFieldValues", List.of("Europe", "Atlantis")));
        assertInvalid(unknown, "filterItemFieldValues[1]");
        assertThat(unknown.json().get("error").asString()).contains("is not a value of field 'region'");

        List<String> cities = List.of("Paris", "Lyon", "Berlin", "Munich", "Madrid", "Barcelona", "London", "Manchester",
                "Tokyo", "Osaka", "Sydney", "Gotham");
        assertInvalid(fields(f.creator, filter, map("qlikFieldID", field("city"), "filterItemFieldValues", cities)),
                "filterItemFieldValues[11]");
        assertThat(stored(filter).get("items", List.class)).isEmpty();
        assertThat(stored(filter).get("appId")).isNull();

        assertStatus(fields(f.creator, filter, map("qlikFieldID", field("city"),
                "filterItemFieldValues", cities.subList(0, 11))), 200);
        assertStatus(fields(f.creator, filter, map("qlikFieldID", field("month"),
                "filterItemFieldValues", List.of("2024-03", "2023-12-01"))), 200);
        assertStatus(fields(f.creator, filter, map("qlikFieldID", field("units"), "filterItemFieldValues", List.of("3"))), 200);
        assertInvalid(fields(f.creator, filter, map("qlikFieldID", field("category"),
                "filterItemFieldValues", List.of("bikes"))), "filterItemFieldValues[0]");
    }

    @Test
    void fieldItemBodiesAreValidated() {
        String filter = newFilter();
        Document before = stored(filter);
        assertInvalid(fields(f.creator, filter, map("filterItemFieldValues", List.of("Europe"))), "qlikFieldID");
        assertInvalid(fields(f.creator, filter, map("qlikFieldID", "region", "filterItemFieldValues", List.of("Europe"))),
                "qlikFieldID");
        assertInvalid(fields(f.creator, filter, map("qlikFieldID", field("region"))), "filterItemFieldValues");
        assertInvalid(fields(f.creator, filter, map("qlikFieldID", field("region"), "filterItemFieldValues", List.of())),
                "filterItemFieldValues");
        assertInvalid(fields(f.creator, filter, map("qlikFieldID", field("region"), "filterItemFieldValues",
                java.util.Arrays.asList("Europe", null, ""))), "filterItemFieldValues[1]", "filterItemFieldValues[2]");
        assertInvalid(fields(f.creator, filter, map("qlikFieldID", field("region"), "filterItemFieldValues",
                List.of("x".repeat(1001)))), "filterItemFieldValues[0]");
        assertInvalid(fields(f.creator, filter, map("id", "first", "qlikFieldID", field("region"),
                "filterItemFieldValues", List.of("Europe"))), "id");
        assertInvalid(http.putJson(base(filter) + "/fields", f.creator.key(), "{\"qlikFieldID\": \"" + field("region")
                + "\", \"filterItemFieldValues\": [{\"$ne\": null}]}"), "filterItemFieldValues[0]");
        assertStatus(http.putJson(base(filter) + "/fields", f.creator.key(), "null"), 400);
        assertInvalid(fields(f.creator, filter, map("qlikFieldID", UUID.randomUUID().toString(),
                "filterItemFieldValues", List.of("Europe"))), "qlikFieldID");
        assertInvalid(fields(f.creator, filter, map("qlikFieldID", AppElementIds.field(UUID.randomUUID().toString(), "region"),
                "qlikAppID", APP, "filterItemFieldValues", List.of("Europe"))), "qlikFieldID");
        assertInvalid(fields(f.creator, filter, map("qlikFieldID", field("region"), "qlikAppID", UUID.randomUUID().toString(),
                "filterItemFieldValues", List.of("Europe"))), "qlikAppID");
        assertThat(stored(filter)).isEqualTo(before);
    }

    @Test
    void changingAFieldItemKeepsItsIdAndPlace() {
        String filter = newFilter();
        String first = addField(filter, "region", "Europe");
        String second = addField(filter, "category", "Bikes");

        Answer changed = fields(f.creator, filter, map("id", first, "qlikFieldID", field("country"),
                "filterItemFieldValues", List.of("France", "Spain")));

        assertStatus(changed, 200);
        assertThat(changed.data().get("id").asString()).isEqualTo(first);
        assertThat(changed.data().get("order").asInt()).isZero();
        assertThat(changed.data().get("fieldName").asString()).isEqualTo("country");
        assertThat(itemIds(filter)).containsExactly(first, second);
    }

    @Test
    void oneItemPerFieldAndPerVariableAndOneBookmark() {
        String filter = newFilter();
        addField(filter, "region", "Europe");
        String variableItem = id(variables(f.creator, filter, map("qlikVariableID", variable("vTargetMargin"),
                "variableValue", "0.25")));
        assertStatus(bookmarks(f.creator, filter, map("qlikBookmarkID", bookmark("bm-europe-bikes"))), 200);
        Document before = stored(filter);

        Answer again = fields(f.creator, filter, map("qlikFieldID", field("region"), "filterItemFieldValues", List.of("Asia Pacific")));
        assertStatus(again, 409);
        assertThat(again.json().get("error").asString()).contains("already has an item for field 'region'");
        assertStatus(variables(f.creator, filter, map("variableName", "vTargetMargin", "variableValue", "0.5")), 409);
        assertStatus(bookmarks(f.creator, filter, map("qlikBookmarkID", bookmark("bm-2024-h1"))), 409);
        assertInvalid(fields(f.creator, filter, map("id", variableItem, "qlikFieldID", field("country"),
                "filterItemFieldValues", List.of("France"))), "id");
        assertStatus(fields(f.creator, filter, map("id", UUID.randomUUID().toString(), "qlikFieldID", field("country"),
                "filterItemFieldValues", List.of("France"))), 404);
        assertThat(stored(filter)).isEqualTo(before);
    }

    // ---- variables and bookmarks ----

    @Test
    void aVariableItemSetsAVariableOfTheApp() {
        String filter = newFilter();
        Answer added = variables(f.creator, filter, map("qlikVariableID", variable("vTargetMargin"), "variableValue", "0.25"));
        assertStatus(added, 200);
        assertThat(added.data().get("type").asString()).isEqualTo("Variable");
        assertThat(added.data().get("variableName").asString()).isEqualTo("vTargetMargin");
        assertThat(added.data().get("variableValue").asString()).isEqualTo("0.25");
        assertThat(added.data().get("qlikVariableID").asString()).isEqualTo(variable("vTargetMargin"));

        Answer byName = variables(f.creator, filter, map("variableName", "vCurrency", "variableValue", ""));
        assertStatus(byName, 200);
        assertThat(byName.data().get("variableValue").asString()).isEmpty();
        assertThat(byName.data().get("order").asInt()).isEqualTo(1);
        assertStatus(variables(f.creator, filter, map("id", byName.data().get("id").asString(), "variableName", "vCurrency",
                "variableValue", "=Sum(revenue) / 2")), 200);
    }

    @Test
    void variableItemsAreValidated() {
        String filter = newFilter();
        assertInvalid(variables(f.creator, filter, map("qlikVariableID", variable("vNope"), "qlikAppID", APP,
                "variableValue", "1")), "qlikVariableID");
        assertInvalid(variables(f.creator, filter, map("qlikAppID", APP, "variableName", "vNope", "variableValue", "1")),
                "variableName");
        assertInvalid(variables(f.creator, filter, map("qlikVariableID", variable("vCurrency"))), "variableValue");
        assertInvalid(variables(f.creator, filter, map("variableValue", "1")), "qlikVariableID");
        Answer badExpression = variables(f.creator, filter, map("qlikVariableID", variable("vCurrency"),
                "variableValue", "=Sum(revenue"));
        assertInvalid(badExpression, "variableValue");
        assertInvalid(variables(f.creator, filter, map("qlikVariableID", variable("vCurrency"),
                "variableValue", "x".repeat(10_001))), "variableValue");
        assertThat(stored(filter).get("items", List.class)).isEmpty();
    }

    @Test
    void aBookmarkItemAppliesABookmarkOfTheApp() {
        String filter = newFilter();
        Answer added = bookmarks(f.creator, filter, map("qlikBookmarkID", bookmark("bm-europe-bikes")));
        assertStatus(added, 200);
        assertThat(added.data().get("type").asString()).isEqualTo("Bookmark");
        assertThat(added.data().get("bookmarkName").asString()).isEqualTo("Europe bikes");
        assertThat(added.data().get("name").asString()).isEqualTo("Europe bikes");

        Answer changed = bookmarks(f.creator, filter, map("id", added.data().get("id").asString(), "qlikAppID", APP,
                "bookmarkName", "First half of 2024"));
        assertStatus(changed, 200);
        assertThat(changed.data().get("qlikBookmarkID").asString()).isEqualTo(bookmark("bm-2024-h1"));

        assertInvalid(bookmarks(f.creator, filter, map("qlikBookmarkID", bookmark("bm-nope"))), "qlikBookmarkID");
        assertInvalid(bookmarks(f.creator, filter, map("bookmarkName", "Nope")), "bookmarkName");
        assertInvalid(bookmarks(f.creator, filter, map()), "qlikBookmarkID");
    }

    @Test
    void aFilterDrawsFromOneApp() {
        String filter = newFilter();
        addField(filter, "region", "Europe");
        Document before = stored(filter);
        assertInvalid(bookmarks(f.creator, filter, map("qlikAppID", UUID.randomUUID().toString(),
                "qlikBookmarkID", bookmark("bm-europe-bikes"))), "qlikAppID");
        assertThat(stored(filter)).isEqualTo(before);
    }

    @Test
    void itemChangesNeedEditFilterAndAVisibleFilter() {
        String filter = newFilter();
        Map<String, Object> body = map("qlikFieldID", field("region"), "filterItemFieldValues", List.of("Europe"));
        assertStatus(fields(null, filter, body), 401);
        assertStatus(fields(f.viewer, filter, body), 403);
        assertStatus(fields(f.otherCreator, filter, body), 403);
        assertStatus(fields(f.outsider, filter, body), 404);
        assertStatus(fields(f.creator, UUID.randomUUID().toString(), body), 404);
        assertStatus(variables(f.otherCreator, filter, map("qlikVariableID", variable("vCurrency"), "variableValue", "USD")), 403);
        assertStatus(variables(f.outsider, filter, map("qlikVariableID", variable("vCurrency"), "variableValue", "USD")), 404);
        assertStatus(variables(null, filter, map("qlikVariableID", variable("vCurrency"), "variableValue", "USD")), 401);
        assertStatus(bookmarks(f.otherCreator, filter, map("qlikBookmarkID", bookmark("bm-europe-bikes"))), 403);
        assertStatus(bookmarks(f.outsider, filter, map("qlikBookmarkID", bookmark("bm-europe-bikes"))), 404);
        assertStatus(bookmarks(null, filter, map("qlikBookmarkID", bookmark("bm-europe-bikes"))), 401);
        assertThat(stored(filter).get("items", List.class)).isEmpty();
        assertStatus(fields(f.explorer, filter, body), 200);
    }

    @Test
    void itemChangesHonourTheVersion() {
        String filter = newFilter();
        addField(filter, "region", "Europe");
        Document before = stored(filter);
        assertStatus(fields(f.creator, filter, map("qlikFieldID", field("category"), "filterItemFieldValues", List.of("Bikes"),
                "version", 0)), 409);
        assertStatus(http.send(http.request(base(filter) + "/variables", f.creator.key())
                .header("Content-Type", "application/json").header("If-Match", "0")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(Http.json(map("qlikVariableID",
                        variable("vCurrency"), "variableValue", "USD"))))), 409);
        assertThat(stored(filter)).isEqualTo(before);
        assertStatus(fields(f.creator, filter, map("qlikFieldID", field("category"), "filterItemFieldValues", List.of("Bikes"),
                "version", 1)), 200);
    }

    @Test
    void aWriteBasedOnAVersionSomeoneElseMovedIsRefusedByTheStore() {
        String filter = newFilter();
        FilterDocument read = f.server.bean(org.springframework.data.mongodb.core.MongoTemplate.class)
                .findById(filter, FilterDocument.class);
        addField(filter, "region", "Europe");

        assertThatThrownBy(() -> f.server.bean(FilterService.class).save(read.withItems(null, List.of(), read.updatedAt())))
                .isInstanceOf(org.springframework.dao.OptimisticLockingFailureException.class);
        assertThat(stored(filter).get("items", List.class)).hasSize(1);
    }

    @Test
    void anItemOfAFilterWhoseAppIsGoneIs409() {
        String filter = newFilter();
        addField(filter, "region", "Europe");
        f.server.bean(org.springframework.data.mongodb.core.MongoTemplate.class).updateFirst(
                new org.springframework.data.mongodb.core.query.Query(
                        org.springframework.data.mongodb.core.query.Criteria.where("_id").is(filter)),
                new org.springframework.data.mongodb.core.query.Update().set("appId", UUID.randomUUID().toString()),
                "filters");

        Answer refused = fields(f.creator, filter, map("qlikAppID", null, "fieldName", "category",
                "filterItemFieldValues", List.of("Bikes")));
        assertStatus(refused, 409);
        assertThat(refused.json().get("error").asString()).contains("no longer an app of the organization");
    }

    // ---- reading items ----

    @Test
    void itemsAreListedInOrderAndOneItemIsFoundByItsId() {
        String filter = newFilter();
        String region = addField(filter, "region", "Europe");
        String variableItem = id(variables(f.creator, filter, map("qlikVariableID", variable("vCurrency"), "variableValue", "USD")));
        String bookmarkItem = id(bookmarks(f.creator, filter, map("qlikBookmarkID", bookmark("bm-2024-h1"))));

        Answer items = http.get(base(filter) + "/items", f.otherCreator.key());
        assertThat(ids(items)).containsExactly(region, variableItem, bookmarkItem);
        assertThat(items.data().valueStream().map(n -> n.get("type").asString()).toList())
                .containsExactly("Field", "Variable", "Bookmark");
        assertThat(items.data().get(2).get("bookmarkName").asString()).isEqualTo("First half of 2024");
        assertThat(items.data().get(0).has("filterVersion")).isFalse();

        Answer one = http.get("/api/v1/filters/items/" + variableItem, f.otherCreator.key());
        assertStatus(one, 200);
        assertThat(one.data().get("order").asInt()).isEqualTo(1);
        assertThat(one.data().get("variableValue").asString()).isEqualTo("USD");
        assertThat(one.data().get("filterID").asString()).isEqualTo(filter);
    }

    @Test
    void readingItemsAnswers401And403And404() {
        String filter = newFilter();
        String item = addField(filter, "region", "Europe");
        String hiddenProject = f.project(f.creator);
        f.grantOnProject(hiddenProject, f.otherCreator, f.creator, "viewProject");
        String hidden = id(http.postJson("/api/v1/filters", f.creator.key(),
                Http.json(Map.of("name", unique("Hidden"), "projectID", hiddenProject))));
        String hiddenItem = addField(hidden, "region", "Europe");

        assertStatus(http.get(base(filter) + "/items", null), 401);
        assertStatus(http.get(base(hidden) + "/items", f.otherCreator.key()), 403);
        assertStatus(http.get(base(filter) + "/items", f.outsider.key()), 404);
        assertStatus(http.get(base(UUID.randomUUID().toString()) + "/items", f.creator.key()), 404);
        assertStatus(http.get("/api/v1/filters/items/" + item, null), 401);
        assertStatus(http.get("/api/v1/filters/items/" + hiddenItem, f.otherCreator.key()), 403);
        assertStatus(http.get("/api/v1/filters/items/" + item, f.outsider.key()), 404);
        assertStatus(http.get("/api/v1/filters/items/" + UUID.randomUUID(), f.creator.key()), 404);
        assertInvalid(http.get("/api/v1/filters/items/x", f.creator.key()), "id");
    }

    // ---- deleting items ----

    @Test
    void deletingItemsIsAllOrNoneAndTheOthersCloseRanks() {
        String filter = newFilter();
        String a = addField(filter, "region", "Europe");
        String b = addField(filter, "category", "Bikes");
        String c = addField(filter, "country", "France");
        String d = addField(filter, "product", "Helmet");
        Document before = stored(filter);

        assertStatus(http.deleteJson(base(filter) + "/values", f.creator.key(), Http.json(List.of(b, UUID.randomUUID().toString()))),
                404);
        assertInvalid(http.deleteJson(base(filter) + "/values", f.creator.key(), "[]"), "ids");
        assertInvalid(http.deleteJson(base(filter) + "/values", f.creator.key(), "[null]"), "ids[0]");
        assertStatus(http.deleteJson(base(filter) + "/values", f.creator.key(), "[\"b\"]"), 400);
        assertStatus(http.deleteJson(base(filter) + "/values", null, Http.json(List.of(b))), 401);
        assertStatus(http.deleteJson(base(filter) + "/values", f.otherCreator.key(), Http.json(List.of(b))), 403);
        assertStatus(http.deleteJson(base(filter) + "/values", f.outsider.key(), Http.json(List.of(b))), 404);
        assertThat(stored(filter)).isEqualTo(before);

        Answer deleted = http.deleteJson(base(filter) + "/values", f.explorer.key(), Http.json(List.of(b, d)));
        assertStatus(deleted, 200);
        assertThat(deleted.data().valueStream().map(JsonNode::asString).toList()).containsExactly(b, d);
        assertThat(itemIds(filter)).containsExactly(a, c);
        assertDenseOrder(filter);
        assertStatus(http.get("/api/v1/filters/items/" + b, f.creator.key()), 404);
    }

    // ---- ordering ----

    @Test
    void movingTheFirstUpOrTheLastDownChangesNothing() {
        String filter = newFilter();
        String a = addField(filter, "region", "Europe");
        String b = addField(filter, "category", "Bikes");
        String c = addField(filter, "country", "France");
        Document before = stored(filter);

        Answer firstUp = order(f.creator, filter, map("id", a, "direction", "Up"));
        assertThat(ids(firstUp)).containsExactly(a, b, c);
        Answer lastDown = order(f.creator, filter, map("id", c, "direction", "down"));
        assertThat(ids(lastDown)).containsExactly(a, b, c);
        assertThat(stored(filter)).as("no write, same version").isEqualTo(before);
    }

    @Test
    void itemsMoveOneStepOrToAPositionAndTheOrderStaysDense() {
        String filter = newFilter();
        String a = addField(filter, "region", "Europe");
        String b = addField(filter, "category", "Bikes");
        String c = addField(filter, "country", "France");
        String d = addField(filter, "product", "Helmet");

        assertThat(ids(order(f.explorer, filter, map("id", c, "direction", "Up")))).containsExactly(a, c, b, d);
        assertThat(ids(order(f.explorer, filter, map("id", a, "direction", "DOWN")))).containsExactly(c, a, b, d);
        assertThat(ids(order(f.explorer, filter, map("id", d, "position", 0)))).containsExactly(d, c, a, b);
        assertThat(ids(order(f.explorer, filter, map("id", d, "position", 3)))).containsExactly(c, a, b, d);
        assertDenseOrder(filter);

        assertStatus(http.deleteJson(base(filter) + "/values", f.creator.key(), Http.json(List.of(c))), 200);
        assertThat(ids(order(f.creator, filter, map("id", a, "direction", "Up")))).containsExactly(a, b, d);
        assertThat(ids(order(f.creator, filter, map("id", d, "direction", "Down")))).containsExactly(a, b, d);
        assertThat(ids(order(f.creator, filter, map("id", b, "direction", "Down")))).containsExactly(a, d, b);
        assertDenseOrder(filter);
        assertThat(http.get("/api/v1/filters/items/" + b, f.creator.key()).data().get("order").asInt()).isEqualTo(2);
    }

    @Test
    void orderRequestsAreValidatedAndRefusedOnesChangeNothing() {
        String filter = newFilter();
        String a = addField(filter, "region", "Europe");
        addField(filter, "category", "Bikes");
        Document before = stored(filter);

        assertInvalid(order(f.creator, filter, map("id", a, "direction", "Left")), "direction");
        assertInvalid(order(f.creator, filter, map("id", a)), "direction");
        assertInvalid(order(f.creator, filter, map("id", a, "direction", "Up", "position", 1)), "position");
        assertInvalid(order(f.creator, filter, map("id", a, "position", 2)), "position");
        assertInvalid(order(f.creator, filter, map("id", a, "position", -1)), "position");
        assertInvalid(order(f.creator, filter, map("direction", "Up")), "id");
        assertInvalid(order(f.creator, filter, map("id", "a", "direction", "Up")), "id");
        assertStatus(order(f.creator, filter, map("id", UUID.randomUUID().toString(), "direction", "Up")), 404);
        assertStatus(order(f.creator, filter, map("id", a, "direction", "Down", "version", 0)), 409);
        assertStatus(order(null, filter, map("id", a, "direction", "Down")), 401);
        assertStatus(order(f.otherCreator, filter, map("id", a, "direction", "Down")), 403);
        assertStatus(order(f.outsider, filter, map("id", a, "direction", "Down")), 404);
        assertThat(stored(filter)).isEqualTo(before);
    }
}
