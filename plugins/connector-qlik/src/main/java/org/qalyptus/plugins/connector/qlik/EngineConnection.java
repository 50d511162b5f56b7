package org.qalyptus.plugins.connector.qlik;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;
import org.qalyptus.spi.ExtensionException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One WebSocket to the Qlik Engine, speaking its JSON-RPC 2.0 framing: each request carries an {@code id}, the
 * {@code handle} of the object it addresses (-1 for Global), a {@code method} and named {@code params}; the
 * answer with the same id carries {@code result} or {@code error {code, parameter, message}}. The Engine's first
 * message is the {@code OnConnected} notification (or {@code OnAuthenticationInformation} asking to log in,
 * which means the credentials were not accepted). Thread-safe; calls wait at most the configured timeout.
 */
final class EngineConnection implements AutoCloseable {

    static final ObjectMapper JSON = JsonMapper.builder().build();

    /** The Engine answered with an error. */
    static final class EngineError extends RuntimeException {
        final int code;
        final String parameter;

        EngineError(int code, String parameter, String message) {
            super(message + (parameter == null || parameter.isEmpty() ? "" : " (" + parameter + ")"));
            this.code = code;
            this.parameter = parameter;
        }
    }

    /** The connection was lost: the caller may reconnect once. */
    static final class ConnectionLost extends RuntimeException {
        ConnectionLost(String message) {
            super(message);
        }
    }

    private final WebSocket socket;
    private final Duration timeout;
    private final String where;
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final CompletableFuture<String> connected = new CompletableFuture<>();
    private volatile String lostBecause;

