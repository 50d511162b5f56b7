package org.qalyptus.server.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qalyptus.server.filter.ContentFixture;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import tools.jackson.databind.JsonNode;

/** appContents: what an app holds for the console's pickers, refused as the report or organization is. */
class AppContentsGraphqlTest {

    static final String QUERY = """
            query($r: ID, $o: ID, $a: ID) {
              appContents(reportId: $r, organizationId: $o, appId: $a) {
                appId appName fields { id name } variables { id name definition }
                bookmarks { id bookmarkId name description } sheets { id title objects { id itemId title type } } } }""";

    static ContentFixture f;
    static String report;

    @BeforeAll
    static void fixture() {
        f = new ContentFixture();
        String project = f.project(f.creator);
        Answer created = f.http.postJson("/api/v1/reports", f.creator.key(), Http.json(Map.of("name",
                ContentFixture.unique("Contents"), "projectID", project, "type", "HTML", "qlikAppIDs", List.of(ContentFixture.APP))));
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

    static JsonNode named(JsonNode list, String key, String value) {
        for (JsonNode item : list) {
            if (value.equals(item.get(key).asString())) {
                return item;
            }
        }
        throw new AssertionError("no " + key + " " + value + " in " + list);
    }

    @Test
    void anAppOfTheCallersOrganizationListsItsFieldsVariablesBookmarksAndObjectsWithTheIdsFiltersStore() {
        JsonNode contents = ask(f.viewer.key(), vars("o", f.orgA.id(), "a", ContentFixture.APP)).get("data").get("appContents");
        assertThat(contents.get("appId").asString()).isEqualTo(ContentFixture.APP);
        assertThat(contents.get("appName").asString()).isNotBlank();

        assertThat(contents.get("fields").findValuesAsString("name")).contains("city", "region", "units");
        assertThat(named(contents.get("fields"), "name", "city").get("id").asString()).isEqualTo(ContentFixture.field("city"));

        JsonNode currency = named(contents.get("variables"), "name", "vCurrency");
        assertThat(currency.get("id").asString()).isEqualTo(ContentFixture.variable("vCurrency"));
        assertThat(currency.get("definition").asString()).isEqualTo("EUR");

        JsonNode bikes = named(contents.get("bookmarks"), "bookmarkId", "bm-europe-bikes");
        assertThat(bikes.get("id").asString()).isEqualTo(ContentFixture.bookmark("bm-europe-bikes"));
        assertThat(bikes.get("name").asString()).isEqualTo("Europe bikes");
        assertThat(bikes.get("description").asString()).isEqualTo("Bikes sold in Europe");

        JsonNode overview = named(contents.get("sheets"), "id", "sheet-overview");
        assertThat(overview.get("title").asString()).isEqualTo("Overview");
        JsonNode kpi = named(overview.get("objects"), "itemId", "kpi-revenue");
        assertThat(kpi.get("id").asString()).isEqualTo(ContentFixture.object("kpi-revenue"));
        assertThat(kpi.get("type").asString()).isNotBlank();
    }

    @Test
    void aReportNamesItsMainAppAndAnswersTheSameContents() {
        JsonNode throughReport = ask(f.creator.key(), vars("r", report)).get("data").get("appContents");
        JsonNode direct = ask(f.creator.key(), vars("o", f.orgA.id(), "a", ContentFixture.APP)).get("data").get("appContents");
        assertThat(throughReport).isEqualTo(direct);
    }

    @Test
    void anAnonymousCallerIs401AndAnotherOrganizationsMemberIsNotFound() {
        Answer anonymous = f.http.postJson("/graphql", null, Http.json(Map.of("query", QUERY, "variables",
                vars("o", f.orgA.id(), "a", ContentFixture.APP))));
        assertThat(anonymous.status()).isEqualTo(401);

        JsonNode outsider = ask(f.outsider.key(), vars("o", f.orgA.id(), "a", ContentFixture.APP));
        assertThat(outsider.get("data").isNull()).isTrue();
        assertThat(code(outsider)).isEqualTo("NOT_FOUND");
        JsonNode outsiderReport = ask(f.outsider.key(), vars("r", report));
        assertThat(code(outsiderReport)).isEqualTo("NOT_FOUND");
    }

    @Test
    void aReportTheCallerMayNotViewIsForbidden() {
        String closedProject = f.project(f.creator);
        Answer closed = f.http.postJson("/api/v1/reports", f.creator.key(), Http.json(Map.of("name",
                ContentFixture.unique("Closed"), "projectID", closedProject, "type", "HTML", "qlikAppIDs", List.of(ContentFixture.APP))));
        String closedReport = closed.data().get("id").asString();
        f.grantOnProject(closedProject, f.otherCreator, f.creator, "viewProject");
        assertThat(f.http.get("/api/v1/reports/" + closedReport, f.otherCreator.key()).status()).isEqualTo(403);
        JsonNode refused = ask(f.otherCreator.key(), vars("r", closedReport));
        assertThat(refused.get("data").isNull()).isTrue();
        assertThat(code(refused)).isEqualTo("FORBIDDEN");
    }

    @Test
    void anUnknownAppIsABadRequestNamingAppId() {
        JsonNode unknownApp = ask(f.creator.key(), vars("o", f.orgA.id(), "a", "no-such-app"));
        assertThat(code(unknownApp)).isEqualTo("BAD_REQUEST");
        assertThat(unknownApp.get("errors").get(0).get("extensions").get("fields").get(0).get("field").asString()).isEqualTo("appId");

        JsonNode notTheReports = ask(f.creator.key(), vars("r", report, "a", "no-such-app"));
        assertThat(code(notTheReports)).isEqualTo("BAD_REQUEST");

        JsonNode noApp = ask(f.creator.key(), vars("o", f.orgA.id()));
        assertThat(code(noApp)).isEqualTo("BAD_REQUEST");
        assertThat(noApp.get("errors").get(0).get("extensions").get("fields").get(0).get("field").asString()).isEqualTo("appId");
    }
}
