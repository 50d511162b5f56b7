package org.qalyptus.plugins.connector.qlik;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.awt.image.BufferedImage;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qalyptus.plugins.connector.embedded.EmbeddedConnector;
import org.qalyptus.qlik.simulator.EngineSimulator;
import org.qalyptus.qlik.simulator.SimulatedApp;
import org.qalyptus.spi.ConnectionTestResult;
import org.qalyptus.spi.ExtensionException;
import org.qalyptus.spi.app.AppModel.AppInfo;
import org.qalyptus.spi.app.AppModel.Cell;
import org.qalyptus.spi.app.AppModel.DataPage;
import org.qalyptus.spi.app.AppModel.FieldValuePage;
import org.qalyptus.spi.app.AppModel.FormatOptions;
import org.qalyptus.spi.app.AppModel.ImageRequest;
import org.qalyptus.spi.app.AppModel.ObjectData;
import org.qalyptus.spi.app.AppModel.SelectionState;
import org.qalyptus.spi.app.AppModel.ValueQuery;
import org.qalyptus.spi.app.AppModel.VariableInfo;
import org.qalyptus.spi.app.AppSession;
import org.qalyptus.spi.config.Config;

/**
 * The connector against the Engine API simulator holding the Sales demo app (the embedded engine's demo data):
 * every SPI method, compared with the embedded engine on the same data where both can answer, and the unhappy
 * paths (credentials, unreachable host, TLS, missing app, field, object, bookmark, timeouts, one reconnect).
 */
class QlikSenseConnectorTest {

    static final String APP = "8f3c2a1e-6d4b-4c7a-9e2f-5b1d0a9c7e31";
    static final String KEY = "api-key-1";
    static final SelectionState EUROPE = new SelectionState(Map.of("region", List.of("Europe")), Map.of(), null);

    static EngineSimulator simulator;
    static Path demoFolder;
    static AppSession embedded;
    final QlikSenseConnector connector = new QlikSenseConnector();

