package org.qalyptus.server.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qalyptus.server.filter.ContentFixture;
import org.qalyptus.server.support.Http;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Execution progress over WebSocket with a real client speaking graphql-ws (graphql-transport-ws). */
class ExecutionSubscriptionTest {

    static ContentFixture f;
    static final JsonMapper JSON = JsonMapper.builder().build();

    @BeforeAll
    static void fixture() {
        f = new ContentFixture();
    }

    /** A graphql-ws client: every message received goes to a queue; a close is a message {"closed": code}. */
    static final class Client implements WebSocket.Listener {
        final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
        final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        static Client connect() throws Exception {
            Client client = new Client();
            String ws = f.server.http().base().replace("http://", "ws://") + "/graphql";
            client.socket = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("graphql-transport-ws")
                    .buildAsync(URI.create(ws), client).get(10, TimeUnit.SECONDS);
            return client;
        }

        void send(Map<String, Object> message) {
            socket.sendText(Http.json(message), true).join();
        }

        JsonNode next() throws InterruptedException {
            JsonNode message = received.poll(30, TimeUnit.SECONDS);
            assertThat(message).as("a message within 30 s").isNotNull();
            return message;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(JSON.readTree(partial.toString()));
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            received.add(JSON.createObjectNode().put("closed", statusCode));
            return CompletableFuture.completedFuture(null);
        }
    }

    private static String runATask() {
        String project = f.project(f.creator);
        Http.Answer task = f.http.postJson("/api/v1/tasks", f.creator.key(),
                Http.json(Map.of("name", ContentFixture.unique("Live"), "projectID", project)));
        assertThat(task.status()).as(task.body()).isEqualTo(200);
        Http.Answer run = f.http.postJson("/api/v1/tasks/" + task.data().get("id").asString() + "/run", f.creator.key(), "");
        assertThat(run.status()).as(run.body()).isEqualTo(200);
        return run.data().get("id").asString();
    }

    @Test
    void aRunsProgressIsSentUntilItsFinalStatus() throws Exception {
        String execution = runATask();
        Client client = Client.connect();
        client.send(Map.of("type", "connection_init", "payload", Map.of("Authorization", "Bearer " + f.creator.key())));
        assertThat(client.next().get("type").asString()).isEqualTo("connection_ack");
        client.send(Map.of("id", "1", "type", "subscribe", "payload", Map.of(
                "query", "subscription($id: ID) { executionUpdated(id: $id) { uuid status progress } }",
                "variables", Map.of("id", execution))));
        String status = null;
        for (int i = 0; i < 50; i++) {
            JsonNode message = client.next();
            if (message.get("type").asString().equals("complete")) {
                break;
            }
            assertThat(message.get("type").asString()).as(message.toString()).isEqualTo("next");
            JsonNode update = message.get("payload").get("data").get("executionUpdated");
            assertThat(update.get("uuid").asString()).isEqualTo(execution);
            status = update.get("status").asString();
        }
        assertThat(status).isIn("Completed", "Warning", "Failed", "Aborted");
        client.socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    }

    @Test
    void someoneWhoMayNotSeeTheRunGetsAnErrorNotItsProgress() throws Exception {
        String execution = runATask();
        Client client = Client.connect();
        client.send(Map.of("type", "connection_init", "payload", Map.of("Authorization", "Bearer " + f.outsider.key())));
        assertThat(client.next().get("type").asString()).isEqualTo("connection_ack");
        client.send(Map.of("id", "1", "type", "subscribe", "payload", Map.of(
                "query", "subscription($id: ID) { executionUpdated(id: $id) { uuid status } }",
                "variables", Map.of("id", execution))));
        JsonNode message = client.next();
        assertThat(message.get("type").asString()).as(message.toString()).isEqualTo("error");
        assertThat(message.toString()).contains("NOT_FOUND").doesNotContain("\"status\"");
    }

    @Test
    void aSessionWithoutAValidCredentialIsClosedAtConnectionInit() throws Exception {
        for (Map<String, Object> payload : List.<Map<String, Object>>of(Map.of(), Map.of("Authorization", "Bearer nope"))) {
            Client client = Client.connect();
            client.send(Map.of("type", "connection_init", "payload", payload));
            JsonNode message = client.next();
            // no connection_ack: the first thing the client sees is the close; the server sends 4401, which
            // the JDK client sometimes reports as 1006 when the TCP close overtakes the close frame
            assertThat(message.has("closed")).as(message.toString()).isTrue();
            assertThat(message.get("closed").asInt()).isIn(4401, 1006);
        }
    }
}
