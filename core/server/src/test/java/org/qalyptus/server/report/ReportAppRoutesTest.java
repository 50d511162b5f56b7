package org.qalyptus.server.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qalyptus.server.report.ReportTenancy.REPORTS;
import static org.qalyptus.server.report.ReportTenancy.SALES_DEMO;
import static org.qalyptus.server.report.ReportTenancy.assertStatus;
import static org.qalyptus.server.report.ReportTenancy.ids;
import static org.qalyptus.server.report.ReportTenancy.path;
import static org.qalyptus.server.report.ReportTenancy.random;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qalyptus.server.app.AppElementIds;
import org.qalyptus.server.support.AppBackend;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import org.qalyptus.server.support.SharedServer;
import tools.jackson.databind.JsonNode;

/**
 * The routes that read a report's apps (Qlik apps, variables, objects, template items) against the Sales
 * demo app of the embedded engine, and what they answer when the app is gone or its connector fails.
 */
class ReportAppRoutesTest {

    private static final List<String> APP_ROUTES = List.of("/qlik-apps", "/variables", "/qlik-objects", "/template-items");

    private static ReportTenancy t;
    private static Http http;

    /** Below the server's allowed apps folder, where connections may read apps. */
    static Path folder;

    /** Where the tenancy's Sales demo app comes from (the Qlik subclass runs every test on the Engine API simulator). */
    private static AppBackend backend;

    @BeforeAll
    static void tenancy() throws IOException {
        setUp(new ReportTenancy(SharedServer.get()), AppBackend.EMBEDDED);
    }

    static void setUp(ReportTenancy tenancy, AppBackend appBackend) throws IOException {
        t = tenancy;
        http = t.http;
        backend = appBackend;
        folder = Files.createDirectories(t.server.dataDir().resolve("apps").resolve("report-tests-" + UUID.randomUUID()));
    }

