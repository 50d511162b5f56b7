package org.qalyptus.qlik.simulator;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A protocol-faithful simulator of Qlik Sense, in process, for tests: a real HTTP/1.1 server on a loopback port
 * that upgrades {@code /app/{appId}} (and {@code /{prefix}/app/{appId}}) to a WebSocket (RFC 6455) speaking the
 * Engine API's JSON-RPC 2.0 framing ({@code id}, {@code handle}, {@code method}, {@code params}; answers with
 * {@code result} or {@code error {code, parameter, message}}; the {@code OnConnected} notification first), with the
 * Engine's method names and handle model ({@code OpenDoc} gives the Doc handle, {@code GetObject},
 * {@code GetField}, {@code GetVariableByName}, {@code CreateSessionObject} give further handles).
 *
 * <p>Answers come from the app's recorded exchange fixtures (request/response pairs as the Engine gave them) when
 * one matches the request, and are otherwise computed from the app's data under the session's selections
 * (selections, list objects, hypercube pages, evaluation). The same server answers the REST calls the connector
 * makes: the Qlik Cloud items API, OAuth client-credentials token, users/me and reports (image export) API, and
 * the client-managed QRS {@code app/full} and {@code about}.
 *
 * <p>It is not Qlik: it knows the methods the connector uses, and answers others with the Engine's
 * "method not found" error ({@code -32601}). Faults can be injected: refused credentials, slow methods, a dropped
 * connection.
 */
public final class EngineSimulator implements AutoCloseable {

    private final ServerSocket server;
    private final Map<String, SimulatedApp> apps = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<String> openedApps = new CopyOnWriteArrayList<>();
    private final Set<String> bearerTokens = ConcurrentHashMap.newKeySet();
    private final Map<String, String> acceptedHeaders = new ConcurrentHashMap<>();
    private final Map<String, String> oauthClients = new ConcurrentHashMap<>();
    private final Map<String, Duration> delays = new ConcurrentHashMap<>();
    private final Set<String> dropOnce = ConcurrentHashMap.newKeySet();
    private final AtomicInteger sessionsOpened = new AtomicInteger();
    private final AtomicInteger sessionsClosed = new AtomicInteger();
    private final List<String> methodLog = new CopyOnWriteArrayList<>();
    private final List<JsonNode> reportRequests = new CopyOnWriteArrayList<>();
    private final Map<String, byte[]> reportOutputs = new ConcurrentHashMap<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean closed;
    private volatile int itemsPageSize = 100;

    private final List<Map<String, String>> requestHeaders = new CopyOnWriteArrayList<>();
    private final List<String> clientCertificates = new CopyOnWriteArrayList<>();
    private final Set<String> certificateUsers = ConcurrentHashMap.newKeySet();
    private final ThreadLocal<String> clientCertificate = new ThreadLocal<>();
    private final boolean tls;

