package org.qalyptus.qlik.simulator;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One Engine API session (one WebSocket): the handles it gave out, the app it opened and that app's selection
 * state, as the Engine keeps them per session. Requests are answered in order.
 */
final class EngineSession {

    /** The Engine's error codes the simulator answers with. */
    static final int METHOD_NOT_FOUND = -32601;
    static final int INVALID_PARAMS = -32602;
    static final int NOT_FOUND = 2;
    static final int APP_NOT_FOUND = 1003;

    private record Handle(String type, String genericId, JsonNode properties) {}

    private static final class EngineError extends RuntimeException {
        final int code;
        final String parameter;

        EngineError(int code, String parameter, String message) {
            super(message);
            this.code = code;
            this.parameter = parameter;
        }
    }

    private final EngineSimulator simulator;
    private final Consumer<String> send;
    private final Map<Integer, Handle> handles = new HashMap<>();
    private final Map<String, JsonNode> sessionObjects = new HashMap<>();
    private final Map<String, Set<String>> selections = new LinkedHashMap<>();
    private final Set<String> locked = new HashSet<>();
    private final Map<String, String> variables = new HashMap<>();
    private int nextHandle = 1;
    private SimulatedApp app;

    EngineSession(EngineSimulator simulator, Consumer<String> send) {
        this.simulator = simulator;
        this.send = send;
    }

    void connected() {
        ObjectNode notification = EngineSimulator.object();
        notification.put("jsonrpc", "2.0");
        notification.put("method", "OnConnected");
        notification.putObject("params").put("qSessionState", "SESSION_CREATED");
        send.accept(notification.toString());
    }

