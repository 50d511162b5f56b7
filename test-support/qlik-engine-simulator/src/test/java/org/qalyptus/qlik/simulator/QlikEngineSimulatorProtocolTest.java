package org.qalyptus.qlik.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The simulator speaks the Engine API as a raw WebSocket client sees it: the {@code OnConnected} notification first,
 * JSON-RPC 2.0 answers carrying the request's {@code id} with {@code result} or {@code error {code, parameter,
 * message}}, handles given out by {@code OpenDoc}; answers recorded in the app's exchange fixture are served as
 * recorded; the Engine's error codes for a missing app (1003) and an unknown method (-32601); and a WebSocket upgrade
 * without credentials is refused (HTTP 401). Over two rows of data written for the test.
 */
class QlikEngineSimulatorProtocolTest {

    static final String APP = "8f3c2a1e-6d4b-4c7a-9e2f-5b1d0a9c7e31";
    static EngineSimulator simulator;

    @BeforeAll
    static void start() throws IOException {
        Path data = Files.createTempDirectory("simulator-data");
        Files.writeString(data.resolve("sales.csv"), """
                month,customer,product,category,units,revenue,cost
                2024-01-01,Customer 0001,Gloves,Clothing,4,89.60,71.68
                2024-02-01,Customer 0002,Helmet,Accessories,2,120.00,80.00
                """);
        Files.writeString(data.resolve("customers.csv"), """
                customer,email,city,country,region
                Customer 0001,customer0001@example.com,Paris,France,Europe
                Customer 0002,customer0002@example.com,Mexico City,Mexico,Latin America
                """);
        simulator = EngineSimulator.start(SimulatedApp.salesDemo(data)).acceptBearer("key");
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    /** A raw Engine client: sends JSON-RPC text frames and takes the messages as they come. */
    static final class Client implements WebSocket.Listener, AutoCloseable {
        final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        final StringBuilder partial = new StringBuilder();
        final WebSocket socket;

        Client(String token) throws Exception {
            WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
            if (token != null) {
                builder.header("Authorization", "Bearer " + token);
            }
            socket = builder.buildAsync(URI.create(simulator.baseUrl().replace("http", "ws") + "/app/" + APP), this)
                    .get(5, TimeUnit.SECONDS);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(SimulatedApp.JSON.readTree(partial.toString()));
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        JsonNode next() throws InterruptedException {
            JsonNode message = messages.poll(5, TimeUnit.SECONDS);
            assertThat(message).as("a message within 5 s").isNotNull();
            return message;
        }

        JsonNode call(int id, int handle, String method, String params) throws Exception {
            socket.sendText("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"handle\":" + handle + ",\"method\":\"" + method
                    + "\",\"params\":" + params + "}", true).get(5, TimeUnit.SECONDS);
            JsonNode answer = next();
            assertThat(answer.path("jsonrpc").asString()).isEqualTo("2.0");
            assertThat(answer.path("id").asInt()).isEqualTo(id);
            return answer;
        }

        @Override
        public void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
    }

    static JsonNode recorded(String handle, String method) throws IOException {
        try (InputStream in = SimulatedApp.class.getClassLoader().getResourceAsStream("qlik-simulator/sales-demo/exchanges.json")) {
            for (JsonNode exchange : SimulatedApp.JSON.readTree(in)) {
                if (exchange.path("request").path("handle").asString().equals(handle)
                        && exchange.path("request").path("method").asString().equals(method)) {
                    return exchange.path("response").path("result");
                }
            }
        }
        throw new AssertionError("no recorded " + handle + "." + method);
    }

    @Test
    void aSessionSpeaksTheEnginesJsonRpcFramingAndAnswersRecordedExchangesAsRecorded() throws Exception {
        try (Client client = new Client("key")) {
            JsonNode connected = client.next();
            assertThat(connected.has("id")).isFalse();
            assertThat(connected.path("method").asString()).isEqualTo("OnConnected");
            assertThat(connected.path("params").path("qSessionState").asString()).isEqualTo("SESSION_CREATED");

            JsonNode missing = client.call(1, -1, "OpenDoc", "{\"qDocName\":\"no-such-app\"}");
            assertThat(missing.path("error").path("code").asInt()).isEqualTo(1003);
            assertThat(missing.path("error").path("parameter").asString()).isEqualTo("no-such-app");
            assertThat(missing.has("result")).isFalse();

            JsonNode opened = client.call(2, -1, "OpenDoc", "{\"qDocName\":\"" + APP + "\"}");
            JsonNode doc = opened.path("result").path("qReturn");
            assertThat(doc.path("qType").asString()).isEqualTo("Doc");
            assertThat(doc.path("qGenericId").asString()).isEqualTo(APP);
            int handle = doc.path("qHandle").asInt();

            assertThat(client.call(3, handle, "GetAllInfos", "{}").path("result")).isEqualTo(recorded("Doc", "GetAllInfos"));
            assertThat(client.call(4, -1, "EngineVersion", "{}").path("result")).isEqualTo(recorded("Global", "EngineVersion"));

            JsonNode unknown = client.call(5, handle, "NoSuchMethod", "{}");
            assertThat(unknown.path("error").path("code").asInt()).isEqualTo(-32601);
            assertThat(unknown.path("error").path("message").asString()).isEqualTo("Method not found");

            JsonNode evaluated = client.call(6, handle, "Evaluate", "{\"qExpression\":\"Sum(units)\"}");
            assertThat(evaluated.path("result").path("qReturn").asString()).isEqualTo("6");
        }
        assertThat(simulator.openedApps()).containsExactly(APP);
        assertThat(simulator.methodLog()).containsSubsequence("Global.OpenDoc", "Doc.GetAllInfos", "Doc.NoSuchMethod", "Doc.Evaluate");
    }

    @Test
    void anUpgradeWithoutCredentialsIsRefused() {
        assertThatThrownBy(() -> new Client(null)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
                        e -> assertThat(e.getResponse().statusCode()).isEqualTo(401));
    }
}
