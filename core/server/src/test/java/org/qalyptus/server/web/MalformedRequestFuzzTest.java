package org.qalyptus.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import org.qalyptus.server.support.RunningServer;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends thousands of malformed requests, generated from the served OpenAPI document, to every route with
 * a request body or path parameter, as the tenant owner (who passes every permission check, so input
 * handling is what answers): invalid ids in paths, bodies that are not JSON or of the wrong shape, and
 * for each property of a well-formed body, values of the wrong type, MongoDB operators such as
 * {@code {"$ne": null}} in place of values, unknown enum values, invalid UUIDs and dates, and oversized
 * strings. Every answer must be a 4xx in the API's error envelope, and the stored data must be exactly
 * as before.
 */
class MalformedRequestFuzzTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");
    /** Collections whose documents legitimately change on every request (credential use times). */
    static final Set<String> VOLATILE = Set.of("sessions", "apiKeys", "loginThrottle");

    @TempDir
    static Path dataDir;
    static RunningServer server;
    static Http http;
    static String ownerKey;
    static JsonNode openApi;
    static Map<String, String> targets = new LinkedHashMap<>();

    @BeforeAll
    static void start() {
        server = RunningServer.start(dataDir, RunningServer.SOURCE_TREE_PLUGINS);
        http = server.http();
        ownerKey = server.credentials().apiKey();
        openApi = http.get("/api/v1/openapi.json", null).json();
        discoverTargets();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** One existing object per collection route, so body mutations reach the code behind the lookup. */
    static void discoverTargets() {
        for (String collection : List.of("organizations", "users", "groups", "api-keys", "identity-providers", "projects",
                "reports", "filters", "conditions", "tasks", "storage-services", "connections")) {
            Answer answer = http.get("/api/v1/" + collection, ownerKey);
            if (answer.status() == 200 && answer.data() != null && answer.data().isArray() && !answer.data().isEmpty()) {
                targets.put(collection, answer.data().get(0).get("id").asString());
            }
        }
    }

    /**
     * @param bodyRequired whether the route requires a body (an empty one is then malformed)
     * @param acceptsText whether the route also takes a text body (so a text body is not malformed)
     */
    record Operation(String method, String path, JsonNode schema, boolean bodyRequired, boolean acceptsText) {}

    record Probe(String method, String path, String contentType, byte[] body, String what) {}

    @Test
    void malformedRequestsAreRefusedWithClientErrorsAndChangeNothing() throws Exception {
        List<Probe> probes = new ArrayList<>();
        for (Operation operation : operations()) {
            probes.addAll(pathProbes(operation));
            if (operation.schema() != null) {
                probes.addAll(bodyProbes(operation));
            }
        }
        Map<String, String> before = snapshot();
        List<String> failures = new ArrayList<>();
        for (Probe probe : probes) {
            Answer answer = send(probe);
            boolean clientError = answer.status() >= 400 && answer.status() < 500;
            boolean envelope = answer.body().startsWith("{") && answer.body().contains("\"isSuccess\":false");
            if (!clientError || !envelope) {
                failures.add(answer.status() + " for " + probe.method() + " " + abbreviate(probe.path()) + " ("
                        + probe.what() + "): " + abbreviate(answer.body()));
            }
        }
        assertThat(failures).as("requests not refused with a 4xx envelope").isEmpty();
        assertThat(snapshot()).as("stored data after " + probes.size() + " malformed requests").isEqualTo(before);
        assertThat(probes.size()).as("generated requests").isGreaterThanOrEqualTo(5000);
    }

    // ---- generation ----

    static List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : openApi.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                JsonNode body = method.getValue().path("requestBody");
                JsonNode schema = body.path("content").path("application/json").path("schema");
                boolean acceptsText = body.path("content").has("text/plain") || body.path("content").has("text/html");
                operations.add(new Operation(method.getKey().toUpperCase(Locale.ROOT), path.getKey(),
                        schema.isMissingNode() ? null : resolve(schema), body.path("required").asBoolean(false), acceptsText));
            }
        }
        return operations;
    }

    static final List<String> BAD_IDS = List.of("not-a-uuid", "{\"$ne\":null}", "' OR '1'='1", "../../etc/passwd",
            "0000", "%00", "x".repeat(3000), "$where", "12345678-1234-1234-1234-1234567890123", "[]",
            "00000000-0000-0000-0000-00000000000g", "-1", "\u00fc\u00f1\u00ee\u00e7\u00f8d\u00e9", "null");

    /** The operation with each path parameter in turn replaced by malformed ids, the rest well formed. */
    static List<Probe> pathProbes(Operation operation) {
        List<Probe> probes = new ArrayList<>();
        List<String> parameters = parameters(operation.path());
        byte[] body = operation.schema() == null ? null : bytes(example(operation.schema(), 0));
        for (int i = 0; i < parameters.size(); i++) {
            for (String bad : BAD_IDS) {
                String path = fill(operation.path(), i, URLEncoder.encode(bad, StandardCharsets.UTF_8));
                probes.add(new Probe(operation.method(), path, "application/json", body, parameters.get(i) + "=" + abbreviate(bad)));
            }
        }
        return probes;
    }

    /** Bodies that are not the right JSON, then each property of a well-formed body made malformed. */
    static List<Probe> bodyProbes(Operation operation) {
        List<Probe> probes = new ArrayList<>();
        String path = fill(operation.path(), -1, null);
        JsonNode schema = operation.schema();
        boolean array = "array".equals(schema.path("type").asString(""));
        List<String> rawBodies = new ArrayList<>(List.of("", "not json", "{", "[", "{\"a\":", "null", "123", "\"text\"",
                "true", array ? "{}" : "[]", array ? "{\"$ne\":null}" : "[{\"$ne\":null}]", "{\"$where\":\"sleep(5000)\"}",
                "[".repeat(5000) + "]".repeat(5000), "{\"a\":".repeat(3000) + "1" + "}".repeat(3000)));
        if (array) {
            rawBodies.addAll(List.of("[\"not-a-uuid\"]", "[null]", "[{\"$ne\":null}]", "[1,2,3]", "[[]]"));
        }
        if (!operation.bodyRequired()) {
            // no body and a JSON null mean "no body", which such routes accept, and unknown members are
            // ignored, so a body holding only an unknown member is a body with nothing set
            rawBodies.removeAll(List.of("", "null", "{\"$where\":\"sleep(5000)\"}"));
        }
        for (String raw : rawBodies) {
            probes.add(new Probe(operation.method(), path, "application/json", raw.getBytes(StandardCharsets.UTF_8),
                    "body " + abbreviate(raw)));
        }
        if (!operation.acceptsText()) {
            probes.add(new Probe(operation.method(), path, "text/plain", "{}".getBytes(StandardCharsets.UTF_8),
                    "text/plain body"));
        }
        probes.add(new Probe(operation.method(), path, "application/json",
                ("{\"name\":\"" + "x".repeat(3 << 20) + "\"}").getBytes(StandardCharsets.UTF_8), "3 MiB body"));
        if (!array && schema.has("properties")) {
            for (Map.Entry<String, JsonNode> property : schema.get("properties").properties()) {
                for (Map.Entry<String, JsonNode> bad : malformed(resolve(property.getValue())).entrySet()) {
                    ObjectNode body = (ObjectNode) example(schema, 0);
                    body.set(property.getKey(), bad.getValue());
                    probes.add(new Probe(operation.method(), path, "application/json", bytes(body),
                            property.getKey() + " = " + bad.getKey()));
                }
            }
        }
        return probes;
    }

    /** Values that no property of this schema may take. */
    static Map<String, JsonNode> malformed(JsonNode schema) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        ObjectNode ne = NODES.objectNode().putNull("$ne");
        ObjectNode gt = NODES.objectNode().put("$gt", "");
        ObjectNode regex = NODES.objectNode().put("$regex", ".*");
        String type = schema.path("type").asString("");
        String format = schema.path("format").asString("");
        switch (type) {
            case "string" -> {
                values.put("{$ne:null}", ne);
                values.put("{$gt:''}", gt);
                values.put("{$regex}", regex);
                values.put("[{$ne:null}]", NODES.arrayNode().add(ne));
                values.put("[1,2]", NODES.arrayNode().add(1).add(2));
                if (schema.has("enum")) {
                    values.put("unknown enum value", NODES.stringNode("NotAValue"));
                }
                if (format.equals("uuid")) {
                    values.put("invalid uuid", NODES.stringNode("not-a-uuid"));
                }
                if (format.equals("date-time") || format.equals("date")) {
                    values.put("invalid date", NODES.stringNode("yesterday at noon"));
                }
            }
            case "integer", "number" -> {
                values.put("{$ne:null}", ne);
                values.put("text", NODES.stringNode("twelve"));
                values.put("overflow", NODES.numberNode(new java.math.BigInteger("99999999999999999999999999")));
                values.put("[1]", NODES.arrayNode().add(1));
                values.put("{$gt:''}", gt);
            }
            case "boolean" -> {
                values.put("{$ne:null}", ne);
                values.put("text", NODES.stringNode("maybe"));
                values.put("[true]", NODES.arrayNode().add(true));
                values.put("{$gt:''}", gt);
            }
            case "array" -> {
                values.put("{$ne:null}", ne);
                values.put("text", NODES.stringNode("not a list"));
                JsonNode items = resolve(schema.path("items"));
                String itemType = items.path("type").asString("");
                if (itemType.equals("string") || itemType.equals("integer") || itemType.equals("boolean")) {
                    values.put("[{$ne:null}]", NODES.arrayNode().add(ne));
                    values.put("[[]]", NODES.arrayNode().add(NODES.arrayNode()));
                }
                if (items.path("format").asString("").equals("uuid")) {
                    values.put("[invalid uuid]", NODES.arrayNode().add("not-a-uuid"));
                }
            }
            case "object" -> {
                if (!schema.has("additionalProperties")) {
                    values.put("text", NODES.stringNode("not an object"));
                    values.put("[1]", NODES.arrayNode().add(1));
                    values.put("7", NODES.numberNode(7));
                }
            }
            default -> {
                // untyped (JsonNode) properties are validated by the services
            }
        }
        return values;
    }

    /** A well-formed example of a schema, as a client would fill it. */
    static JsonNode example(JsonNode schema, int depth) {
        schema = resolve(schema);
        if (schema.has("example")) {
            return schema.get("example");
        }
        String type = schema.path("type").asString("");
        String format = schema.path("format").asString("");
        return switch (type) {
            case "string" -> schema.has("enum") ? schema.get("enum").get(0)
                    : format.equals("uuid") ? NODES.stringNode(UUID.randomUUID().toString())
                    : format.startsWith("date") ? NODES.stringNode("2031-01-01T00:00:00Z")
                    : NODES.stringNode("Fuzz value");
            case "integer", "number" -> NODES.numberNode(1);
            case "boolean" -> NODES.booleanNode(true);
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                if (depth < 3) {
                    array.add(example(schema.path("items"), depth + 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = NODES.objectNode();
                if (depth < 3 && schema.has("properties")) {
                    for (Map.Entry<String, JsonNode> property : schema.get("properties").properties()) {
                        object.set(property.getKey(), example(property.getValue(), depth + 1));
                    }
                }
                yield object;
            }
        };
    }

    static JsonNode resolve(JsonNode schema) {
        for (int hops = 0; schema.has("$ref") && hops < 10; hops++) {
            String name = schema.get("$ref").asString().substring("#/components/schemas/".length());
            schema = openApi.get("components").get("schemas").path(name);
        }
        return schema;
    }

    static List<String> parameters(String path) {
        List<String> names = new ArrayList<>();
        Matcher matcher = PARAMETER.matcher(path);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** The path with existing targets (or fresh UUIDs) in its parameters, parameter {@code bad} replaced. */
    static String fill(String template, int bad, String badValue) {
        Matcher matcher = PARAMETER.matcher(template);
        StringBuilder path = new StringBuilder();
        int index = 0;
        while (matcher.find()) {
            String value = index == bad ? badValue : target(template, matcher.group(1), index);
            matcher.appendReplacement(path, Matcher.quoteReplacement(value));
            index++;
        }
        matcher.appendTail(path);
        return path.toString();
    }

    static String target(String template, String parameter, int index) {
        String[] segments = template.substring("/api/v1/".length()).split("/");
        if (index == 0 && segments.length > 2 && segments[2].startsWith("{")) {
            String kind = switch (segments[1]) {
                case "project" -> "projects";
                case "report" -> "reports";
                case "organization" -> "organizations";
                default -> null;
            };
            if (kind != null && targets.containsKey(kind)) {
                return targets.get(kind);
            }
        }
        if (index == 0 && parameter.equals("id") && targets.containsKey(segments[0])) {
            return targets.get(segments[0]);
        }
        if (parameter.equals("value")) {
            return "true";
        }
        if (parameter.equals("outputFormat")) {
            return "Pdf";
        }
        return new UUID(new Random(parameter.hashCode()).nextLong(), 1L).toString();
    }

    // ---- sending and comparing ----

    static Answer send(Probe probe) {
        HttpRequest.Builder request = http.request(probe.path(), ownerKey);
        HttpRequest.BodyPublisher body = probe.body() == null ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(probe.body());
        if (probe.body() != null) {
            request.header("Content-Type", probe.contentType());
        }
        return http.send(request.method(probe.method(), body));
    }

    /** A digest of every stored document, by collection. */
    static Map<String, String> snapshot() throws Exception {
        MongoTemplate mongo = server.bean(MongoTemplate.class);
        Map<String, String> digests = new TreeMap<>();
        for (String collection : mongo.getCollectionNames()) {
            if (VOLATILE.contains(collection)) {
                continue;
            }
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            long count = 0;
            for (Document document : mongo.getCollection(collection).find().sort(new Document("_id", 1))) {
                digest.update(document.toJson().getBytes(StandardCharsets.UTF_8));
                count++;
            }
            digests.put(collection, count + " documents, " + HexFormat.of().formatHex(digest.digest()));
        }
        return digests;
    }

    static byte[] bytes(JsonNode node) {
        return JSON.writeValueAsBytes(node);
    }

    static String abbreviate(String text) {
        return text.length() > 160 ? text.substring(0, 160) + "..." : text;
    }
}
