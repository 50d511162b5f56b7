package org.qalyptus.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The packaged installation as an operator runs it: {@code bin/qalyptus serve} on a fresh data folder,
 * then again on the same folder.
 */
class PackagedServerIT {

    private static final Path HOME = Path.of(System.getProperty("qalyptus.dist.home", "target/qalyptus/qalyptus"));
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process server;

    @TempDir
    Path work;

    @AfterEach
    void stopServer() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    @Test
    void servesTheBundledPluginsOnAFreshDataFolderAndKeepsEverythingAcrossARestart() throws Exception {
        Path dataDir = work.resolve("data");
        int port = freePort();

        Path firstLog = work.resolve("first.log");
        server = serve(dataDir, port, firstLog);
        waitUntilHealthy(port, firstLog);
        JsonNode credentials = JSON.readTree(dataDir.resolve("initial-credentials.json").toFile());
        String key = credentials.get("apiKey").asString();

        HttpResponse<String> unauthenticated = get(port, "/api/v1/plugins", null);
        assertThat(unauthenticated.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(unauthenticated.body()).get("isSuccess").asBoolean()).isFalse();

        JsonNode plugins = JSON.readTree(get(port, "/api/v1/plugins", key).body()).get("data");
        JsonNode folder = find(plugins, "storage-folder");
        assertThat(folder.get("state").asString()).isEqualTo("STARTED");
        assertThat(folder.get("path").asString()).endsWith("plugins/qalyptus-storage-folder.jar");
        JsonNode target = folder.get("extensions").get("StorageTarget").get(0);
        assertThat(target.get("typeId").asString()).isEqualTo("Folder");
        assertThat(target.get("configFields").findValuesAsString("name")).contains("rootFolder", "subFolder", "overwrite");
        assertThat(Files.readString(firstLog)).containsOnlyOnce("First start: the tenant owner was created");
        for (String[] remote : new String[][] {{"storage-ftp", "Ftp"}, {"storage-sftp", "Sftp"}}) {
            JsonNode plugin = find(plugins, remote[0]);
            assertThat(plugin.get("state").asString()).as(remote[0]).isEqualTo("STARTED");
            assertThat(plugin.get("extensions").get("StorageTarget").get(0).get("typeId").asString()).isEqualTo(remote[1]);
            assertThat(plugin.get("warnings")).as(remote[0]).isEmpty();
        }
        JsonNode embedded = find(plugins, "connector-embedded");
        assertThat(embedded.get("state").asString()).isEqualTo("STARTED");
        assertThat(embedded.get("extensions").get("AppConnector").get(0).get("typeId").asString()).isEqualTo("Embedded");
        assertThat(Files.readString(firstLog)).contains("Demo apps registered");

        server.destroy();
        assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();

        Path secondLog = work.resolve("second.log");
        server = serve(dataDir, port, secondLog);
        waitUntilHealthy(port, secondLog);
        assertThat(Files.readString(secondLog)).doesNotContain("First start");
        assertThat(JSON.readTree(dataDir.resolve("initial-credentials.json").toFile())).isEqualTo(credentials);
        assertThat(get(port, "/api/v1/plugins", key).statusCode()).isEqualTo(200);
    }

    @Test
    void theFtpAndSftpPluginZipsBundleTheirLibrariesButNoHostClasses() throws IOException {
        for (String[] plugin : new String[][] {{"qalyptus-storage-ftp.zip", "lib/commons-net-"}, {"qalyptus-storage-sftp.zip", "lib/sshd-core-"}}) {
            try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(HOME.resolve("plugins").resolve(plugin[0]).toFile())) {
                List<String> names = zip.stream().map(java.util.zip.ZipEntry::getName).toList();
                assertThat(names).as(plugin[0])
                        .contains("plugin.properties", "classes/META-INF/extensions.idx")
                        .anyMatch(name -> name.startsWith(plugin[1]))
                        .noneMatch(name -> name.startsWith("lib/slf4j-") || name.startsWith("lib/pf4j-") || name.startsWith("lib/qalyptus-"))
                        .noneMatch(name -> name.startsWith("classes/org/qalyptus/spi/") || name.startsWith("classes/org/pf4j/"));
            }
        }
    }

    @Test
    void refusesBadArgumentsWithUsage() throws Exception {
        Process badPort = new ProcessBuilder(HOME.resolve("bin/qalyptus").toString(), "serve", "--port", "eighty")
                .redirectErrorStream(true).start();
        String output = new String(badPort.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(badPort.waitFor()).isEqualTo(2);
        assertThat(output).contains("--port must be a number");

        Process unknown = new ProcessBuilder(HOME.resolve("bin/qalyptus").toString(), "frobnicate")
                .redirectErrorStream(true).start();
        assertThat(unknown.waitFor()).isEqualTo(2);
        assertThat(new String(unknown.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).contains("Usage");
    }

    private Process serve(Path dataDir, int port, Path log) throws IOException {
        return new ProcessBuilder(List.of(HOME.resolve("bin/qalyptus").toString(), "serve",
                        "--data-dir", dataDir.toString(), "--port", String.valueOf(port)))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    private void waitUntilHealthy(int port, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            assertThat(server.isAlive()).as("server exited early:%n%s", Files.readString(log)).isTrue();
            try {
                HttpResponse<String> health = get(port, "/actuator/health", null);
                if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // keep waiting
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not healthy within 120 s:\n" + Files.readString(log));
    }

    private HttpResponse<String> get(int port, String path, String key) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode find(JsonNode plugins, String id) {
        for (JsonNode plugin : plugins) {
            if (id.equals(plugin.path("id").asString(null))) {
                return plugin;
            }
        }
        throw new AssertionError(id + " not in " + plugins);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