    /** A copy of the Sales demo app under another id, in its own apps folder; returns the app id. */
    private static String copyOfTheDemoApp(Path appsFolder, String name) {
        try {
            Path source = t.server.dataDir().resolve("demo-apps/sales-demo");
            Path target = appsFolder.resolve("copy");
            Files.createDirectories(target);
            for (String file : List.of("sales.csv", "customers.csv")) {
                Files.copy(source.resolve(file), target.resolve(file));
            }
            String id = UUID.randomUUID().toString();
            Files.writeString(target.resolve("app.yaml"), Files.readString(source.resolve("app.yaml"))
                    .replace(SALES_DEMO, id).replace("name: Sales demo", "name: " + name));
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theReportsAppsComeWithTheirConnection() {
        JsonNode report = t.report(t.creator.key(), t.projectId(t.creator), "HTML", SALES_DEMO);

        Answer answer = http.get(path(report) + "/qlik-apps", t.creator.key());

        assertStatus(answer, 200);
        assertThat(answer.data().size()).isEqualTo(1);
        JsonNode app = answer.data().get(0);
        assertThat(app.get("id").asString()).isEqualTo(SALES_DEMO);
        assertThat(app.get("name").asString()).isEqualTo("Sales demo");
        assertThat(app.get("connectionType").asString()).isEqualTo(backend == AppBackend.EMBEDDED ? "Embedded" : "QlikSense");
        assertThat(app.get("connectionID").asString()).isNotBlank();
        assertThat(app.get("isAvailable").asBoolean()).isTrue();
    }

    @Test
    void variablesAreThoseOfTheReportsAppsUnderNoSelection() {
        JsonNode report = t.report(t.creator.key(), t.projectId(t.creator), "Excel", SALES_DEMO);

        Answer answer = http.get(path(report) + "/variables", t.creator.key());

        assertStatus(answer, 200);
        assertThat(answer.data().valueStream().map(v -> v.get("name").asString()))
                .contains("vCurrency", "vTargetMargin", "vRevenue", "vMargin");
        JsonNode currency = answer.data().valueStream().filter(v -> v.get("name").asString().equals("vCurrency"))
                .findFirst().orElseThrow();
        assertThat(currency.get("id").asString()).isEqualTo(AppElementIds.variable(SALES_DEMO, "vCurrency"));
        assertThat(currency.get("value").asString()).isEqualTo("EUR");
        assertThat(currency.get("definition").asString()).isEqualTo("EUR");
        assertThat(currency.get("qlikAppID").asString()).isEqualTo(SALES_DEMO);
    }

    @Test
    void qlikObjectsAreTheAppsObjectsWithTheirColumns() {
        JsonNode report = t.report(t.creator.key(), t.projectId(t.creator), "Word", SALES_DEMO);

        Answer answer = http.get(path(report) + "/qlik-objects", t.creator.key());

        assertStatus(answer, 200);
        assertThat(answer.data().valueStream().map(o -> o.get("itemID").asString())).containsExactly("kpi-revenue",
                "kpi-margin", "chart-revenue-by-month", "chart-category-pie", "table-region-product", "table-top-customers");
        JsonNode table = answer.data().get(4);
        assertThat(table.get("id").asString()).isEqualTo(AppElementIds.object(SALES_DEMO, "table-region-product"));
        assertThat(table.get("title").asString()).isEqualTo("Sales by region and product");
        assertThat(table.get("type").asString()).isEqualTo("table");
        assertThat(table.get("sheetID").asString()).isEqualTo("sheet-details");
        assertThat(table.get("columns").valueStream().map(c -> c.get("name").asString()))
                .containsExactly("Region", "Product", "Revenue (EUR)", "Units", "Margin %");
        assertThat(table.get("columns").get(2).get("id").asString()).isEqualTo("revenue");
    }

    @Test
    void templateItemsAreOneNodePerSheetThenTheVariablesAndFields() {
        JsonNode report = t.report(t.creator.key(), t.projectId(t.creator), "HTML", SALES_DEMO);

        Answer answer = http.get(path(report) + "/template-items", t.creator.key());

        assertStatus(answer, 200);
        assertThat(answer.data().propertyNames()).containsExactly("nodes");
        JsonNode nodes = answer.data().get("nodes");
        assertThat(nodes.valueStream().map(n -> n.get("name").asString()))
                .containsExactly("Overview", "Details", "Variables", "Fields");
        assertThat(nodes.valueStream().map(n -> n.get("type").asString()))
                .containsExactly("sheet", "sheet", "variables", "fields");
        JsonNode overview = nodes.get(0);
        assertThat(overview.propertyNames()).containsExactlyInAnyOrder("name", "type", "icon", "objects");
        assertThat(overview.get("icon").asString()).isEqualTo("sheet");
        JsonNode kpi = overview.get("objects").get(0);
        assertThat(kpi.propertyNames()).containsExactlyInAnyOrder("id", "itemID", "title", "type", "objects", "columns");
        assertThat(kpi.get("id").asString()).isEqualTo(AppElementIds.object(SALES_DEMO, "kpi-revenue"));
        assertThat(kpi.get("itemID").asString()).isEqualTo("kpi-revenue");
        assertThat(kpi.get("title").asString()).isEqualTo("Revenue");
        assertThat(kpi.get("type").asString()).isEqualTo("kpi");
        assertThat(kpi.get("objects").isArray()).isTrue();
        assertThat(kpi.get("columns").get(0).propertyNames()).containsExactlyInAnyOrder("id", "name");
        assertThat(nodes.get(1).get("objects").valueStream().map(o -> o.get("itemID").asString()))
                .containsExactly("table-region-product", "table-top-customers");
        assertThat(nodes.get(3).get("objects").valueStream().map(o -> o.get("title").asString())).contains("region", "product");
        assertThat(nodes.get(3).get("objects").get(0).get("id").asString())
                .isEqualTo(AppElementIds.field(SALES_DEMO, nodes.get(3).get("objects").get(0).get("itemID").asString()));
    }

    @Test
    void aReportWithoutAppsHasNothingToRead() {
        JsonNode report = t.report(t.creator.key(), t.projectId(t.creator), "HTML");
        for (String route : List.of("/qlik-apps", "/variables", "/qlik-objects")) {
            Answer answer = http.get(path(report) + route, t.creator.key());
            assertStatus(answer, 200);
            assertThat(answer.data().isEmpty()).as(route).isTrue();
        }
        assertThat(http.get(path(report) + "/template-items", t.creator.key()).data().get("nodes").isEmpty()).isTrue();
    }

    @Test
    void theAppRoutesNeedViewReport() {
        String projectId = t.projectId(t.creator);
        JsonNode report = t.report(t.creator.key(), projectId, "HTML", SALES_DEMO);
        t.grant(projectId, t.otherCreator, t.creator.key(), "viewProject");
        t.grant(projectId, t.viewer, t.creator.key(), "viewProject", "viewReport");
        for (String route : APP_ROUTES) {
            assertStatus(http.get(path(report) + route, null), 401);
            assertStatus(http.get(path(report) + route, t.otherCreator.key()), 403);
            assertStatus(http.get(path(report) + route, t.outsider.key()), 404);
            assertStatus(http.get(random() + route, t.creator.key()), 404);
            assertStatus(http.get(REPORTS + "/not-a-uuid" + route, t.creator.key()), 400);
            assertStatus(http.get(path(report) + route, t.viewer.key()), 200);
        }
    }

    @Test
    void anAppNoConnectionServesAnyMoreIsAConflictWhileListsKeepWorking() {
        String id = copyOfTheDemoApp(folder.resolve("gone"), "Sales gone");
        String connection = t.connect(t.adminA, t.orgA, folder.resolve("gone").toString());
        String projectId = t.projectId(t.creator);
        JsonNode report = t.report(t.creator.key(), projectId, "HTML", id);
        assertStatus(http.get(path(report) + "/variables", t.creator.key()), 200);

        assertStatus(http.delete("/api/v1/connections/" + connection, t.adminA.key()), 200);

        for (String route : List.of("/variables", "/qlik-objects", "/template-items")) {
            Answer answer = http.get(path(report) + route, t.creator.key());
            assertStatus(answer, 409);
            assertThat(answer.json().get("error").asString()).contains(id).contains("qlikAppIDs");
        }
        JsonNode apps = http.get(path(report) + "/qlik-apps", t.creator.key()).data();
        assertThat(apps.get(0).get("isAvailable").asBoolean()).isFalse();
        assertThat(apps.get(0).get("name").isNull()).isTrue();
        assertThat(ids(http.get(REPORTS, t.creator.key()))).contains(report.get("id").asString());
        assertThat(ids(http.get(REPORTS + "/project/" + projectId, t.creator.key()))).contains(report.get("id").asString());
        assertStatus(http.get(path(report), t.creator.key()), 200);
        Map<String, Object> rename = Map.of("name", report.get("name").asString() + " renamed", "isIteration", false);
        assertStatus(t.put(path(report), t.creator.key(), rename), 200);
        assertStatus(t.put(path(report), t.creator.key(), Map.of("name", "With iteration", "isIteration", true,
                "iterationFields", List.of(Map.of("fieldName", "region")))), 409);
        assertStatus(t.put(path(report), t.creator.key(), Map.of("name", "Rebound", "isIteration", false,
                "qlikAppIDs", List.of(SALES_DEMO))), 200);
        assertStatus(http.get(path(report) + "/variables", t.creator.key()), 200);
    }

    @Test
    void aFailingConnectorIsABadGatewayNeverAServerError() throws IOException {
        Path appsFolder = folder.resolve("broken");
        String id = copyOfTheDemoApp(appsFolder, "Sales broken");
        t.connect(t.adminA, t.orgA, appsFolder.toString());
        String projectId = t.projectId(t.creator);
        JsonNode report = t.report(t.creator.key(), projectId, "HTML", id);

        Files.delete(appsFolder.resolve("copy/sales.csv"));

        for (String route : List.of("/variables", "/qlik-objects", "/template-items")) {
            Answer answer = http.get(path(report) + route, t.creator.key());
            assertStatus(answer, 502);
            assertThat(answer.json().get("error").asString()).contains(id).contains("reference").doesNotContain(appsFolder.toString());
        }
        assertStatus(t.put(path(report), t.creator.key(), Map.of("name", "Broken", "isIteration", true,
                "iterationFields", List.of(Map.of("fieldName", "region")))), 502);
        assertStatus(http.get(path(report) + "/qlik-apps", t.creator.key()), 200);
        assertThat(ids(http.get(REPORTS + "/project/" + projectId, t.creator.key()))).contains(report.get("id").asString());
    }
}