    private EngineSimulator(List<SimulatedApp> apps, javax.net.ssl.SSLContext tlsContext, boolean needClientCertificate)
            throws IOException {
        for (SimulatedApp app : apps) {
            this.apps.put(app.id(), app);
        }
        if (tlsContext == null) {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            tls = false;
        } else {
            javax.net.ssl.SSLServerSocket secure = (javax.net.ssl.SSLServerSocket) tlsContext.getServerSocketFactory()
                    .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
            if (needClientCertificate) {
                secure.setNeedClientAuth(true);
            }
            server = secure;
            tls = true;
        }
        Thread acceptor = new Thread(this::accept, "qlik-simulator-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts a simulator serving {@code apps} on a free loopback port. */
    public static EngineSimulator start(SimulatedApp... apps) {
        try {
            return new EngineSimulator(List.of(apps), null, false);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Starts a simulator serving HTTPS and WSS with the server certificate of {@code tls} (see {@link TestCertificates});
     * with {@code needClientCertificate}, the TLS handshake requires a client certificate that {@code tls} trusts, as
     * Qlik Sense's Engine (4747) and repository (4242) ports do.
     */
    public static EngineSimulator startTls(javax.net.ssl.SSLContext tls, boolean needClientCertificate, SimulatedApp... apps) {
        try {
            return new EngineSimulator(List.of(apps), tls, needClientCertificate);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:port} (https with TLS): the "tenant URL" or "server URL" of this simulated Qlik Sense. */
    public String baseUrl() {
        return (tls ? "https" : "http") + "://127.0.0.1:" + server.getLocalPort();
    }

    /**
     * Accepts a request from a client that presented a trusted certificate and names the user in the
     * {@code X-Qlik-User} header ({@code UserDirectory=DIR; UserId=ID}), as Qlik's certificate authentication does.
     */
    public EngineSimulator acceptCertificateUser(String userHeader) {
        certificateUsers.add(userHeader);
        return this;
    }

    /** The headers of every HTTP request received (WebSocket upgrades too), in order, names lower-cased. */
    public List<Map<String, String>> requestHeaders() {
        return Collections.unmodifiableList(requestHeaders);
    }

    /** The subject of the client certificate each TLS connection presented, in order. */
    public List<String> clientCertificates() {
        return Collections.unmodifiableList(clientCertificates);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Accepts {@code Authorization: Bearer token} (an API key, a JWT or an issued OAuth token). */
    public EngineSimulator acceptBearer(String token) {
        bearerTokens.add(token);
        return this;
    }

    /** Accepts requests carrying {@code header} with {@code value} (a virtual proxy's header authentication). */
    public EngineSimulator acceptHeader(String header, String value) {
        acceptedHeaders.put(header.toLowerCase(Locale.ROOT), value);
        return this;
    }

    /** Issues bearer tokens to an OAuth client (client-credentials grant on {@code /oauth/token}). */
    public EngineSimulator acceptOAuthClient(String clientId, String clientSecret) {
        oauthClients.put(clientId, clientSecret);
        return this;
    }

    /** Makes the items API answer at most {@code size} apps per page, linking the next page (default 100). */
    public EngineSimulator itemsPageSize(int size) {
        itemsPageSize = Math.max(1, size);
        return this;
    }

    /** Makes every call of an Engine method wait before it is answered. */
    public EngineSimulator delay(String method, Duration delay) {
        delays.put(method, delay);
        return this;
    }

    public EngineSimulator noDelays() {
        delays.clear();
        return this;
    }

    /** Closes the WebSocket (without answering) the next time {@code method} is called. */
    public EngineSimulator dropConnectionOnNext(String method) {
        dropOnce.add(method);
        return this;
    }

    public int sessionsOpened() {
        return sessionsOpened.get();
    }

    public int sessionsClosed() {
        return sessionsClosed.get();
    }

    /** The Engine methods called so far, in order ({@code Type.Method}). */
    public List<String> methodLog() {
        return Collections.unmodifiableList(methodLog);
    }

    /** The bodies of the report (image export) requests received. */
    public List<JsonNode> reportRequests() {
        return Collections.unmodifiableList(reportRequests);
    }

    /** Simulates a finished reload of an app: its reload time moves to {@code at} (the reload pollers' trigger). */
    public EngineSimulator reload(String appId, java.time.Instant at) {
        SimulatedApp app = apps.get(appId);
        if (app == null) {
            throw new IllegalArgumentException("no simulated app " + appId);
        }
        app.reloaded(at);
        return this;
    }

    /** Adds an app (a copy made by {@link SimulatedApp#copy}, say): listed and opened from now on. */
    public EngineSimulator add(SimulatedApp app) {
        apps.put(app.id(), app);
        return this;
    }

    /** Deletes an app, as deleting it in Qlik does: no longer listed, and {@code OpenDoc} answers "App not found". */
    public EngineSimulator remove(String appId) {
        apps.remove(appId);
        return this;
    }

    /** The ids of the apps {@code OpenDoc} opened, in order. */
    public List<String> openedApps() {
        return Collections.unmodifiableList(openedApps);
    }

    SimulatedApp app(String id) {
        return apps.get(id);
    }

    private List<SimulatedApp> apps() {
        synchronized (apps) {
            return List.copyOf(apps.values());
        }
    }

    void opened(String appId) {
        openedApps.add(appId);
    }

    Duration delayOf(String method) {
        return delays.get(method);
    }

    boolean takeDrop(String method) {
        return dropOnce.remove(method);
    }

    void log(String entry) {
        methodLog.add(entry);
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    // ---- HTTP ----

    private void accept() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                sockets.add(socket);
                Thread worker = new Thread(() -> serve(socket), "qlik-simulator-connection");
                worker.setDaemon(true);
                worker.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    record Request(String method, String path, Map<String, String> query, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            clientCertificate.remove();
            if (socket instanceof javax.net.ssl.SSLSocket secure) {
                secure.startHandshake();
                try {
                    java.security.cert.Certificate[] peer = secure.getSession().getPeerCertificates();
                    String subject = ((java.security.cert.X509Certificate) peer[0]).getSubjectX500Principal().getName();
                    clientCertificate.set(subject);
                    clientCertificates.add(subject);
                } catch (javax.net.ssl.SSLPeerUnverifiedException noCertificate) {
                    // a TLS client without a certificate
                }
            }
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            while (!closed) {
                Request request = readRequest(in);
                if (request == null) {
                    return;
                }
                requestHeaders.add(Map.copyOf(request.headers()));
                if ("websocket".equalsIgnoreCase(request.header("upgrade"))) {
                    upgrade(request, in, out);
                    return;
                }
                rest(request, out);
            }
        } catch (IOException ignored) {
            // the client went away
        } finally {
            sockets.remove(socket);
        }
    }

    private static Request readRequest(InputStream in) throws IOException {
        String line = readLine(in);
        if (line == null || line.isEmpty()) {
            return null;
        }
        String[] parts = line.split(" ");
        if (parts.length < 3) {
            return null;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        String header;
        while ((header = readLine(in)) != null && !header.isEmpty()) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                return null; // not HTTP (a TLS handshake, for one): the connection is closed
            }
            headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        String target = parts[1];
        Map<String, String> query = new LinkedHashMap<>();
        int q = target.indexOf('?');
        if (q >= 0) {
            for (String pair : target.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            target = target.substring(0, q);
        }
        return new Request(parts[0], target, query, headers, body);
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    private static void respond(OutputStream out, int status, String contentType, byte[] body, Map<String, String> headers)
            throws IOException {
        StringBuilder head = new StringBuilder("HTTP/1.1 " + status + " " + reason(status) + "\r\n");
        head.append("Content-Type: ").append(contentType).append("\r\n");
        head.append("Content-Length: ").append(body.length).append("\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 101 -> "Switching Protocols";
            case 202 -> "Accepted";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            default -> "Status";
        };
    }

    private static void json(OutputStream out, int status, Object body, Map<String, String> headers) throws IOException {
        respond(out, status, "application/json", SimulatedApp.JSON.writeValueAsBytes(body), headers);
    }

    private boolean authorized(Request request) {
        String authorization = request.header("authorization");
        if (authorization != null && authorization.startsWith("Bearer ")
                && bearerTokens.contains(authorization.substring("Bearer ".length()))) {
            return true;
        }
        if (clientCertificate.get() != null && request.header("x-qlik-user") != null
                && certificateUsers.contains(request.header("x-qlik-user"))) {
            return true;
        }
        for (Map.Entry<String, String> h : acceptedHeaders.entrySet()) {
            if (h.getValue().equals(request.header(h.getKey()))) {
                return true;
            }
        }
        return false;
    }

    private void rest(Request request, OutputStream out) throws IOException {
        String path = request.path();
        if (path.equals("/oauth/token") && request.method().equals("POST")) {
            JsonNode body = SimulatedApp.JSON.readTree(request.body());
            String secret = oauthClients.get(body.path("client_id").asString(""));
            if (secret == null || !secret.equals(body.path("client_secret").asString(""))
                    || !body.path("grant_type").asString("").equals("client_credentials")) {
                json(out, 401, Map.of("errors", List.of(Map.of("code", "OAUTH-1", "title", "invalid_client"))), Map.of());
                return;
            }
            String token = "oauth-" + UUID.randomUUID();
            bearerTokens.add(token);
            json(out, 200, Map.of("access_token", token, "token_type", "bearer", "expires_in", 3600), Map.of());
            return;
        }
        if (!authorized(request)) {
            json(out, 401, Map.of("errors", List.of(Map.of("code", "HTTP-401", "title", "Not authorized"))), Map.of());
            return;
        }
        if (path.equals("/api/v1/users/me")) {
            json(out, 200, Map.of("id", "simulated-user", "name", "Simulated user"), Map.of());
        } else if (path.equals("/api/v1/items")) {
            // one page of at most itemsPageSize apps, the next one linked by a cursor, as the items API pages
            List<SimulatedApp> all = apps();
            int from = Integer.parseInt(request.query().getOrDefault("next", "0"));
            int to = Math.min(all.size(), from + itemsPageSize);
            List<Map<String, Object>> data = new ArrayList<>();
            for (SimulatedApp app : all.subList(Math.min(from, to), to)) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("name", app.title());
                item.put("resourceId", app.id());
                item.put("resourceType", "app");
                item.put("description", app.definition().path("description").asString(""));
                item.put("resourceAttributes", Map.of("lastReloadTime", app.lastReloadTime()));
                data.add(item);
            }
            Map<String, Object> links = to < all.size()
                    ? Map.of("next", Map.of("href", "/api/v1/items?resourceType=app&limit=" + itemsPageSize + "&next=" + to))
                    : Map.of();
            json(out, 200, Map.of("data", data, "links", links), Map.of());
        } else if (path.endsWith("/qrs/about") || path.endsWith("/qrs/app/full")) {
            String key = request.query().get("xrfkey");
            if (key == null || !key.equals(request.header("x-qlik-xrfkey"))) {
                json(out, 403, Map.of("message", "XSRF prevention check failed"), Map.of());
                return;
            }
            if (path.endsWith("/about")) {
                json(out, 200, Map.of("buildVersion", "simulated"), Map.of());
                return;
            }
            List<Map<String, Object>> list = new ArrayList<>();
            for (SimulatedApp app : apps()) {
                list.add(Map.of("id", app.id(), "name", app.title(), "description", app.definition().path("description").asString(""),
                        "lastReloadTime", app.lastReloadTime()));
            }
            json(out, 200, list, Map.of());
        } else if (path.equals("/api/v1/reports") && request.method().equals("POST")) {
            JsonNode body = SimulatedApp.JSON.readTree(request.body());
            reportRequests.add(body);
            JsonNode template = body.path("senseImageTemplate");
            SimulatedApp app = apps.get(template.path("appId").asString(""));
            if (app == null || !body.path("type").asString("").equals("sense-image-1.0")) {
                json(out, 400, Map.of("errors", List.of(Map.of("code", "REP-400000", "title", "bad or malformed http request"))), Map.of());
                return;
            }
            String id = UUID.randomUUID().toString();
            JsonNode visualization = template.path("visualization");
            reportOutputs.put(id, png(visualization.path("widthPx").asInt(400), visualization.path("heightPx").asInt(300)));
            json(out, 202, Map.of("requestId", id), Map.of("Location", baseUrl() + "/api/v1/reports/" + id + "/status"));
        } else if (path.startsWith("/api/v1/reports/") && path.endsWith("/status")) {
            String id = path.substring("/api/v1/reports/".length(), path.length() - "/status".length());
            if (!reportOutputs.containsKey(id)) {
                json(out, 404, Map.of("errors", List.of(Map.of("code", "REP-404000", "title", "not found"))), Map.of());
                return;
            }
            json(out, 200, Map.of("status", "done", "results", List.of(Map.of("outputId", "image", "contentType", "image/png",
                    "location", baseUrl() + "/api/v1/temp-contents/" + id))), Map.of());
        } else if (path.startsWith("/api/v1/temp-contents/")) {
            byte[] png = reportOutputs.get(path.substring("/api/v1/temp-contents/".length()));
            if (png == null) {
                json(out, 404, Map.of(), Map.of());
                return;
            }
            respond(out, 200, "image/png", png, Map.of());
        } else {
            json(out, 404, Map.of("errors", List.of(Map.of("code", "HTTP-404", "title", "Not found: " + path))), Map.of());
        }
    }

    /** The image the simulated export service answers: a plain PNG of the requested size. */
    private static byte[] png(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(Math.max(1, width), Math.max(1, height), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0x00, 0x98, 0x45)); // a Qlik green, so a test can tell the export from a drawn chart
        g.fillRect(0, 0, width, height);
        g.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        return bytes.toByteArray();
    }

    // ---- WebSocket ----

    private void upgrade(Request request, InputStream in, OutputStream out) throws IOException {
        if (!authorized(request)) {
            json(out, 401, Map.of("errors", List.of(Map.of("code", "HTTP-401", "title", "Not authorized"))), Map.of());
            return;
        }
        int app = request.path().lastIndexOf("/app/");
        if (app < 0) {
            json(out, 404, Map.of(), Map.of());
            return;
        }
        String accept;
        try {
            accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1").digest(
                    (request.header("sec-websocket-key") + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.ISO_8859_1)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: "
                + accept + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        sessionsOpened.incrementAndGet();
        EngineSession session = new EngineSession(this, text -> sendText(out, text));
        try {
            session.connected();
            while (true) {
                String message = readMessage(in, out);
                if (message == null) {
                    break;
                }
                if (!session.handle(message)) {
                    // a dropped connection: no answer, the Engine going away (1001) and the socket closed
                    synchronized (EngineSimulator.class) {
                        out.write(new byte[] {(byte) 0x88, 2, 0x03, (byte) 0xE9});
                        out.flush();
                    }
                    break;
                }
            }
        } catch (EOFException | SocketException ignored) {
            // the client went away
        } finally {
            sessionsClosed.incrementAndGet();
        }
    }

    private static synchronized void sendText(OutputStream out, String text) {
        try {
            byte[] payload = text.getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            frame.write(0x81);
            if (payload.length < 126) {
                frame.write(payload.length);
            } else if (payload.length < 65536) {
                frame.write(126);
                frame.write(payload.length >>> 8);
                frame.write(payload.length & 0xff);
            } else {
                frame.write(127);
                for (int i = 7; i >= 0; i--) {
                    frame.write((int) (((long) payload.length >>> (8 * i)) & 0xff));
                }
            }
            frame.write(payload);
            out.write(frame.toByteArray());
            out.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Reads one (possibly fragmented) text message; null on a close frame. Answers pings. */
    private static String readMessage(InputStream in, OutputStream out) throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        while (true) {
            int b0 = in.read();
            int b1 = in.read();
            if (b0 < 0 || b1 < 0) {
                throw new EOFException();
            }
            boolean fin = (b0 & 0x80) != 0;
            int opcode = b0 & 0x0f;
            long length = b1 & 0x7f;
            if (length == 126) {
                length = (in.read() << 8) | in.read();
            } else if (length == 127) {
                length = 0;
                for (int i = 0; i < 8; i++) {
                    length = (length << 8) | in.read();
                }
            }
            byte[] mask = (b1 & 0x80) != 0 ? in.readNBytes(4) : null;
            byte[] payload = in.readNBytes((int) length);
            if (payload.length < length) {
                throw new EOFException();
            }
            if (mask != null) {
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= mask[i % 4];
                }
            }
            if (opcode == 0x8) {
                synchronized (EngineSimulator.class) {
                    out.write(new byte[] {(byte) 0x88, 0});
                    out.flush();
                }
                return null;
            }
            if (opcode == 0x9) {
                synchronized (EngineSimulator.class) {
                    out.write(0x8A);
                    out.write(payload.length);
                    out.write(payload);
                    out.flush();
                }
                continue;
            }
            if (opcode == 0xA) {
                continue;
            }
            message.write(payload);
            if (fin) {
                return message.toString(StandardCharsets.UTF_8);
            }
        }
    }

    static ArrayNode array() {
        return SimulatedApp.JSON.createArrayNode();
    }

    static ObjectNode object() {
        return SimulatedApp.JSON.createObjectNode();
    }
}