    /**
     * The embedded engine's Sales demo app written to a temporary folder, as the server's first start writes it
     * (its resources may sit in a jar, which is not a folder).
     */
    static Path demoApp() {
        try {
            Path apps = java.nio.file.Files.createTempDirectory("qalyptus-qlik-demo");
            new EmbeddedConnector().demoSettings(apps).orElseThrow();
            return apps.resolve("sales-demo");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @BeforeAll
    static void start() throws URISyntaxException {
        demoFolder = demoApp();
        simulator = EngineSimulator.start(SimulatedApp.salesDemo(demoFolder)).acceptBearer(KEY).acceptHeader("X-Reporting-User", "ACME\\reports")
                .acceptOAuthClient("client-1", "secret-1");
        embedded = new EmbeddedConnector().open(Config.bind(new EmbeddedConnector().configFields(),
                Map.of("appsFolder", demoFolder.getParent().toString())), APP);
    }

    @AfterAll
    static void stop() {
        embedded.close();
        simulator.close();
    }

    @AfterEach
    void noFaultsLeft() {
        simulator.noDelays();
    }

    static Config cloud(Map<String, Object> extra) {
        Map<String, Object> raw = new HashMap<>(Map.of("deployment", "QlikCloud", "url", simulator.baseUrl(), "authentication", "ApiKey",
                "apiKey", KEY, "timeoutSeconds", 5L));
        raw.putAll(extra);
        return Config.bind(new QlikSenseConnector().configFields(), raw);
    }

    static Config clientManaged() {
        return Config.bind(new QlikSenseConnector().configFields(), Map.of("deployment", "ClientManaged", "url", simulator.baseUrl(),
                "virtualProxy", "reporting", "authentication", "Header", "headerName", "X-Reporting-User", "userDirectory", "ACME",
                "userId", "reports", "cloudImageExport", false));
    }

    AppSession open() {
        return connector.open(cloud(Map.of()), APP);
    }

    // ---- connections and apps ----

    @Test
    void appsAreListedWithTheirReloadTimeOnQlikCloudAndThroughQrs() {
        for (Config config : List.of(cloud(Map.of()), clientManaged())) {
            List<AppInfo> apps = connector.listApps(config);
            assertThat(apps).singleElement().satisfies(app -> {
                assertThat(app.id()).isEqualTo(APP);
                assertThat(app.name()).isEqualTo("Sales demo");
                assertThat(app.lastReloadTime()).isNotNull();
            });
            assertThat(connector.test(config).ok()).isTrue();
        }
        Config oauth = cloud(Map.of("authentication", "OAuthClientCredentials", "clientId", "client-1", "clientSecret", "secret-1"));
        assertThat(connector.listApps(oauth)).hasSize(1);
    }

    @Test
    void theItemsApiIsFollowedPageByPage() {
        String copy = "0c7d5e2a-1b3f-4a6c-8d9e-2f4a6b8c0d1e";
        simulator.add(SimulatedApp.salesDemo(demoFolder).copy(copy, "Sales demo (copy)")).itemsPageSize(1);
        try {
            assertThat(connector.listApps(cloud(Map.of()))).extracting(AppInfo::id).containsExactly(APP, copy);
            assertThat(connector.test(cloud(Map.of())).message()).contains("2 app(s) visible");
        } finally {
            simulator.itemsPageSize(100).remove(copy);
        }
    }

    @Test
    void badCredentialsUnreachableHostsAndTlsFailuresAreClearMessages() {
        ConnectionTestResult badKey = connector.test(cloud(Map.of("apiKey", "wrong")));
        assertThat(badKey.ok()).isFalse();
        assertThat(badKey.message()).contains("refused the credentials");
        assertThat(connector.test(cloud(Map.of("authentication", "OAuthClientCredentials", "clientId", "client-1",
                "clientSecret", "nope"))).message()).contains("refused the OAuth client credentials");
        assertThatThrownBy(() -> connector.open(cloud(Map.of("apiKey", "wrong")), APP)).isInstanceOf(ExtensionException.class)
                .hasMessageContaining("refused the credentials (HTTP 401)");

        ConnectionTestResult unreachable = connector.test(cloud(Map.of("url", "http://127.0.0.1:1")));
        assertThat(unreachable.ok()).isFalse();
        assertThat(unreachable.message()).contains("cannot be reached");

        ConnectionTestResult tls = connector.test(cloud(Map.of("url", "https://127.0.0.1:" + simulator.port())));
        assertThat(tls.ok()).isFalse();
        assertThat(tls.message()).contains("TLS handshake");

        assertThat(connector.test(cloud(Map.of("authentication", "Header"))).message()).contains("Qlik Cloud connections authenticate");
        assertThat(connector.test(Config.bind(connector.configFields(), Map.of("deployment", "ClientManaged", "url", simulator.baseUrl(),
                "authentication", "Jwt")))
                .message()).contains("Jwt authentication needs jwt");
    }

    @Test
    void aMissingAppIsNamed() {
        assertThatThrownBy(() -> connector.open(cloud(Map.of()), "no-such-app")).isInstanceOf(ExtensionException.class)
                .hasMessageContaining("App 'no-such-app' does not exist");
    }

    @Test
    void theFreshnessGuardRefusesAppsReloadedLongerAgoThanAllowed() {
        simulator.reload(APP, java.time.Instant.now().minus(java.time.Duration.ofHours(3)));
        try {
            assertThatThrownBy(() -> connector.open(cloud(Map.of("maxDataAgeMinutes", 60L)), APP))
                    .isInstanceOfSatisfying(ExtensionException.class, e -> assertThat(e.isRetryable()).isTrue())
                    .hasMessageContaining("was last reloaded at").hasMessageContaining("at most 60 minutes old");
            try (AppSession session = connector.open(cloud(Map.of("maxDataAgeMinutes", 240L)), APP)) {
                assertThat(session.app().lastReloadTime()).isBefore(java.time.Instant.now().minus(java.time.Duration.ofHours(2)));
            }
            try (AppSession session = connector.open(cloud(Map.of()), APP)) {
                assertThat(session.app().id()).as("no limit without the setting").isEqualTo(APP);
            }
            simulator.reload(APP, java.time.Instant.now());
            try (AppSession session = connector.open(cloud(Map.of("maxDataAgeMinutes", 60L)), APP)) {
                assertThat(session.app().id()).as("after a reload").isEqualTo(APP);
            }
        } finally {
            simulator.reload(APP, java.time.Instant.now());
        }
    }

    // ---- every SPI method, compared with the embedded engine on the same data ----

    @Test
    void theSessionDescribesTheAppAsTheEmbeddedEngineDoes() {
        try (AppSession qlik = open()) {
            assertThat(qlik.app().name()).isEqualTo("Sales demo");
            assertThat(qlik.fields()).extracting(f -> f.name() + ":" + f.type() + ":" + f.cardinality())
                    .containsExactlyInAnyOrderElementsOf(embedded.fields().stream().map(f -> f.name() + ":" + f.type() + ":" + f.cardinality()).toList());
            assertThat(qlik.bookmarks()).isEqualTo(embedded.bookmarks());
            assertThat(qlik.sheets()).extracting(s -> s.id() + " " + s.title() + " " + s.objects().stream()
                    .map(o -> o.id() + "/" + o.type() + "/" + o.title() + "/" + o.columns().stream().map(c -> c.id() + "=" + c.name() + ":" + c.kind()).toList()).toList())
                    .isEqualTo(embedded.sheets().stream().map(s -> s.id() + " " + s.title() + " " + s.objects().stream()
                    .map(o -> o.id() + "/" + o.type() + "/" + o.title() + "/" + o.columns().stream().map(c -> c.id() + "=" + c.name() + ":" + c.kind()).toList()).toList()).toList());
        }
    }

    @Test
    void fieldValuesFollowTheOtherFieldsSelectionsWithSearchAndPages() {
        try (AppSession qlik = open()) {
            SelectionState state = new SelectionState(Map.of("region", List.of("Europe"), "category", List.of("Bikes")), Map.of(), null);
            for (String field : List.of("region", "country", "product", "month")) {
                FieldValuePage q = qlik.fieldValues(field, state, new ValueQuery(null, 0, 1000));
                FieldValuePage e = embedded.fieldValues(field, state, new ValueQuery(null, 0, 1000));
                assertThat(q.total()).as(field).isEqualTo(e.total());
                assertThat(q.values()).as(field).extracting(v -> v.text() + (v.selected() ? "*" : ""))
                        .isEqualTo(e.values().stream().map(v -> v.text() + (v.selected() ? "*" : "")).toList());
            }
            FieldValuePage page = qlik.fieldValues("country", SelectionState.EMPTY, new ValueQuery("an", 1, 2));
            FieldValuePage expected = embedded.fieldValues("country", SelectionState.EMPTY, new ValueQuery("an", 1, 2));
            assertThat(page.total()).isEqualTo(expected.total());
            assertThat(page.values()).isEqualTo(expected.values());
            assertThatThrownBy(() -> qlik.fieldValues("nope", SelectionState.EMPTY, new ValueQuery(null, 0, 5)))
                    .hasMessageContaining("Field 'nope' does not exist in app 'Sales demo'");
        }
    }

    @Test
    void objectDataMatchesTheEmbeddedEngineUnderSelectionsVariablesAndBookmarks() {
        List<SelectionState> states = List.of(SelectionState.EMPTY, EUROPE,
                new SelectionState(Map.of("month", List.of("2024-01", "2024-02")), Map.of("vTargetMargin", "0.5"), null),
                new SelectionState(Map.of(), Map.of(), "bm-europe-bikes"),
                new SelectionState(Map.of("region", List.of("Asia Pacific")), Map.of(), "bm-2024-h1"));
        try (AppSession qlik = open()) {
            for (SelectionState state : states) {
                for (String object : List.of("kpi-revenue", "kpi-margin", "chart-revenue-by-month", "chart-category-pie", "table-top-customers")) {
                    ObjectData q = qlik.objectData(object, state, new DataPage(0, 50));
                    ObjectData e = embedded.objectData(object, state, new DataPage(0, 50));
                    assertThat(texts(q.rows())).as(object + " " + state).isEqualTo(texts(e.rows()));
                    assertThat(q.totalRows()).isEqualTo(e.totalRows());
                    assertThat(q.totals().stream().map(Cell::text).toList()).isEqualTo(e.totals().stream().map(Cell::text).toList());
                }
                // A Qlik straight table has no subtotal rows: compare the embedded table's detail rows.
                ObjectData q = qlik.objectData("table-region-product", state, new DataPage(0, 1000));
                ObjectData e = embedded.objectData("table-region-product", state, new DataPage(0, 1000));
                List<List<Cell>> detail = new java.util.ArrayList<>();
                for (int i = 0; i < e.rows().size(); i++) {
                    if (!e.subtotalRows().contains(i)) {
                        detail.add(e.rows().get(i));
                    }
                }
                assertThat(texts(q.rows())).isEqualTo(texts(detail));
                assertThat(q.totals().stream().map(Cell::text).toList()).isEqualTo(e.totals().stream().map(Cell::text).toList());
                assertThat(qlik.evaluate("=Sum(revenue) / Count(DISTINCT customer)", state).number())
                        .isCloseTo(embedded.evaluate("=Sum(revenue) / Count(DISTINCT customer)", state).number(),
                                org.assertj.core.data.Percentage.withPercentage(1e-9));
                assertThat(qlik.variables(state)).isEqualTo(embedded.variables(state));
            }
        }
    }

    @Test
    void aBurstReadsOneGroupedHypercubeAndEqualsTheReadsOfEachValueAlone() {
        List<String> regions = List.of("Europe", "Asia Pacific", "Atlantis", "North America");
        SelectionState bikes = new SelectionState(Map.of("category", List.of("Bikes")), Map.of("vCurrency", "USD"), null);
        try (AppSession qlik = open()) {
            for (String object : List.of("table-region-product", "table-top-customers", "kpi-revenue", "kpi-margin", "chart-revenue-by-month")) {
                for (DataPage page : List.of(new DataPage(0, 100), new DataPage(2, 3, new FormatOptions(",", ".")))) {
                    Map<String, ObjectData> burst = qlik.objectDataPerValue(object, bikes, "region", regions, page);
                    assertThat(burst.keySet()).containsExactlyElementsOf(regions);
                    for (String region : regions) {
                        SelectionState alone = new SelectionState(Map.of("category", List.of("Bikes"), "region", List.of(region)),
                                Map.of("vCurrency", "USD"), null);
                        assertThat(burst.get(region)).as(object + " " + region + " " + page).isEqualTo(qlik.objectData(object, alone, page));
                        ObjectData e = embedded.objectData(object, alone, page);
                        if (e.subtotalRows().isEmpty()) {
                            assertThat(texts(burst.get(region).rows())).as(object + " " + region + " embedded").isEqualTo(texts(e.rows()));
                        }
                    }
                }
            }
            // numeric values are matched as selections match them (by number)
            Map<String, ObjectData> byNumber = qlik.objectDataPerValue("kpi-revenue", SelectionState.EMPTY, "units", List.of("3", "5"),
                    new DataPage(0, 1));
            assertThat(byNumber.get("3")).isEqualTo(qlik.objectData("kpi-revenue",
                    new SelectionState(Map.of("units", List.of("3")), Map.of(), null), new DataPage(0, 1)));
            Map<String, ObjectData> byMonth = qlik.objectDataPerValue("table-region-product", EUROPE, "month",
                    List.of("2024-03-01", "2023-12-01"), new DataPage(0, 5));
            assertThat(byMonth.get("2024-03-01")).isEqualTo(qlik.objectData("table-region-product",
                    new SelectionState(Map.of("region", List.of("Europe"), "month", List.of("2024-03-01")), Map.of(), null), new DataPage(0, 5)));
            assertThat(byMonth.get("2024-03-01").rows()).isNotEmpty().isNotEqualTo(byMonth.get("2023-12-01").rows());

            // one engine call sequence whatever the number of values: no selection, clear or data read per value
            List<String> few = List.of("Europe", "Asia Pacific");
            List<String> many = List.of("Europe", "Asia Pacific", "North America", "Latin America");
            qlik.objectData("kpi-revenue", SelectionState.EMPTY, new DataPage(0, 1));
            List<String> forFew = calls(() -> qlik.objectDataPerValue("table-region-product", bikes, "region", few, new DataPage(0, 100)));
            qlik.objectData("kpi-revenue", SelectionState.EMPTY, new DataPage(0, 1));
            List<String> forMany = calls(() -> qlik.objectDataPerValue("table-region-product", bikes, "region", many, new DataPage(0, 100)));
            assertThat(forMany).isEqualTo(forFew);
            assertThat(forMany).filteredOn(c -> c.endsWith(".ClearAll")).hasSize(1);
            assertThat(forMany).filteredOn(c -> c.endsWith(".SelectValues")).hasSize(2); // category, then every region at once
            assertThat(forMany).filteredOn(c -> c.endsWith(".GetHyperCubeData")).hasSize(2); // rows, then each value's totals
            assertThat(forMany).filteredOn(c -> c.endsWith(".CreateSessionObject")).hasSize(2);
            assertThatThrownBy(() -> qlik.objectDataPerValue("kpi-revenue", SelectionState.EMPTY, "nope", few, new DataPage(0, 1)))
                    .hasMessageContaining("Field 'nope' does not exist");
        }
    }

    static List<String> calls(Runnable action) {
        int before = simulator.methodLog().size();
        action.run();
        return List.copyOf(simulator.methodLog().subList(before, simulator.methodLog().size()));
    }

    static List<List<String>> texts(List<List<Cell>> rows) {
        return rows.stream().map(r -> r.stream().map(Cell::text).toList()).toList();
    }

    @Test
    void pagesAndSeparatorsAreHonoured() {
        try (AppSession qlik = open()) {
            ObjectData all = qlik.objectData("table-top-customers", SelectionState.EMPTY, new DataPage(0, 3000));
            ObjectData page = qlik.objectData("table-top-customers", SelectionState.EMPTY, new DataPage(1500, 10));
            assertThat(all.totalRows()).isEqualTo(2000);
            assertThat(all.rows()).hasSize(2000); // read in several Engine pages of at most 10,000 cells
            assertThat(page.rows()).isEqualTo(all.rows().subList(1500, 1510));
            assertThat(qlik.objectData("table-top-customers", SelectionState.EMPTY, new DataPage(5000, 10)).rows()).isEmpty();
            DataPage european = new DataPage(0, 5, new FormatOptions(",", "."));
            assertThat(texts(qlik.objectData("table-region-product", EUROPE, european).rows()))
                    .isEqualTo(texts(embedded.objectData("table-region-product", EUROPE, european).rows()).subList(0, 5));
        }
    }

    @Test
    void bookmarksGiveTheirSelectionsAndMissingThingsAreNamed() {
        try (AppSession qlik = open()) {
            assertThat(qlik.bookmarkSelections("bm-2024-h1")).isEqualTo(embedded.bookmarkSelections("bm-2024-h1"));
            assertThat(qlik.bookmarkSelections("bm-europe-bikes")).isEqualTo(embedded.bookmarkSelections("bm-europe-bikes"));
            assertThatThrownBy(() -> qlik.bookmarkSelections("bm-nope")).hasMessageContaining("Bookmark 'bm-nope' does not exist");
            assertThatThrownBy(() -> qlik.objectData("no-such-object", SelectionState.EMPTY, new DataPage(0, 5)))
                    .hasMessageContaining("Object 'no-such-object' does not exist in app 'Sales demo'");
            assertThatThrownBy(() -> qlik.objectData("kpi-revenue", new SelectionState(Map.of(), Map.of("vNope", "1"), null), new DataPage(0, 5)))
                    .hasMessageContaining("Variable 'vNope' does not exist");
            assertThatThrownBy(() -> qlik.evaluate("Sum(nope)", SelectionState.EMPTY))
                    .hasMessageContaining("position 5").hasMessageContaining("unknown field 'nope'");
            assertThatThrownBy(() -> qlik.evaluate("Sum(revenue", SelectionState.EMPTY)).hasMessageContaining("Expression error");
            // the session still answers after refused reads
            assertThat(qlik.evaluate("Count(DISTINCT region)", SelectionState.EMPTY).number()).isEqualTo(4.0);
        }
    }

    @Test
    void chartImagesComeFromQlikCloudExportOrAreDrawnFromTheHypercube() throws Exception {
        try (QlikSession qlik = (QlikSession) open()) {
            ByteArrayOutputStream exported = new ByteArrayOutputStream();
            qlik.chartImage("chart-category-pie", EUROPE, new ImageRequest(320, 200, "png", 90), exported);
            assertThat(qlik.lastChartSource()).isEqualTo(QlikSession.SOURCE_CLOUD_EXPORT);
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(exported.toByteArray()));
            assertThat(image.getWidth()).isEqualTo(320);
            assertThat(simulator.reportRequests().get(simulator.reportRequests().size() - 1).toString())
                    .contains("\"fieldName\":\"region\"").contains("Europe").contains("chart-category-pie");

            ByteArrayOutputStream drawn = new ByteArrayOutputStream();
            qlik.chartImage("chart-revenue-by-month", new SelectionState(Map.of(), Map.of("vCurrency", "USD"), null),
                    new ImageRequest(300, 200, "png", 90), drawn);
            assertThat(qlik.lastChartSource()).isEqualTo(QlikSession.SOURCE_DRAWN);
            assertThat(ImageIO.read(new ByteArrayInputStream(drawn.toByteArray())).getHeight()).isEqualTo(200);
            assertThatThrownBy(() -> qlik.chartImage("table-top-customers", EUROPE, new ImageRequest(300, 200, "png", 90),
                    new ByteArrayOutputStream())).hasMessageContaining("not a chart");

            // which way was used is told to the run's log, once per chart and way (a burst draws a chart per value)
            qlik.chartImage("chart-category-pie", EUROPE, new ImageRequest(320, 200, "png", 90), new ByteArrayOutputStream());
            assertThat(qlik.takeNotes()).containsExactly(
                    "Chart image of object chart-category-pie in app 'Sales demo': exported by Qlik Cloud's reporting service",
                    "Chart image of object chart-revenue-by-month in app 'Sales demo': drawn from its hypercube data (Qlik Cloud's "
                            + "export takes field selections only, and this state sets variables or a bookmark)");
            qlik.chartImage("chart-category-pie", new SelectionState(Map.of("region", List.of("Asia Pacific")), Map.of(), null),
                    new ImageRequest(320, 200, "png", 90), new ByteArrayOutputStream());
            assertThat(qlik.takeNotes()).as("told already").isEmpty();
        }
        try (QlikSession qlik = (QlikSession) connector.open(cloud(Map.of("cloudImageExport", false)), APP)) {
            qlik.chartImage("chart-category-pie", EUROPE, new ImageRequest(200, 150, "png", 80), new ByteArrayOutputStream());
            assertThat(qlik.lastChartSource()).isEqualTo(QlikSession.SOURCE_DRAWN);
            assertThat(qlik.takeNotes()).singleElement().asString().endsWith("(Qlik Cloud image export is off for this connection)");
        }
        try (QlikSession qlik = (QlikSession) connector.open(clientManaged(), APP)) {
            qlik.chartImage("chart-category-pie", EUROPE, new ImageRequest(200, 150, "jpeg", 80), new ByteArrayOutputStream());
            assertThat(qlik.lastChartSource()).isEqualTo(QlikSession.SOURCE_DRAWN);
            assertThat(qlik.takeNotes()).singleElement().asString().endsWith("(client-managed Qlik Sense has no image export)");
        }
    }

    // ---- sessions, timeouts, reconnects ----

    @Test
    void aSessionIsOneEngineConnectionClosedAtTheEnd() throws InterruptedException {
        int opened = simulator.sessionsOpened();
        int closed = simulator.sessionsClosed();
        try (AppSession qlik = connector.open(clientManaged(), APP)) {
            qlik.objectData("kpi-revenue", EUROPE, new DataPage(0, 1));
            qlik.variables(EUROPE);
        }
        assertThat(simulator.sessionsOpened()).isEqualTo(opened + 1);
        for (int i = 0; i < 50 && simulator.sessionsClosed() < closed + 1; i++) {
            Thread.sleep(20);
        }
        assertThat(simulator.sessionsClosed()).isEqualTo(closed + 1);
    }

    @Test
    void aSlowEngineTimesOutWithAClearMessage() {
        try (AppSession qlik = connector.open(cloud(Map.of("timeoutSeconds", 1L)), APP)) {
            simulator.delay("EvaluateEx", Duration.ofMillis(2500));
            assertThatThrownBy(() -> qlik.evaluate("Sum(units)", SelectionState.EMPTY)).isInstanceOf(ExtensionException.class)
                    .hasMessageContaining("did not answer EvaluateEx within 1 s")
                    .satisfies(e -> assertThat(((ExtensionException) e).isRetryable()).isTrue());
        }
    }

    @Test
    void aDroppedConnectionIsReopenedOnceAndTheReadRetried() {
        try (AppSession qlik = open()) {
            String expected = qlik.evaluate("Sum(units)", EUROPE).text();
            int opened = simulator.sessionsOpened();
            simulator.dropConnectionOnNext("EvaluateEx");
            assertThat(qlik.evaluate("Sum(units)", EUROPE).text()).as("same state applied again after reconnecting").isEqualTo(expected);
            assertThat(simulator.sessionsOpened()).isEqualTo(opened + 1);

            simulator.dropConnectionOnNext("GetAllInfos");
            assertThat(qlik.sheets()).hasSize(2);

            simulator.dropConnectionOnNext("ClearAll");
            simulator.dropConnectionOnNext("GetHyperCubeData");
            assertThatThrownBy(() -> qlik.objectData("kpi-revenue", EUROPE, new DataPage(0, 1)))
                    .as("a second loss within one read fails").isInstanceOf(ExtensionException.class)
                    .hasMessageContaining("lost again");
        }
    }
}
