package org.qalyptus.server.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qalyptus.server.connection.AppArchiveTest.text;
import static org.qalyptus.server.connection.AppArchiveTest.zip;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qalyptus.server.app.AppService;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import org.qalyptus.spi.app.AppModel.SelectionState;
import org.qalyptus.spi.app.AppSession;

/**
 * Uploading apps into an Embedded connection over HTTP: the app is served at once, an app with the same id
 * is replaced only when asked, and every refused upload (unsafe or invalid archive, JDBC source, no right)
 * leaves the apps folder and the server's upload area as they were.
 */
class ConnectionAppsTest {

    static Http http;
    static Path appsFolder;
    static String connection;
    static String otherConnection;

    @BeforeAll
    static void connections() throws IOException {
        ConnectionsTest.users();
        http = ConnectionsTest.http;
        appsFolder = Files.createDirectories(ConnectionsTest.server.dataDir().resolve("apps").resolve("uploads-" + UUID.randomUUID()));
        connection = ConnectionsTest.create(ConnectionsTest.owner, ConnectionsTest.body("Uploads " + UUID.randomUUID(),
                ConnectionsTest.defaultOrganization, Map.of("appsFolder", appsFolder.toString()))).data().get("id").asString();
        Path otherFolder = Files.createDirectories(ConnectionsTest.server.dataDir().resolve("apps").resolve("other-" + UUID.randomUUID()));
        otherConnection = ConnectionsTest.create(ConnectionsTest.owner, ConnectionsTest.body("Other uploads " + UUID.randomUUID(),
                ConnectionsTest.otherOrganization, Map.of("appsFolder", otherFolder.toString()))).data().get("id").asString();
    }

    static String manifest(String id, String source) {
        return """
                id: %s
                name: Orders %s
                tables:
                  - name: orders
                    source: %s
                    fields:
                      - {name: region, type: text}
                      - {name: revenue, type: number}
                sheets:
                  - id: sheet
                    title: Sheet
                    objects:
                      - id: by-region
                        type: table
                        title: By region
                        dimensions: [{field: region}]
                        measures: [{expression: "Sum(revenue)", label: Revenue}]
                """.formatted(id, id.substring(0, 8), source);
    }