    /** Answers one request; false when the connection is to be dropped without an answer. */
    boolean handle(String text) {
        JsonNode request = SimulatedApp.JSON.readTree(text);
        String method = request.path("method").asString("");
        int handleId = request.path("handle").asInt(-1);
        ObjectNode response = EngineSimulator.object();
        response.put("jsonrpc", "2.0");
        response.set("id", request.get("id"));
        Handle handle = handleId == -1 ? new Handle("Global", null, null) : handles.get(handleId);
        simulator.log((handle == null ? "?" : handle.type()) + "." + method);
        if (simulator.takeDrop(method)) {
            return false;
        }
        Duration delay = simulator.delayOf(method);
        if (delay != null) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            if (handle == null) {
                throw new EngineError(-32000 + 1, "", "Invalid handle");
            }
            JsonNode params = request.path("params");
            JsonNode recorded = recorded(handle, method, params);
            if (recorded != null && method.equals("GetAppLayout") && recorded.path("qLayout").isObject()) {
                // the recorded layout, with the reload time the app has now (tests move it to simulate reloads)
                ObjectNode layout = (ObjectNode) recorded.deepCopy();
                ((ObjectNode) layout.get("qLayout")).put("qLastReloadTime", app.lastReloadTime());
                recorded = layout;
            }
            response.set("result", recorded != null ? recorded : compute(handle, method, params.isObject() ? params : EngineSimulator.object()));
        } catch (EngineError e) {
            ObjectNode error = response.putObject("error");
            error.put("code", e.code);
            error.put("parameter", e.parameter);
            error.put("message", e.getMessage());
        } catch (Expression.ExpressionError e) {
            ObjectNode error = response.putObject("error");
            error.put("code", INVALID_PARAMS);
            error.put("parameter", "Invalid expression");
            error.put("message", e.getMessage());
        }
        send.accept(response.toString());
        return true;
    }

    /** A recorded answer to this request, from the open app's exchange fixture. */
    private JsonNode recorded(Handle handle, String method, JsonNode params) {
        if (app == null) {
            return null;
        }
        String key = handle.genericId() == null || handle.type().equals("Doc") ? handle.type() : handle.type() + ":" + handle.genericId();
        for (JsonNode exchange : app.exchanges()) {
            JsonNode req = exchange.get("request");
            if (req.get("handle").asString().equals(key) && req.get("method").asString().equals(method)
                    && (!req.has("params") || req.get("params").equals(params))) {
                return exchange.get("response").get("result");
            }
        }
        return null;
    }

    private JsonNode compute(Handle handle, String method, JsonNode params) {
        return switch (handle.type()) {
            case "Global" -> global(method, params);
            case "Doc" -> doc(method, params);
            case "Field" -> field(handle, method, params);
            case "GenericVariable" -> variable(handle, method, params);
            case "GenericBookmark" -> bookmark(handle, method);
            case "GenericObject" -> genericObject(handle, method, params);
            default -> throw notFound(method);
        };
    }

    private static EngineError notFound(String method) {
        return new EngineError(METHOD_NOT_FOUND, method, "Method not found");
    }

    private ObjectNode qReturn(String type, String genericId, JsonNode properties) {
        int id = nextHandle++;
        handles.put(id, new Handle(type, genericId, properties));
        ObjectNode result = EngineSimulator.object();
        ObjectNode ret = result.putObject("qReturn");
        ret.put("qType", type);
        ret.put("qHandle", id);
        ret.put("qGenericId", genericId);
        return result;
    }

    private static ObjectNode nullHandle(String type) {
        ObjectNode result = EngineSimulator.object();
        ObjectNode ret = result.putObject("qReturn");
        ret.put("qType", type);
        ret.putNull("qHandle");
        return result;
    }

    private static ObjectNode result(String name, Object value) {
        ObjectNode result = EngineSimulator.object();
        result.set(name, SimulatedApp.JSON.valueToTree(value));
        return result;
    }

    // ---- Global ----

    private JsonNode global(String method, JsonNode params) {
        if (method.equals("OpenDoc")) {
            String docName = params.path("qDocName").asString("");
            SimulatedApp found = simulator.app(docName);
            if (found == null) {
                throw new EngineError(APP_NOT_FOUND, docName, "App not found");
            }
            if (app != null) {
                throw new EngineError(1009, docName, "App already open in this session");
            }
            app = found;
            simulator.opened(app.id());
            return qReturn("Doc", app.id(), null);
        }
        if (method.equals("GetAuthenticatedUser")) {
            return result("qReturn", "UserDirectory=SIMULATOR; UserId=simulated-user");
        }
        throw notFound(method);
    }

    // ---- Doc ----

    private JsonNode doc(String method, JsonNode params) {
        switch (method) {
            case "GetObject": {
                String id = params.path("qId").asString("");
                JsonNode object = objectProperties(id);
                return object == null ? nullHandle("GenericObject") : qReturn("GenericObject", id, object);
            }
            case "CreateSessionObject": {
                JsonNode prop = params.path("qProp");
                String id = prop.path("qInfo").path("qId").asString("");
                if (id.isEmpty()) {
                    id = "session-" + nextHandle;
                }
                sessionObjects.put(id, prop);
                return qReturn("GenericObject", id, prop);
            }
            case "DestroySessionObject": {
                boolean removed = sessionObjects.remove(params.path("qId").asString("")) != null;
                handles.values().removeIf(h -> h.genericId() != null && h.genericId().equals(params.path("qId").asString("")));
                return result("qSuccess", removed);
            }
            case "GetField": {
                String name = params.path("qFieldName").asString("");
                return app.fields().containsKey(name) ? qReturn("Field", name, null) : nullHandle("Field");
            }
            case "GetVariableByName": {
                String name = params.path("qName").asString("");
                return app.definitionOf(name, Map.of()) == null ? nullHandle("GenericVariable") : qReturn("GenericVariable", name, null);
            }
            case "GetBookmark": {
                String id = params.path("qId").asString("");
                return bookmarkDefinition(id) == null ? nullHandle("GenericBookmark") : qReturn("GenericBookmark", id, bookmarkDefinition(id));
            }
            case "ApplyBookmark": {
                JsonNode bookmark = bookmarkDefinition(params.path("qId").asString(""));
                if (bookmark == null) {
                    return result("qSuccess", false);
                }
                selections.keySet().removeIf(f -> !locked.contains(f));
                JsonNode fields = bookmark.path("selections");
                for (String field : fields.propertyNames()) {
                    Set<String> values = new LinkedHashSet<>();
                    fields.get(field).forEach(v -> values.add(v.asString()));
                    selections.put(field, values);
                }
                JsonNode vars = bookmark.path("variables");
                for (String name : vars.propertyNames()) {
                    variables.put(name, vars.get(name).asString());
                }
                return result("qSuccess", true);
            }
            case "ClearAll": {
                boolean lockedAlso = params.path("qLockedAlso").asBoolean(false);
                if (lockedAlso) {
                    locked.clear();
                }
                selections.keySet().removeIf(f -> !locked.contains(f));
                return EngineSimulator.object();
            }
            case "Evaluate": {
                try {
                    return result("qReturn", Expression.text(app.evaluate(params.path("qExpression").asString(""), variables, selections, 0)));
                } catch (Expression.ExpressionError e) {
                    return result("qReturn", "Error: " + e.getMessage());
                }
            }
            case "EvaluateEx": {
                ObjectNode value = EngineSimulator.object();
                try {
                    Object v = app.evaluate(params.path("qExpression").asString(""), variables, selections, 0);
                    value.put("qText", v == null ? "-" : Expression.text(v));
                    value.put("qIsNumeric", v instanceof Double);
                    if (v instanceof Double d) {
                        value.put("qNumber", d);
                    } else {
                        value.put("qNumber", "NaN");
                    }
                } catch (Expression.ExpressionError e) {
                    value.put("qText", "Error: " + e.getMessage());
                    value.put("qIsNumeric", false);
                    value.put("qNumber", "NaN");
                }
                ObjectNode result = EngineSimulator.object();
                result.set("qValue", value);
                return result;
            }
            case "CheckExpression": {
                ObjectNode result = EngineSimulator.object();
                ArrayNode bad = result.putArray("qBadFieldNames");
                result.putArray("qDangerousFieldNames");
                String expanded;
                try {
                    expanded = app.expand(params.path("qExpr").asString(""), variables, selections, 0);
                    Expression.parse(expanded, app.fields().keySet());
                    result.put("qErrorMsg", "");
                } catch (Expression.ExpressionError e) {
                    if (e.badField != null) {
                        result.put("qErrorMsg", "");
                        ObjectNode range = bad.addObject();
                        range.put("qFrom", e.position - 1);
                        range.put("qCount", e.badField.length());
                    } else {
                        result.put("qErrorMsg", e.getMessage() + " (at position " + e.position + ")");
                    }
                }
                return result;
            }
            default:
                throw notFound(method);
        }
    }

    private JsonNode objectProperties(String id) {
        for (JsonNode object : app.definition().get("objects")) {
            if (object.get("qInfo").get("qId").asString().equals(id)) {
                return object;
            }
        }
        JsonNode session = sessionObjects.get(id);
        if (session != null) {
            return session;
        }
        for (JsonNode sheet : app.definition().path("sheets")) {
            if (sheet.get("qInfo").get("qId").asString().equals(id)) {
                return sheet;
            }
        }
        return null;
    }

    private JsonNode bookmarkDefinition(String id) {
        for (JsonNode bookmark : app.definition().get("bookmarks")) {
            if (bookmark.get("qInfo").get("qId").asString().equals(id)) {
                return bookmark;
            }
        }
        return null;
    }

    // ---- Field ----

    private JsonNode field(Handle handle, String method, JsonNode params) {
        String field = handle.genericId();
        switch (method) {
            case "SelectValues": {
                if (locked.contains(field)) {
                    return result("qReturn", false);
                }
                Set<String> values = new LinkedHashSet<>();
                boolean toggle = params.path("qToggleMode").asBoolean(false);
                if (toggle) {
                    values.addAll(selections.getOrDefault(field, Set.of()));
                }
                for (JsonNode v : params.path("qFieldValues")) {
                    // numeric selections match the dual's number, as the Engine does; text ones its text
                    String text = v.path("qIsNumeric").asBoolean(false) ? app.textOfNumber(field, v.path("qNumber").asDouble())
                            : v.path("qText").asString("");
                    if (toggle && values.contains(text)) {
                        values.remove(text);
                    } else {
                        values.add(text);
                    }
                }
                if (values.isEmpty()) {
                    selections.remove(field);
                } else {
                    selections.put(field, values);
                }
                return result("qReturn", true);
            }
            case "Clear":
                if (locked.contains(field)) {
                    return result("qReturn", false);
                }
                selections.remove(field);
                return result("qReturn", true);
            case "Lock":
                locked.add(field);
                return result("qReturn", true);
            case "Unlock":
                locked.remove(field);
                return result("qReturn", true);
            case "GetCardinal":
                return result("qReturn", app.cardinality(field));
            default:
                throw notFound(method);
        }
    }

    // ---- GenericVariable ----

    private JsonNode variable(Handle handle, String method, JsonNode params) {
        String name = handle.genericId();
        switch (method) {
            case "GetProperties": {
                ObjectNode prop = EngineSimulator.object();
                prop.putObject("qInfo").put("qId", "var-" + name).put("qType", "variable");
                prop.put("qName", name);
                prop.put("qDefinition", app.definitionOf(name, variables));
                ObjectNode result = EngineSimulator.object();
                result.set("qProp", prop);
                return result;
            }
            case "GetLayout": {
                ObjectNode layout = EngineSimulator.object();
                layout.putObject("qInfo").put("qId", "var-" + name).put("qType", "variable");
                Object value;
                try {
                    value = app.variableValue(name, variables, selections, 0);
                } catch (Expression.ExpressionError e) {
                    value = "Error: " + e.getMessage();
                }
                layout.put("qText", Expression.text(value));
                if (value instanceof Double d) {
                    layout.put("qNum", d);
                } else {
                    layout.put("qNum", "NaN");
                }
                ObjectNode result = EngineSimulator.object();
                result.set("qLayout", layout);
                return result;
            }
            case "SetStringValue":
                variables.put(name, params.path("qVal").asString(""));
                return EngineSimulator.object();
            case "SetNumValue":
                variables.put(name, SimulatedApp.plain(params.path("qVal").asDouble()));
                return EngineSimulator.object();
            default:
                throw notFound(method);
        }
    }

    // ---- GenericBookmark ----

    private JsonNode bookmark(Handle handle, String method) {
        if (method.equals("GetLayout") || method.equals("GetProperties")) {
            ObjectNode layout = EngineSimulator.object();
            layout.set("qInfo", handle.properties().get("qInfo"));
            layout.set("qMeta", handle.properties().get("qMetaDef"));
            ObjectNode result = EngineSimulator.object();
            result.set(method.equals("GetLayout") ? "qLayout" : "qProp", layout);
            return result;
        }
        throw notFound(method);
    }

    // ---- GenericObject ----

    private JsonNode genericObject(Handle handle, String method, JsonNode params) {
        JsonNode prop = handle.properties();
        switch (method) {
            case "GetProperties": {
                ObjectNode result = EngineSimulator.object();
                result.set("qProp", prop);
                return result;
            }
            case "GetLayout": {
                ObjectNode result = EngineSimulator.object();
                result.set("qLayout", layout(prop));
                return result;
            }
            case "GetHyperCubeData": {
                if (!prop.has("qHyperCubeDef")) {
                    throw new EngineError(INVALID_PARAMS, "qPath", "Invalid path: no hypercube");
                }
                SimulatedApp.Cube cube = app.hypercube(prop.get("qHyperCubeDef"), variables, selections);
                ObjectNode result = EngineSimulator.object();
                ArrayNode pages = result.putArray("qDataPages");
                for (JsonNode page : params.path("qPages")) {
                    int top = page.path("qTop").asInt();
                    int left = page.path("qLeft").asInt();
                    int width = page.path("qWidth").asInt();
                    int height = page.path("qHeight").asInt();
                    if ((long) width * height > 10_000) {
                        throw new EngineError(INVALID_PARAMS, "qPages", "Request exceeds 10000 cells");
                    }
                    ObjectNode out = pages.addObject();
                    ArrayNode matrix = out.putArray("qMatrix");
                    int end = Math.min(cube.matrix().size(), top + height);
                    for (int r = top; r < end; r++) {
                        ArrayNode row = matrix.addArray();
                        List<ObjectNode> cells = cube.matrix().get(r);
                        for (int c = left; c < Math.min(cells.size(), left + width); c++) {
                            row.add(cells.get(c));
                        }
                    }
                    ObjectNode area = out.putObject("qArea");
                    area.put("qLeft", left).put("qTop", top).put("qWidth", width).put("qHeight", Math.max(0, end - top));
                }
                return result;
            }
            case "GetListObjectData": {
                if (!prop.has("qListObjectDef")) {
                    throw new EngineError(INVALID_PARAMS, "qPath", "Invalid path: no list object");
                }
                List<String[]> states = app.fieldStates(listField(prop), selections);
                ObjectNode result = EngineSimulator.object();
                ArrayNode pages = result.putArray("qDataPages");
                for (JsonNode page : params.path("qPages")) {
                    int top = page.path("qTop").asInt();
                    int height = page.path("qHeight").asInt();
                    if (height > 10_000) {
                        throw new EngineError(INVALID_PARAMS, "qPages", "Request exceeds 10000 cells");
                    }
                    ObjectNode out = pages.addObject();
                    ArrayNode matrix = out.putArray("qMatrix");
                    int end = Math.min(states.size(), top + height);
                    for (int r = top; r < end; r++) {
                        String[] s = states.get(r);
                        ObjectNode cell = SimulatedApp.cell(s[0], s[1].equals("NaN") ? Double.NaN : Double.parseDouble(s[1]), s[2]);
                        cell.put("qElemNumber", r);
                        matrix.addArray().add(cell);
                    }
                    out.putObject("qArea").put("qLeft", 0).put("qTop", top).put("qWidth", 1).put("qHeight", Math.max(0, end - top));
                }
                return result;
            }
            default:
                throw notFound(method);
        }
    }

    private String listField(JsonNode prop) {
        String field = prop.get("qListObjectDef").path("qDef").path("qFieldDefs").path(0).asString("");
        if (!app.fields().containsKey(field)) {
            throw new EngineError(NOT_FOUND, field, "Field not found");
        }
        return field;
    }

    private JsonNode layout(JsonNode prop) {
        ObjectNode layout = EngineSimulator.object();
        layout.set("qInfo", prop.get("qInfo"));
        if (prop.has("qMetaDef")) {
            layout.set("qMeta", prop.get("qMetaDef"));
        }
        for (String name : List.of("visualization", "totals")) {
            if (prop.has(name)) {
                layout.set(name, prop.get(name));
            }
        }
        if (prop.has("title")) {
            layout.put("title", app.expand(prop.get("title").asString(), variables, selections, 0));
        }
        if (prop.has("qHyperCubeDef")) {
            SimulatedApp.Cube cube = app.hypercube(prop.get("qHyperCubeDef"), variables, selections);
            ObjectNode hc = layout.putObject("qHyperCube");
            hc.putObject("qSize").put("qcx", cube.dimensionInfo().size() + cube.measureInfo().size()).put("qcy", cube.matrix().size());
            hc.set("qDimensionInfo", cube.dimensionInfo());
            hc.set("qMeasureInfo", cube.measureInfo());
            hc.set("qGrandTotalRow", cube.grandTotal());
            hc.put("qMode", "S");
            hc.putArray("qDataPages");
        }
        if (prop.has("qListObjectDef")) {
            String field = listField(prop);
            List<String[]> states = app.fieldStates(field, selections);
            ObjectNode lo = layout.putObject("qListObject");
            lo.putObject("qSize").put("qcx", 1).put("qcy", states.size());
            lo.putObject("qDimensionInfo").put("qFallbackTitle", field).put("qCardinal", states.size());
            lo.putArray("qDataPages");
        }
        if (prop.has("qFieldListDef")) {
            ArrayNode items = layout.putObject("qFieldList").putArray("qItems");
            app.fields().values().forEach(f -> {
                ObjectNode item = items.addObject();
                item.put("qName", f.name());
                item.put("qCardinal", app.cardinality(f.name()));
                ArrayNode tags = item.putArray("qTags");
                switch (f.type()) {
                    case "integer" -> tags.add("$numeric").add("$integer");
                    case "number" -> tags.add("$numeric");
                    case "date" -> tags.add("$numeric").add("$integer").add("$timestamp").add("$date");
                    default -> tags.add("$ascii").add("$text");
                }
            });
        }
        if (prop.has("qVariableListDef")) {
            ArrayNode items = layout.putObject("qVariableList").putArray("qItems");
            for (JsonNode v : app.definition().get("variables")) {
                ObjectNode item = items.addObject();
                item.put("qName", v.get("qName").asString());
                item.put("qDefinition", v.get("qDefinition").asString());
                item.put("qDescription", v.path("qComment").asString(""));
                item.putObject("qInfo").put("qId", "var-" + v.get("qName").asString()).put("qType", "variable");
            }
        }
        if (prop.has("qBookmarkListDef")) {
            ArrayNode items = layout.putObject("qBookmarkList").putArray("qItems");
            for (JsonNode b : app.definition().get("bookmarks")) {
                ObjectNode item = items.addObject();
                item.set("qInfo", b.get("qInfo"));
                item.set("qMeta", b.get("qMetaDef"));
                item.set("qData", SimulatedApp.JSON.valueToTree(Map.of("title", b.get("qMetaDef").path("title").asString(""),
                        "description", b.get("qMetaDef").path("description").asString(""))));
            }
        }
        if (prop.has("qSelectionObjectDef")) {
            ArrayNode list = layout.putObject("qSelectionObject").putArray("qSelections");
            selections.forEach((field, values) -> {
                ObjectNode s = list.addObject();
                s.put("qField", field);
                s.put("qSelectedCount", values.size());
                s.put("qLocked", locked.contains(field));
                ArrayNode info = s.putArray("qSelectedFieldSelectionInfo");
                values.forEach(v -> info.addObject().put("qName", v).put("qFieldSelectionMode", "NORMAL"));
            });
        }
        return layout;
    }
}