    private EngineConnection(HttpClient http, URI uri, Map<String, String> headers, Duration timeout) {
        this.timeout = timeout;
        this.where = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(timeout);
        headers.forEach(builder::header);
        try {
            socket = builder.buildAsync(uri, new Listener()).get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw connectFailure(e.getCause());
        } catch (TimeoutException e) {
            throw new ExtensionException("Qlik Sense at " + where + " did not accept a connection within " + timeout.toSeconds() + " s", true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExtensionException("Interrupted while connecting to Qlik Sense at " + where, true, e);
        }
    }

    /** Opens the WebSocket and waits for the Engine's OnConnected notification. */
    static EngineConnection open(HttpClient http, URI uri, Map<String, String> headers, Duration timeout) {
        EngineConnection connection = new EngineConnection(http, uri, headers, timeout);
        try {
            String state = connection.connected.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (state.startsWith("auth:")) {
                connection.close();
                throw new ExtensionException("Qlik Sense at " + connection.where + " refused the credentials (the Engine asks to log in"
                        + state.substring(5) + ")", false);
            }
            return connection;
        } catch (ExecutionException e) {
            connection.close();
            throw new ExtensionException("Qlik Sense at " + connection.where + " closed the connection before it was ready: "
                    + e.getCause().getMessage(), true, e.getCause());
        } catch (TimeoutException e) {
            connection.close();
            throw new ExtensionException("Qlik Sense at " + connection.where + " did not confirm the session within "
                    + timeout.toSeconds() + " s", true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            connection.close();
            throw new ExtensionException("Interrupted while connecting to Qlik Sense", true, e);
        }
    }

    /** Turns what the HTTP client reports into a message naming the cause. */
    static ExtensionException connectFailure(Throwable cause) {
        if (cause instanceof WebSocketHandshakeException handshake) {
            int status = handshake.getResponse().statusCode();
            if (status == 401 || status == 403) {
                return new ExtensionException("Qlik Sense refused the credentials (HTTP " + status + ")", false, cause);
            }
            if (status == 404) {
                return new ExtensionException("Qlik Sense has no Engine endpoint at this address (HTTP 404): check the URL and the "
                        + "virtual proxy prefix", false, cause);
            }
            return new ExtensionException("Qlik Sense refused the WebSocket connection (HTTP " + status + ")", true, cause);
        }
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            if (root instanceof SSLException) {
                break;
            }
            root = root.getCause();
        }
        if (root instanceof SSLException || cause instanceof SSLException) {
            return new ExtensionException("TLS handshake with Qlik Sense failed: " + root.getMessage()
                    + " (check the URL's scheme, the server certificate and the client certificate)", false, cause);
        }
        if (root instanceof ConnectException || root instanceof UnresolvedAddressException
                || root instanceof java.net.UnknownHostException || root instanceof java.nio.channels.ClosedChannelException) {
            return new ExtensionException("Qlik Sense cannot be reached: " + describe(root), true, cause);
        }
        if (root instanceof HttpTimeoutException) {
            return new ExtensionException("Qlik Sense did not answer in time: " + root.getMessage(), true, cause);
        }
        return new ExtensionException("Connecting to Qlik Sense failed: " + describe(root), true, cause);
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /**
     * Calls a method on a handle and returns its {@code result}.
     *
     * @throws EngineError when the Engine answers with an error
     * @throws ConnectionLost when the connection is gone
     * @throws ExtensionException when no answer comes within the timeout
     */
    JsonNode call(int handle, String method, ObjectNode params) {
        if (lostBecause != null) {
            throw new ConnectionLost(lostBecause);
        }
        int id = ids.incrementAndGet();
        ObjectNode request = JSON.createObjectNode();
        request.put("jsonrpc", "2.0");
        request.put("id", id);
        request.put("handle", handle);
        request.put("method", method);
        request.set("params", params == null ? JSON.createObjectNode() : params);
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        try {
            synchronized (socket) {
                socket.sendText(request.toString(), true).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            JsonNode response = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (response.has("error")) {
                JsonNode error = response.get("error");
                throw new EngineError(error.path("code").asInt(), error.path("parameter").asString(""), error.path("message").asString(""));
            }
            return response.path("result");
        } catch (TimeoutException e) {
            throw new ExtensionException("Qlik Sense at " + where + " did not answer " + method + " within " + timeout.toSeconds() + " s",
                    true, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ConnectionLost lost) {
                throw lost;
            }
            lostBecause = "the connection failed: " + describe(e.getCause());
            throw new ConnectionLost(lostBecause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExtensionException("Interrupted while waiting for Qlik Sense", true, e);
        } finally {
            pending.remove(id);
        }
    }

    boolean isOpen() {
        return lostBecause == null;
    }

    @Override
    public void close() {
        lostBecause = lostBecause == null ? "the session was closed" : lostBecause;
        try {
            if (socket != null && !socket.isOutputClosed()) {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(2, TimeUnit.SECONDS);
            }
        } catch (Exception ignored) {
            // best effort: the socket is aborted below
        }
        if (socket != null) {
            socket.abort();
        }
        failPending();
    }

    private void failPending() {
        ConnectionLost lost = new ConnectionLost(lostBecause);
        pending.values().forEach(f -> f.completeExceptionally(lost));
        connected.completeExceptionally(lost);
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                dispatch(message);
            }
            webSocket.request(1);
            return null;
        }

        private void dispatch(String message) {
            JsonNode json;
            try {
                json = JSON.readTree(message);
            } catch (RuntimeException e) {
                return; // not JSON-RPC: ignored as the Engine's clients do
            }
            if (json.has("id") && !json.get("id").isNull()) {
                CompletableFuture<JsonNode> answer = pending.get(json.get("id").asInt());
                if (answer != null) {
                    answer.complete(json);
                }
                return;
            }
            String method = json.path("method").asString("");
            if (method.equals("OnConnected")) {
                connected.complete(json.path("params").path("qSessionState").asString("SESSION_CREATED"));
            } else if (method.equals("OnAuthenticationInformation") && json.path("params").path("mustAuthenticate").asBoolean(false)) {
                connected.complete("auth:" + (json.path("params").has("loginUri") ? " at " + json.path("params").get("loginUri").asString() : ""));
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            lostBecause = "Qlik Sense closed the connection (" + statusCode + (reason == null || reason.isEmpty() ? "" : " " + reason) + ")";
            failPending();
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            lostBecause = "the connection failed: " + describe(error);
            failPending();
        }
    }
}
