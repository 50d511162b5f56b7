package org.qalyptus.server.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qalyptus.qlik.simulator.EngineSimulator;
import org.qalyptus.qlik.simulator.SimulatedApp;
import org.qalyptus.qlik.simulator.TestCertificates;
import org.qalyptus.server.app.AppElementIds;
import org.qalyptus.server.support.AppBackend;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import org.qalyptus.server.support.SharedServer;
import org.qalyptus.server.support.TenantFixture;
import org.qalyptus.server.task.TaskDocument;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import tools.jackson.databind.JsonNode;

/**
 * A QlikSense connection used as users use it, over the server's routes, against Engine API simulators of its own
 * (so that their session counts are this class's): the connection test route for each way to connect (Qlik Cloud
 * with an API key or an OAuth client, client-managed through a virtual proxy with header, JWT or certificate
 * authentication) and each failure; bad credentials, an unreachable host, a TLS failure and a missing app as clear
 * messages on the connection test route, the report preview and filter routes and in the execution log of a task run; the data
 * freshness guard stopping runs until the app is reloaded; one Engine
 * session per run, closed at its end, also when the run fails; which way chart images were made, in the execution
 * log; and a task duplicated with an app mapping from one Qlik app to its copy, run by a signed Qlik Cloud webhook.
 */
class QlikSenseConnectionOnQlikTest {

    static final String SALES_DEMO = ExecutionWorld.SALES_DEMO;
    /** A copy of the Sales demo app under another id (as Qlik's "duplicate app" makes one: same object ids). */
    static final String COPY = "2b6f0c9e-4a7d-4e1b-9c3a-7d5e1f0a2c84";
    /** A copy deleted in Qlik after a report was made on it. */
    static final String GONE = "c41e8a2d-93b7-4f06-8a1c-5e2d7b9f3a60";
    static final String KEY = "connection-test-api-key";
    static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJyZXBvcnRzIn0.c2lnbmF0dXJl";
    static final String CHART_TEMPLATE = """
            <html><body><h1>${report.name}</h1>
            ${chart("chart-category-pie", {"width": 320, "height": 200})}
            </body></html>
            """;

    static ExecutionWorld w;
    static EngineSimulator simulator;
    static EngineSimulator jwtServer;
    static EngineSimulator certificateServer;
    static TestCertificates certificates;
    static SimulatedApp gone;
    static String connectionId;
    static String connectionName;