    static byte[] app(String id, String csv) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("orders/app.yaml", text(manifest(id, "{csv: data/orders.csv}")));
        entries.put("orders/data/orders.csv", text(csv));
        return zip(entries);
    }

    static Answer upload(String token, String connectionId, byte[] archive, String query) {
        return http.postFile("/api/v1/connections/" + connectionId + "/apps" + query, token, "file", "app.zip", archive);
    }

    static double revenue(String appId) {
        AppService apps = ConnectionsTest.server.bean(AppService.class);
        try (AppSession session = apps.open(ConnectionsTest.defaultOrganization, appId)) {
            return session.evaluate("Sum(revenue)", SelectionState.EMPTY).number();
        }
    }

    static List<String> appIds() {
        return http.get("/api/v1/organizations/" + ConnectionsTest.defaultOrganization + "/qlik-apps", ConnectionsTest.owner)
                .data().findValuesAsString("id");
    }

    /** Every path under the apps folder and the server's upload area. */
    static List<String> snapshot() throws IOException {
        List<String> paths = new java.util.ArrayList<>();
        for (Path root : List.of(appsFolder, ConnectionsTest.server.dataDir().resolve("tmp/app-uploads"))) {
            if (Files.exists(root)) {
                try (Stream<Path> tree = Files.walk(root)) {
                    tree.map(p -> p + (Files.isRegularFile(p) ? ":" + p.toFile().length() : "")).sorted().forEach(paths::add);
                }
            }
        }
        return paths;
    }

    @Test
    void anUploadedAppIsServedAtOnceAndReplacedOnlyWhenAsked() throws IOException {
        String id = UUID.randomUUID().toString();
        Answer uploaded = upload(ConnectionsTest.owner, connection, app(id, "region,revenue\nNorth,10\nSouth,5\n"), "");
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
        assertThat(uploaded.data().get("id").asString()).isEqualTo(id);
        assertThat(uploaded.data().get("name").asString()).startsWith("Orders");
        assertThat(appIds()).contains(id);
        assertThat(revenue(id)).isEqualTo(15.0);

        List<String> before = snapshot();
        Answer again = upload(ConnectionsTest.owner, connection, app(id, "region,revenue\nNorth,1\n"), "");
        assertThat(again.status()).as(again.body()).isEqualTo(409);
        assertThat(again.json().get("error").asString()).contains("already exists");
        assertThat(snapshot()).isEqualTo(before);
        assertThat(revenue(id)).isEqualTo(15.0);

        Answer replaced = upload(ConnectionsTest.owner, connection, app(id, "region,revenue\nNorth,1\nSouth,2\nEast,4\n"), "?replace=true");
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        assertThat(revenue(id)).isEqualTo(7.0);
        assertThat(appIds().stream().filter(id::equals)).hasSize(1);

        assertThat(http.delete("/api/v1/connections/" + connection + "/apps/" + id, ConnectionsTest.member).status()).isEqualTo(403);
        assertThat(http.delete("/api/v1/connections/" + connection + "/apps/" + id, ConnectionsTest.owner).status()).isEqualTo(200);
        assertThat(appIds()).doesNotContain(id);
        assertThat(http.delete("/api/v1/connections/" + connection + "/apps/" + id, ConnectionsTest.owner).status()).isEqualTo(404);
    }

    @Test
    void unsafeOrInvalidArchivesAreRefusedAndChangeNothing() throws IOException {
        String id = UUID.randomUUID().toString();
        Map<String, byte[]> slip = new LinkedHashMap<>();
        slip.put("app.yaml", text(manifest(id, "{csv: orders.csv}")));
        slip.put("orders.csv", text("region,revenue\nNorth,1\n"));
        slip.put("../../escaped.csv", text("x"));
        Map<String, byte[]> bomb = new LinkedHashMap<>();
        bomb.put("app.yaml", text(manifest(id, "{csv: orders.csv}")));
        bomb.put("orders.csv", new byte[64 << 20]);
        Map<String, byte[]> jdbc = new LinkedHashMap<>();
        jdbc.put("app.yaml", text(manifest(id, "{jdbc: {url: \"jdbc:duckdb:/tmp/x.duckdb\", query: \"SELECT 1\"}}")));
        Map<String, byte[]> outsideData = new LinkedHashMap<>();
        outsideData.put("app.yaml", text(manifest(id, "{csv: ../../../../etc/passwd}")));
        Map<String, byte[]> noManifest = new LinkedHashMap<>();
        noManifest.put("orders.csv", text("region,revenue\nNorth,1\n"));
        Map<String, byte[]> missingData = new LinkedHashMap<>();
        missingData.put("app.yaml", text(manifest(id, "{csv: orders.csv}")));
        Map<String, byte[]> badManifest = new LinkedHashMap<>();
        badManifest.put("app.yaml", text("id: [unclosed"));

        Map<String, byte[]> refused = new LinkedHashMap<>();
        refused.put("points outside the app", zip(slip));
        refused.put("zip bomb", zip(bomb));
        refused.put("JDBC", zip(jdbc));
        refused.put("relative path inside the app folder", zip(outsideData));
        refused.put("no app.yaml", zip(noManifest));
        refused.put("orders.csv", zip(missingData));
        refused.put("manifest", zip(badManifest));
        refused.put("not a readable zip archive", text("not a zip"));

        List<String> before = snapshot();
        for (Map.Entry<String, byte[]> upload : refused.entrySet()) {
            Answer answer = upload(ConnectionsTest.owner, connection, upload.getValue(), "");
            assertThat(answer.status()).as(upload.getKey() + ": " + answer.body()).isEqualTo(400);
            assertThat(answer.json().get("isSuccess").asBoolean()).isFalse();
            assertThat(answer.json().get("error").asString().toLowerCase()).as(answer.body())
                    .contains(upload.getKey().toLowerCase());
            assertThat(snapshot()).as(upload.getKey()).isEqualTo(before);
        }
        assertThat(appIds()).doesNotContain(id);
        assertThat(Files.exists(ConnectionsTest.server.dataDir().resolve("escaped.csv"))).isFalse();
        assertThat(Files.exists(appsFolder.getParent().resolve("escaped.csv"))).isFalse();
    }

    @Test
    void onlyAdministratorsOfTheConnectionsOrganizationUpload() throws IOException {
        byte[] archive = app(UUID.randomUUID().toString(), "region,revenue\nNorth,1\n");
        List<String> before = snapshot();
        assertThat(upload(ConnectionsTest.member, connection, archive, "").status()).isEqualTo(403);
        assertThat(upload(ConnectionsTest.member, otherConnection, archive, "").status()).isEqualTo(404);
        assertThat(upload(null, connection, archive, "").status()).isEqualTo(401);
        assertThat(upload(ConnectionsTest.owner, UUID.randomUUID().toString(), archive, "").status()).isEqualTo(404);
        assertThat(snapshot()).isEqualTo(before);

        Answer noFile = http.postFile("/api/v1/connections/" + connection + "/apps", ConnectionsTest.owner, "other", "a.zip", archive);
        assertThat(noFile.status()).isEqualTo(400);
        assertThat(noFile.json().get("errorDetails").findValuesAsString("field")).contains("file");
    }
}