    @BeforeAll
    static void world() {
        w = new ExecutionWorld(SharedServer.get(), AppBackend.QLIK_SIMULATOR);
        SimulatedApp sales = SimulatedApp.salesDemo(w.server.dataDir().resolve("demo-apps").resolve("sales-demo"));
        gone = sales.copy(GONE, "Sales demo (deleted)");
        simulator = EngineSimulator.start(sales, sales.copy(COPY, "Sales demo (copy)"), gone).acceptBearer(KEY)
                .acceptOAuthClient("reporting-client", "client-secret").acceptHeader("X-Reporting-User", "ACME\\reports");
        // certificates where connection settings may name files: under the data folder's apps
        Path folder = w.server.dataDir().resolve("apps").resolve("qlik-tls-" + UUID.randomUUID());
        try {
            Files.createDirectories(folder);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        certificates = TestCertificates.generate(folder);
        jwtServer = EngineSimulator.startTls(certificates.serverContext(), false, sales).acceptBearer(JWT);
        certificateServer = EngineSimulator.startTls(certificates.serverContext(), true, sales)
                .acceptCertificateUser("UserDirectory=ACME; UserId=reports");
        JsonNode connection = w.http.get("/api/v1/connections?organizationId=" + w.orgA.id(), w.admin.key()).data().get(0);
        connectionId = connection.get("id").asString();
        connectionName = connection.get("name").asString();
        useSettings(cloud(Map.of()));
    }

    @AfterAll
    static void stop() {
        simulator.close();
        jwtServer.close();
        certificateServer.close();
    }

    static Map<String, Object> cloud(Map<String, Object> extra) {
        Map<String, Object> settings = new LinkedHashMap<>(Map.of("deployment", "QlikCloud", "url", simulator.baseUrl(),
                "authentication", "ApiKey", "apiKey", KEY, "timeoutSeconds", 5));
        settings.putAll(extra);
        return settings;
    }

    static Map<String, Object> clientManaged(Map<String, Object> extra) {
        Map<String, Object> settings = new LinkedHashMap<>(Map.of("deployment", "ClientManaged", "url", simulator.baseUrl(),
                "virtualProxy", "reporting", "authentication", "Header", "headerName", "X-Reporting-User", "userDirectory", "ACME",
                "userId", "reports", "timeoutSeconds", 5));
        settings.putAll(extra);
        return settings;
    }

    /** Organization A's QlikSense connection (the one its reports and tasks read through) with these settings. */
    static void useSettings(Map<String, Object> settings) {
        Answer updated = w.put("/api/v1/connections/" + connectionId, w.admin.key(), Map.of("name", connectionName,
                "settings", settings));
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
    }

    /** The connection test route's answer for a new connection of organization B with these settings. */
    static JsonNode testNewConnection(Map<String, Object> settings) {
        Answer created = w.http.postJson("/api/v1/connections", w.outsider.key(), Http.json(Map.of("name",
                TenantFixture.unique("Qlik"), "type", "QlikSense", "organizationID", w.orgB.id(), "settings", settings)));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String id = created.data().get("id").asString();
        try {
            return testConnection(id, w.outsider.key());
        } finally {
            assertThat(w.http.delete("/api/v1/connections/" + id, w.outsider.key()).status()).isEqualTo(200);
        }
    }

    static JsonNode testConnection(String id, String key) {
        Answer tested = w.http.postJson("/api/v1/connections/" + id + "/test", key, "");
        assertThat(tested.status()).as(tested.body()).isEqualTo(200);
        return tested.data();
    }

    static String report(String appId, String template) {
        Answer created = w.http.postJson("/api/v1/reports", w.creator.key(), Http.json(Map.of("name", TenantFixture.unique("Qlik"),
                "projectID", w.projectId, "type", "HTML", "qlikAppIDs", List.of(appId))));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String id = created.data().get("id").asString();
        Answer saved = w.put("/api/v1/reports/" + id + "/html-content", w.creator.key(), Map.of("htmlContent", template));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        return id;
    }

    static String task(String report, List<String> filters) {
        String task = w.task(TenantFixture.unique("On Qlik"));
        List<Map<String, Object>> filterRefs = filters.stream().map(f -> Map.<String, Object>of("id", f, "order", 1)).toList();
        w.taskReport(task, ExecutionWorld.body("reportID", report, "format", "Pdf", "emailEmbedment", false, "emailAttachment", true,
                "filters", filterRefs));
        return task;
    }

    static Answer preview(String report) {
        return w.http.send(w.http.request("/api/v1/reports/" + report + "/preview/Pdf", w.creator.key())
                .header("Content-Type", "application/json").POST(BodyPublishers.ofString("")));
    }

    // ---- the connection test route ----

    @Test
    void theConnectionTestRouteConnectsInEachWayQlikSenseAccepts() {
        JsonNode apiKey = testNewConnection(cloud(Map.of()));
        assertThat(apiKey.get("ok").asBoolean()).as(apiKey.toString()).isTrue();
        assertThat(apiKey.get("message").asString()).contains("3 app(s) visible");

        JsonNode oauth = testNewConnection(cloud(Map.of("authentication", "OAuthClientCredentials", "clientId", "reporting-client",
                "clientSecret", "client-secret")));
        assertThat(oauth.get("ok").asBoolean()).as("a token from the tenant's /oauth/token: " + oauth).isTrue();

        JsonNode header = testNewConnection(clientManaged(Map.of()));
        assertThat(header.get("ok").asBoolean()).as(header.toString()).isTrue();
        assertThat(header.get("message").asString()).contains("3 app(s) visible");

        JsonNode jwt = testNewConnection(Map.of("deployment", "ClientManaged", "url", jwtServer.baseUrl(), "virtualProxy", "jwt",
                "authentication", "Jwt", "jwt", JWT, "trustedCertificates", certificates.serverPem.toString()));
        assertThat(jwt.get("ok").asBoolean()).as(jwt.toString()).isTrue();

        JsonNode certificate = testNewConnection(Map.of("deployment", "ClientManaged", "url", certificateServer.baseUrl(),
                "authentication", "Certificate", "certificateFile", certificates.clientKeyStore.toString(), "certificatePassword",
                TestCertificates.PASSWORD, "userDirectory", "ACME", "userId", "reports",
                "trustedCertificates", certificates.serverPem.toString()));
        assertThat(certificate.get("ok").asBoolean()).as(certificate.toString()).isTrue();
        assertThat(certificateServer.clientCertificates()).contains("CN=QlikClient");
    }

    @Test
    void theConnectionTestRouteNamesWhatIsWrong() {
        Map<Map<String, Object>, String> failures = new LinkedHashMap<>();
        failures.put(cloud(Map.of("apiKey", "not-the-key")), "Qlik Sense refused the credentials (HTTP 401");
        failures.put(cloud(Map.of("authentication", "OAuthClientCredentials", "clientId", "reporting-client", "clientSecret", "nope")),
                "Qlik Cloud refused the OAuth client credentials (HTTP 401)");
        failures.put(clientManaged(Map.of("userId", "someone-else")), "Qlik Sense refused the credentials");
        failures.put(cloud(Map.of("url", "http://127.0.0.1:1")), "Qlik Sense cannot be reached");
        failures.put(cloud(Map.of("url", "https://127.0.0.1:" + simulator.port())), "TLS handshake with Qlik Sense failed");
        failures.put(Map.of("deployment", "ClientManaged", "url", jwtServer.baseUrl(), "authentication", "Jwt", "jwt", JWT),
                "TLS handshake with Qlik Sense failed");
        failures.put(Map.of("deployment", "QlikCloud", "url", simulator.baseUrl(), "authentication", "ApiKey"),
                "ApiKey authentication needs apiKey");
        failures.forEach((settings, message) -> {
            JsonNode tested = testNewConnection(settings);
            assertThat(tested.get("ok").asBoolean()).as(settings.toString()).isFalse();
            assertThat(tested.get("message").asString()).as(settings.toString()).contains(message);
        });
    }

    // ---- connection errors on the preview route and in the execution log ----

    @Test
    void connectionErrorsReachThePreviewRouteAndTheExecutionLogAsClearMessages() {
        String report = report(SALES_DEMO, ExecutionWorld.TEMPLATE);
        String task = task(report, List.of());
        Map<String, Map<String, Object>> failures = new LinkedHashMap<>();
        failures.put("Qlik Sense refused the credentials (HTTP 401 from Qlik Cloud's items API)", cloud(Map.of("apiKey", "revoked")));
        failures.put("Qlik Sense cannot be reached", cloud(Map.of("url", "http://127.0.0.1:1")));
        failures.put("TLS handshake with Qlik Sense failed", cloud(Map.of("url", "https://127.0.0.1:" + simulator.port())));
        try {
            for (Map.Entry<String, Map<String, Object>> failure : failures.entrySet()) {
                String message = failure.getKey();
                useSettings(failure.getValue());

                JsonNode tested = testConnection(connectionId, w.admin.key());
                assertThat(tested.get("ok").asBoolean()).isFalse();
                assertThat(tested.get("message").asString()).contains(message);

                Answer previewed = preview(report);
                assertThat(previewed.status()).as(previewed.body()).isEqualTo(502);
                assertThat(previewed.json().get("error").asString()).contains(SALES_DEMO).contains(message)
                        .contains("connection '" + connectionName + "'");

                // naming the app for a new filter: the cause, not "not an app of the organization"
                Answer filter = w.http.postJson("/api/v1/filters", w.creator.key(), Http.json(Map.of("name",
                        TenantFixture.unique("Qlik filter"), "projectID", w.projectId, "qlikAppID", SALES_DEMO)));
                assertThat(filter.status()).as(filter.body()).isEqualTo(502);
                assertThat(filter.json().get("error").asString()).contains(SALES_DEMO).contains(message)
                        .contains("connection '" + connectionName + "'");

                JsonNode ended = w.runAndWait(task);
                String log = w.log(ended.get("id").asString());
                assertThat(ended.get("status").asString()).as(log).isEqualTo("Failed");
                assertThat(log).contains("ERROR").contains("cannot be rendered").contains(message);
            }
        } finally {
            useSettings(cloud(Map.of()));
        }
        JsonNode ended = w.runAndWait(task);
        assertThat(ended.get("status").asString()).as("the same task, once the connection is right").isEqualTo("Completed");
    }

    @Test
    void anAppDeletedInQlikIsNamedOnThePreviewRouteAndInTheExecutionLog() {
        String report = report(GONE, ExecutionWorld.TEMPLATE);
        String task = task(report, List.of());
        assertThat(preview(report).status()).isEqualTo(200);
        simulator.remove(GONE);
        try {
            assertThat(testConnection(connectionId, w.admin.key()).get("message").asString()).contains("2 app(s) visible");
            Answer previewed = preview(report);
            assertThat(previewed.status()).as(previewed.body()).isEqualTo(409);
            assertThat(previewed.json().get("error").asString()).contains(GONE).contains("no connection of its organization serves");

            JsonNode ended = w.runAndWait(task);
            String log = w.log(ended.get("id").asString());
            assertThat(ended.get("status").asString()).as(log).isEqualTo("Failed");
            assertThat(log).contains("ERROR").contains("App " + GONE + " was not found");
        } finally {
            simulator.add(gone);
        }
    }

    @Test
    void theFreshnessGuardStopsRunsOnDataOlderThanAllowedUntilTheAppIsReloaded() {
        String report = report(SALES_DEMO, ExecutionWorld.TEMPLATE);
        String task = task(report, List.of());
        simulator.reload(SALES_DEMO, Instant.now().minus(Duration.ofHours(3)));
        try {
            useSettings(cloud(Map.of("maxDataAgeMinutes", 60)));
            Answer previewed = preview(report);
            assertThat(previewed.status()).as(previewed.body()).isEqualTo(502);
            assertThat(previewed.json().get("error").asString()).contains("was last reloaded at")
                    .contains("this connection renders only from data at most 60 minutes old");
            JsonNode ended = w.runAndWait(task);
            String log = w.log(ended.get("id").asString());
            assertThat(ended.get("status").asString()).as(log).isEqualTo("Failed");
            assertThat(log).contains("ERROR").contains("App 'Sales demo' was last reloaded at").contains("at most 60 minutes old");

            simulator.reload(SALES_DEMO, Instant.now().minus(Duration.ofMinutes(5)));
            ended = w.runAndWait(task);
            assertThat(ended.get("status").asString()).as("after a reload: " + w.log(ended.get("id").asString())).isEqualTo("Completed");
        } finally {
            useSettings(cloud(Map.of()));
        }
    }

    // ---- sessions and chart images ----

    /** Waits until the simulator saw every session opened since {@code opened} closed; returns how many were opened. */
    static int sessionsOpenedAndClosedSince(int opened, int closed) throws InterruptedException {
        int made = simulator.sessionsOpened() - opened;
        for (int i = 0; i < 100 && simulator.sessionsClosed() - closed < made; i++) {
            Thread.sleep(50);
        }
        assertThat(simulator.sessionsClosed() - closed).as("sessions closed").isEqualTo(made);
        return made;
    }

    @Test
    void aRunHasOneEngineSessionClosedAtItsEndAlsoWhenItFails() throws InterruptedException {
        String report = report(SALES_DEMO, CHART_TEMPLATE);
        String task = task(report, List.of(w.filter("region", List.of("Europe"))));
        int opened = simulator.sessionsOpened();
        int closed = simulator.sessionsClosed();
        JsonNode ended = w.runAndWait(task);
        String log = w.log(ended.get("id").asString());
        assertThat(ended.get("status").asString()).as(log).isEqualTo("Completed");
        assertThat(sessionsOpenedAndClosedSince(opened, closed)).as("one Engine session for the run").isEqualTo(1);
        assertThat(log).contains("Chart image of object chart-category-pie in app 'Sales demo': exported by Qlik Cloud's reporting service");

        String failing = task(report, List.of(w.filter("no_such_field", List.of("x"))));
        opened = simulator.sessionsOpened();
        closed = simulator.sessionsClosed();
        ended = w.runAndWait(failing);
        log = w.log(ended.get("id").asString());
        assertThat(ended.get("status").asString()).as(log).isEqualTo("Failed");
        assertThat(log).contains("no_such_field");
        assertThat(sessionsOpenedAndClosedSince(opened, closed)).as("the failed run's session, closed too").isEqualTo(1);
    }

    @Test
    void theExecutionLogSaysWhichWayChartImagesWereMade() {
        String report = report(SALES_DEMO, CHART_TEMPLATE);
        String task = task(report, List.of());
        try {
            useSettings(cloud(Map.of("cloudImageExport", false)));
            JsonNode ended = w.runAndWait(task);
            String log = w.log(ended.get("id").asString());
            assertThat(ended.get("status").asString()).as(log).isEqualTo("Completed");
            assertThat(log).contains("Chart image of object chart-category-pie in app 'Sales demo': drawn from its hypercube data "
                    + "(Qlik Cloud image export is off for this connection)");

            useSettings(clientManaged(Map.of()));
            ended = w.runAndWait(task);
            log = w.log(ended.get("id").asString());
            assertThat(ended.get("status").asString()).as(log).isEqualTo("Completed");
            assertThat(log).contains("drawn from its hypercube data (client-managed Qlik Sense has no image export)");
        } finally {
            useSettings(cloud(Map.of()));
        }
    }

    // ---- task duplication with app mapping, run by a signed Qlik Cloud webhook ----

    @Test
    void aTaskDuplicatedWithAnAppMappingMovesToTheQlikAppsCopyAndRunsOnItsReloadWebhook() throws Exception {
        String report = report(SALES_DEMO, ExecutionWorld.TEMPLATE);
        String original = task(report, List.of());
        String path = "/api/v1/tasks/" + original;
        assertThat(w.put(path + "/external-events", w.creator.key(), ExecutionWorld.body("name", "After reload", "execution", "Queue",
                "priority", 2, "appID", SALES_DEMO, "qlikEvent", "AppReloadSucceeded")).status()).isEqualTo(200);
        assertThat(w.put(path + "/email", w.creator.key(), ExecutionWorld.body("from", "reports@example.com", "subject", "Sales",
                "isActive", true, "ccBcc", true, "ccQlikVariable", AppElementIds.variable(SALES_DEMO, "vCurrency"))).status())
                .isEqualTo(200);

        Answer refused = w.http.postJson(path + "/duplicate", w.creator.key(), Http.json(Map.of("appMapping",
                Map.of(SALES_DEMO, UUID.randomUUID().toString()))));
        assertThat(refused.status()).as("a target that is no Qlik app of the organization").isEqualTo(400);
        Answer copied = w.http.postJson(path + "/duplicate", w.creator.key(), Http.json(Map.of("appMapping", Map.of(SALES_DEMO, COPY))));
        assertThat(copied.status()).as(copied.body()).isEqualTo(200);
        String copy = copied.data().get("id").asString();
        String copyPath = "/api/v1/tasks/" + copy;
        assertThat(w.http.get(copyPath + "/external-events", w.creator.key()).data().get(0).get("appId").asString()).isEqualTo(COPY);
        assertThat(w.http.get(copyPath + "/email", w.creator.key()).data().get("ccQlikVariable").asString())
                .as("the same variable, by name, in the copied app").isEqualTo(AppElementIds.variable(COPY, "vCurrency"));
        assertThat(w.http.get(path + "/external-events", w.creator.key()).data().get(0).get("appId").asString()).isEqualTo(SALES_DEMO);

        for (String t : List.of(original, copy)) {
            w.mongo().updateFirst(new Query(Criteria.where("_id").is(t)), new Update().set("isActive", true), TaskDocument.class);
        }
        String secretsRoute = "/api/v1/events/signing-secrets/" + w.orgA.id();
        Answer made = w.http.postJson(secretsRoute, w.admin.key(), "");
        assertThat(made.status()).as(made.body()).isEqualTo(200);
        String secret = made.data().get("secret").asString();
        try {
            int openedBefore = simulator.openedApps().size();
            String webhook = "{\"eventType\":\"com.qlik.v1.app.reload.finished\",\"time\":\"" + Instant.now()
                    + "\",\"data\":{\"id\":\"" + COPY + "\",\"status\":\"ok\"}}";
            String unsignedSecret = HexFormat.of().formatHex(EventSigning.hmac("another secret", webhook.getBytes(
                    java.nio.charset.StandardCharsets.UTF_8)));
            assertThat(webhook(webhook, unsignedSecret).status()).as("wrongly signed").isEqualTo(401);

            Answer accepted = webhook(webhook, HexFormat.of().formatHex(EventSigning.hmac(secret, webhook.getBytes(
                    java.nio.charset.StandardCharsets.UTF_8))));
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
            assertThat(accepted.data().get("executionIds")).as("the copy only: the original waits for the other app").hasSize(1);
            JsonNode ended = w.waitFor("/api/v1/status/tasks/", accepted.data().get("executionIds").get(0).asString(),
                    Duration.ofSeconds(60));
            String log = w.log(ended.get("id").asString());
            assertThat(ended.get("taskID").asString()).isEqualTo(copy);
            assertThat(ended.get("status").asString()).as(log).isIn("Completed", "Warning");
            assertThat(log).doesNotContain("ERROR").doesNotContain("variable 'vCurrency'");
            assertThat(simulator.openedApps().subList(openedBefore, simulator.openedApps().size()))
                    .as("the report's app, then the copy for the Cc variable").contains(SALES_DEMO, COPY);
        } finally {
            assertThat(w.http.delete(secretsRoute, w.admin.key()).status()).isEqualTo(200);
        }
    }

    static Answer webhook(String body, String signature) {
        return w.http.send(w.http.request("/api/v1/events/app-reload", w.creator.key()).header("Content-Type", "application/json")
                .header("Qlik-Signature", signature).POST(BodyPublishers.ofString(body)));
    }
}
