package org.qalyptus.plugins.connector.qlik;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.qalyptus.charts.ChartPainter;
import org.qalyptus.spi.ExtensionException;
import org.qalyptus.spi.app.AppModel.AppInfo;
import org.qalyptus.spi.app.AppModel.BookmarkInfo;
import org.qalyptus.spi.app.AppModel.Cell;
import org.qalyptus.spi.app.AppModel.ColumnInfo;
import org.qalyptus.spi.app.AppModel.ColumnKind;
import org.qalyptus.spi.app.AppModel.DataPage;
import org.qalyptus.spi.app.AppModel.EvaluatedValue;
import org.qalyptus.spi.app.AppModel.FieldInfo;
import org.qalyptus.spi.app.AppModel.FieldValue;
import org.qalyptus.spi.app.AppModel.FieldValuePage;
import org.qalyptus.spi.app.AppModel.FormatOptions;
import org.qalyptus.spi.app.AppModel.ImageRequest;
import org.qalyptus.spi.app.AppModel.ObjectData;
import org.qalyptus.spi.app.AppModel.ObjectInfo;
import org.qalyptus.spi.app.AppModel.SelectionState;
import org.qalyptus.spi.app.AppModel.SheetInfo;
import org.qalyptus.spi.app.AppModel.ValueQuery;
import org.qalyptus.spi.app.AppModel.VariableInfo;
import org.qalyptus.spi.app.AppSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A session on one Qlik Sense app: one Engine WebSocket opened for an execution and closed at its end. Every read
 * first brings the Engine's selection state to the {@link SelectionState} it is made under (clear, bookmark,
 * variables, field selections), skipping that when the state is the one already applied. A lost connection is
 * reopened once and the read retried.
 */
final class QlikSession implements AppSession {

    private static final Logger log = LoggerFactory.getLogger(QlikSession.class);

    /** The Engine serves at most 10,000 cells per data page. */
    static final int MAX_CELLS = 10_000;
    static final int MAX_PAGE = 100_000;
    static final String SOURCE_CLOUD_EXPORT = "qlik-cloud-export";
    static final String SOURCE_DRAWN = "drawn-from-hypercube";

    private final QlikSettings settings;
    private final HttpClient http;
    private final String appId;
    private EngineConnection engine;
    private int doc;
    private AppInfo info;
    private final Map<String, Integer> objectHandles = new HashMap<>();
    private final Map<String, Integer> fieldHandles = new HashMap<>();
    private final Map<String, Integer> variableHandles = new HashMap<>();
    private List<FieldInfo> fields;
    private List<String[]> variableDefinitions;
    private SelectionState applied;
    private boolean variablesChanged;
    private volatile String lastChartSource;
    /** Notes for the run's log not taken yet, and every note made (each is told once per session). */
    private final List<String> pendingNotes = new ArrayList<>();
    private final java.util.Set<String> notesMade = new java.util.HashSet<>();

    QlikSession(QlikSettings settings, String appId) {
        this.settings = settings;
        this.http = settings.httpClient();
        this.appId = appId;
        connect();
    }

    private void connect() {
        engine = EngineConnection.open(http, settings.engineUri(appId), settings.authHeaders(http), settings.timeout);
        try {
            ObjectNode params = params();
            params.put("qDocName", appId);
            JsonNode opened = engine.call(-1, "OpenDoc", params);
            doc = handleOf(opened, "App '" + appId + "'");
            JsonNode layout = engine.call(doc, "GetAppLayout", params()).path("qLayout");
            info = new AppInfo(appId, layout.path("qTitle").asString(appId), layout.path("qMeta").path("description").asString(""),
                    instant(layout.path("qLastReloadTime").asString("")));
        } catch (EngineConnection.EngineError e) {
            engine.close();
            if (e.code == 1003 || e.code == 1002 || e.code == 2) {
                throw new ExtensionException("App '" + appId + "' does not exist in Qlik Sense, or this connection's user cannot open it",
                        false, e);
            }
            throw new ExtensionException("Qlik Sense could not open app '" + appId + "': " + e.getMessage(), false, e);
        } catch (RuntimeException e) {
            engine.close();
            throw e instanceof ExtensionException x ? x : new ExtensionException("Qlik Sense could not open app '" + appId + "': "
                    + e.getMessage(), true, e);
        }
        objectHandles.clear();
        fieldHandles.clear();
        variableHandles.clear();
        applied = null;
        variablesChanged = true;
    }

    static Instant instant(String text) {
        try {
            return text == null || text.isEmpty() ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Runs a read; reconnects once when the connection was lost, and turns Engine errors into the SPI's exception. */
    private <T> T read(String what, Supplier<T> read) {
        try {
            try {
                return read.get();
            } catch (EngineConnection.ConnectionLost lost) {
                log.info("Qlik Sense app {}: {}; reconnecting once", appId, lost.getMessage());
                engine.close();
                connect();
                return read.get();
            }
        } catch (EngineConnection.ConnectionLost lost) {
            throw new ExtensionException("The connection to Qlik Sense was lost again while reading " + what + ": " + lost.getMessage(),
                    true, lost);
        } catch (EngineConnection.EngineError e) {
            throw new ExtensionException("Qlik Sense refused to read " + what + " of app '" + name() + "': " + e.getMessage(), false, e);
        }
    }

    private String name() {
        return info == null ? appId : info.name();
    }

    private static ObjectNode params() {
        return EngineConnection.JSON.createObjectNode();
    }

    private static int handleOf(JsonNode result, String what) {
        JsonNode handle = result.path("qReturn").path("qHandle");
        if (!handle.isNumber()) {
            throw new EngineConnection.EngineError(2, what, "not found");
        }
        return handle.asInt();
    }

    // ---- selection state ----

    private void apply(SelectionState state) {
        SelectionState target = state == null ? SelectionState.EMPTY : state;
        if (target.equals(applied)) {
            return;
        }
        applied = null;
        Map<String, FieldInfo> known = new HashMap<>();
        fieldInfos().forEach(f -> known.put(f.name(), f));
        for (String field : target.fields().keySet()) {
            if (!known.containsKey(field)) {
                throw new ExtensionException("Field '" + shorten(field) + "' does not exist in app '" + name() + "'", false);
            }
        }
        ObjectNode clear = params();
        clear.put("qLockedAlso", true);
        engine.call(doc, "ClearAll", clear);
        if (variablesChanged) {
            for (String[] variable : variableDefinitions()) {
                setVariable(variable[0], variable[1]);
            }
            variablesChanged = false;
        }
        if (target.bookmarkId() != null) {
            ObjectNode bookmark = params();
            bookmark.put("qId", target.bookmarkId());
            if (!engine.call(doc, "ApplyBookmark", bookmark).path("qSuccess").asBoolean(false)) {
                throw new ExtensionException("Bookmark '" + shorten(target.bookmarkId()) + "' does not exist in app '" + name() + "'", false);
            }
            variablesChanged = true; // a bookmark may set variables
        }
        for (Map.Entry<String, String> variable : target.variables().entrySet()) {
            if (variableDefinitions().stream().noneMatch(v -> v[0].equals(variable.getKey()))) {
                throw new ExtensionException("Variable '" + shorten(variable.getKey()) + "' does not exist in app '" + name() + "'", false);
            }
            setVariable(variable.getKey(), variable.getValue());
            variablesChanged = true;
        }
        for (Map.Entry<String, List<String>> selection : target.fields().entrySet()) {
            if (selection.getValue().isEmpty()) {
                continue;
            }
            ObjectNode select = params();
            ArrayNode values = select.putArray("qFieldValues");
            String type = known.get(selection.getKey()).type();
            selection.getValue().forEach(v -> {
                ObjectNode value = values.addObject().put("qText", v);
                Double number = selectionNumber(type, v);
                value.put("qIsNumeric", number != null);
                if (number != null) {
                    value.put("qNumber", number);
                }
            });
            select.put("qToggleMode", false);
            select.put("qSoftLock", false);
            if (!engine.call(field(selection.getKey()), "SelectValues", select).path("qReturn").asBoolean(true)) {
                throw new ExtensionException("Qlik Sense refused the selection in field '" + shorten(selection.getKey())
                        + "' (is the field locked?)", false);
            }
        }
        applied = target;
    }

    private static final java.time.LocalDate QLIK_EPOCH = java.time.LocalDate.of(1899, 12, 30);

    /**
     * The number to select a value of a numeric or date field by, so that {@code 2023-12-01} selects that date
     * whatever the field's display format (Qlik matches numeric selections on the dual's number); null for text.
     */
    static Double selectionNumber(String type, String value) {
        if (type.equals("date") && value.matches("\\d{4}-\\d{2}-\\d{2}")) {
            try {
                return (double) java.time.temporal.ChronoUnit.DAYS.between(QLIK_EPOCH, java.time.LocalDate.parse(value));
            } catch (java.time.format.DateTimeParseException e) {
                return null;
            }
        }
        if ((type.equals("integer") || type.equals("number")) && value.matches("-?\\d+(\\.\\d+)?")) {
            return Double.parseDouble(value);
        }
        return null;
    }

    /** The ISO date of a date field's number, so that searching {@code 2023-12-01} finds the value shown as 2023-12. */
    private static String isoDate(String type, Double number) {
        return type.equals("date") && number != null ? QLIK_EPOCH.plusDays(number.longValue()).toString() : "";
    }

    private int field(String name) {
        Integer handle = fieldHandles.get(name);
        if (handle == null) {
            ObjectNode p = params();
            p.put("qFieldName", name);
            handle = handleOf(engine.call(doc, "GetField", p), "Field '" + name + "'");
            fieldHandles.put(name, handle);
        }
        return handle;
    }

    private int variable(String name) {
        Integer handle = variableHandles.get(name);
        if (handle == null) {
            ObjectNode p = params();
            p.put("qName", name);
            JsonNode result = engine.call(doc, "GetVariableByName", p);
            if (!result.path("qReturn").path("qHandle").isNumber()) {
                throw new ExtensionException("Variable '" + shorten(name) + "' does not exist in app '" + name() + "'", false);
            }
            handle = result.path("qReturn").path("qHandle").asInt();
            variableHandles.put(name, handle);
        }
        return handle;
    }

    private void setVariable(String name, String value) {
        ObjectNode p = params();
        p.put("qVal", value);
        engine.call(variable(name), "SetStringValue", p);
    }

    private JsonNode sessionLayout(String type, String defName, ObjectNode def) {
        ObjectNode prop = params();
        prop.putObject("qInfo").put("qType", type);
        prop.set(defName, def);
        ObjectNode create = params();
        create.set("qProp", prop);
        JsonNode created = engine.call(doc, "CreateSessionObject", create);
        int handle = handleOf(created, type);
        String id = created.path("qReturn").path("qGenericId").asString("");
        try {
            return engine.call(handle, "GetLayout", params()).path("qLayout");
        } finally {
            ObjectNode destroy = params();
            destroy.put("qId", id);
            engine.call(doc, "DestroySessionObject", destroy);
        }
    }

    private List<FieldInfo> fieldInfos() {
        if (fields == null) {
            ObjectNode def = params();
            def.put("qShowSystem", false).put("qShowHidden", false).put("qShowSrcTables", true).put("qShowDerivedFields", false);
            List<FieldInfo> list = new ArrayList<>();
            for (JsonNode item : sessionLayout("FieldList", "qFieldListDef", def).path("qFieldList").path("qItems")) {
                List<String> tags = new ArrayList<>();
                item.path("qTags").forEach(t -> tags.add(t.asString()));
                String type = tags.contains("$date") || tags.contains("$timestamp") ? "date" : tags.contains("$integer") ? "integer"
                        : tags.contains("$numeric") ? "number" : "text";
                list.add(new FieldInfo(item.path("qName").asString(), type, item.path("qCardinal").asLong()));
            }
            fields = List.copyOf(list);
        }
        return fields;
    }

    private List<String[]> variableDefinitions() {
        if (variableDefinitions == null) {
            ObjectNode def = params();
            def.put("qType", "variable").put("qShowReserved", false).put("qShowConfig", false);
            List<String[]> list = new ArrayList<>();
            for (JsonNode item : sessionLayout("VariableList", "qVariableListDef", def).path("qVariableList").path("qItems")) {
                list.add(new String[] {item.path("qName").asString(), item.path("qDefinition").asString("")});
            }
            variableDefinitions = List.copyOf(list);
        }
        return variableDefinitions;
    }

    // ---- AppSession ----

    @Override
    public AppInfo app() {
        return info;
    }

    @Override
    public List<FieldInfo> fields() {
        return read("the fields", this::fieldInfos);
    }

    @Override
    public FieldValuePage fieldValues(String field, SelectionState state, ValueQuery query) {
        return read("the values of field " + field, () -> {
            if (fieldInfos().stream().noneMatch(f -> f.name().equals(field))) {
                throw new ExtensionException("Field '" + shorten(String.valueOf(field)) + "' does not exist in app '" + name() + "'", false);
            }
            apply(state);
            ObjectNode def = params();
            ObjectNode qDef = def.putObject("qDef");
            qDef.putArray("qFieldDefs").add(field);
            qDef.putArray("qSortCriterias").addObject().put("qSortByNumeric", 1).put("qSortByAscii", 1);
            def.put("qShowAlternatives", true);
            def.putArray("qInitialDataFetch");
            ObjectNode prop = params();
            prop.putObject("qInfo").put("qType", "ListObject");
            prop.set("qListObjectDef", def);
            ObjectNode create = params();
            create.set("qProp", prop);
            JsonNode created = engine.call(doc, "CreateSessionObject", create);
            int handle = handleOf(created, "ListObject");
            try {
                long size = engine.call(handle, "GetLayout", params()).path("qLayout").path("qListObject").path("qSize").path("qcy").asLong();
                String search = query.search() == null ? "" : query.search().toLowerCase(Locale.ROOT);
                String type = fieldInfos().stream().filter(f -> f.name().equals(field)).findFirst().orElseThrow().type();
                int limit = Math.min(query.limit(), MAX_PAGE);
                List<FieldValue> page = new ArrayList<>();
                long matches = 0;
                for (long top = 0; top < size; top += MAX_CELLS) {
                    ObjectNode p = params();
                    p.put("qPath", "/qListObjectDef");
                    p.putArray("qPages").addObject().put("qTop", top).put("qLeft", 0).put("qWidth", 1)
                            .put("qHeight", (int) Math.min(MAX_CELLS, size - top));
                    for (JsonNode row : engine.call(handle, "GetListObjectData", p).path("qDataPages").path(0).path("qMatrix")) {
                        JsonNode cell = row.path(0);
                        String cellState = cell.path("qState").asString("");
                        if (!(cellState.equals("S") || cellState.equals("O") || cellState.equals("A") || cellState.equals("L"))) {
                            continue;
                        }
                        String text = cell.path("qText").asString("");
                        if (!search.isEmpty() && !text.toLowerCase(Locale.ROOT).contains(search)
                                && !isoDate(type, number(cell.path("qNum"))).contains(search)) {
                            continue;
                        }
                        if (matches >= query.offset() && page.size() < limit) {
                            page.add(new FieldValue(text, number(cell.path("qNum")), cellState.equals("S") || cellState.equals("L")));
                        }
                        matches++;
                    }
                }
                return new FieldValuePage(page, matches);
            } finally {
                ObjectNode destroy = params();
                destroy.put("qId", created.path("qReturn").path("qGenericId").asString(""));
                engine.call(doc, "DestroySessionObject", destroy);
            }
        });
    }

    private static Double number(JsonNode qNum) {
        return qNum.isNumber() ? qNum.asDouble() : null;
    }

    @Override
    public List<VariableInfo> variables(SelectionState state) {
        return read("the variables", () -> {
            apply(state);
            List<VariableInfo> list = new ArrayList<>();
            for (String[] v : variableDefinitions()) {
                JsonNode layout = engine.call(variable(v[0]), "GetLayout", params()).path("qLayout");
                String text = layout.path("qText").asString(null);
                list.add(new VariableInfo(v[0], v[1], text == null || text.startsWith("Error:") ? null : text));
            }
            return list;
        });
    }

    /** Reads the layout of the named variables only (one engine call each), not of every variable. */
    @Override
    public List<VariableInfo> variables(List<String> names, SelectionState state) {
        return read("the variables", () -> {
            apply(state);
            List<VariableInfo> list = new ArrayList<>();
            for (String name : new java.util.LinkedHashSet<>(names)) {
                for (String[] v : variableDefinitions()) {
                    if (v[0].equals(name)) {
                        JsonNode layout = engine.call(variable(v[0]), "GetLayout", params()).path("qLayout");
                        String text = layout.path("qText").asString(null);
                        list.add(new VariableInfo(v[0], v[1], text == null || text.startsWith("Error:") ? null : text));
                        break;
                    }
                }
            }
            return list;
        });
    }

    @Override
    public List<BookmarkInfo> bookmarks() {
        return read("the bookmarks", () -> {
            ObjectNode def = params();
            def.put("qType", "bookmark");
            def.putObject("qData").put("title", "/qMetaDef/title").put("description", "/qMetaDef/description");
            List<BookmarkInfo> list = new ArrayList<>();
            for (JsonNode item : sessionLayout("BookmarkList", "qBookmarkListDef", def).path("qBookmarkList").path("qItems")) {
                JsonNode data = item.path("qData");
                list.add(new BookmarkInfo(item.path("qInfo").path("qId").asString(), data.path("title").asString(
                        item.path("qMeta").path("title").asString("")), data.path("description").asString("")));
            }
            return list;
        });
    }

    @Override
    public SelectionState bookmarkSelections(String bookmarkId) {
        return read("bookmark " + bookmarkId, () -> {
            apply(new SelectionState(Map.of(), Map.of(), bookmarkId));
            ObjectNode def = params();
            JsonNode selections = sessionLayout("CurrentSelections", "qSelectionObjectDef", def).path("qSelectionObject").path("qSelections");
            Map<String, List<String>> fieldsSelected = new LinkedHashMap<>();
            for (JsonNode s : selections) {
                String field = s.path("qField").asString();
                List<String> values = new ArrayList<>();
                for (FieldValue v : fieldValues(field, applied, new ValueQuery(null, 0, MAX_PAGE)).values()) {
                    if (v.selected()) {
                        values.add(v.text());
                    }
                }
                fieldsSelected.put(field, values);
            }
            Map<String, String> variablesSet = new LinkedHashMap<>();
            for (String[] v : variableDefinitions()) {
                String now = engine.call(variable(v[0]), "GetProperties", params()).path("qProp").path("qDefinition").asString("");
                if (!now.equals(v[1])) {
                    variablesSet.put(v[0], now);
                }
            }
            return new SelectionState(fieldsSelected, variablesSet, null);
        });
    }

    @Override
    public List<SheetInfo> sheets() {
        return read("the sheets", () -> {
            apply(SelectionState.EMPTY);
            List<SheetInfo> sheets = new ArrayList<>();
            for (JsonNode infoNode : engine.call(doc, "GetAllInfos", params()).path("qInfos")) {
                if (!infoNode.path("qType").asString("").equals("sheet")) {
                    continue;
                }
                String sheetId = infoNode.path("qId").asString();
                JsonNode layout = engine.call(object(sheetId), "GetLayout", params()).path("qLayout");
                List<ObjectInfo> objects = new ArrayList<>();
                for (JsonNode child : layout.path("qChildList").path("qItems")) {
                    String id = child.path("qInfo").path("qId").asString();
                    JsonNode objectLayout = engine.call(object(id), "GetLayout", params()).path("qLayout");
                    objects.add(new ObjectInfo(id, objectLayout.path("title").asString(id), type(objectLayout), columns(objectLayout)));
                }
                sheets.add(new SheetInfo(sheetId, layout.path("qMeta").path("title").asString(sheetId), objects));
            }
            return sheets;
        });
    }

    private static String type(JsonNode layout) {
        return layout.path("visualization").asString(layout.path("qInfo").path("qType").asString(""));
    }

    private int object(String id) {
        Integer handle = objectHandles.get(id);
        if (handle == null) {
            ObjectNode p = params();
            p.put("qId", id);
            JsonNode result = engine.call(doc, "GetObject", p);
            if (!result.path("qReturn").path("qHandle").isNumber()) {
                throw new ExtensionException("Object '" + shorten(String.valueOf(id)) + "' does not exist in app '" + name() + "'", false);
            }
            handle = result.path("qReturn").path("qHandle").asInt();
            objectHandles.put(id, handle);
        }
        return handle;
    }

    private static List<ColumnInfo> columns(JsonNode layout) {
        List<ColumnInfo> columns = new ArrayList<>();
        JsonNode cube = layout.path("qHyperCube");
        int i = 0;
        for (JsonNode d : cube.path("qDimensionInfo")) {
            i++;
            columns.add(new ColumnInfo(d.path("cId").asString("d" + i), d.path("qFallbackTitle").asString(""), ColumnKind.DIMENSION,
                    format(d.path("qNumFormat"))));
        }
        i = 0;
        for (JsonNode m : cube.path("qMeasureInfo")) {
            i++;
            String id = m.path("cId").asString("");
            columns.add(new ColumnInfo(id.isEmpty() ? "m" + i : id, m.path("qFallbackTitle").asString(""), ColumnKind.MEASURE,
                    format(m.path("qNumFormat"))));
        }
        return columns;
    }

    private static String format(JsonNode numFormat) {
        String fmt = numFormat.path("qFmt").asString("");
        return fmt.isEmpty() || numFormat.path("qType").asString("U").equals("U") ? null : fmt;
    }

    /** An object's layout under the state, failing with a clear message when it has no data. */
    private JsonNode dataLayout(String objectId, SelectionState state) {
        apply(state);
        JsonNode layout = engine.call(object(objectId), "GetLayout", params()).path("qLayout");
        if (!layout.has("qHyperCube")) {
            throw new ExtensionException("Object '" + shorten(objectId) + "' of app '" + name() + "' is a " + type(layout)
                    + " without data", false);
        }
        return layout;
    }

    private List<JsonNode> rows(String objectId, int width, long offset, long count) {
        List<JsonNode> rows = new ArrayList<>();
        int height = Math.max(1, MAX_CELLS / Math.max(1, width));
        for (long top = offset; top < offset + count; top += height) {
            ObjectNode p = params();
            p.put("qPath", "/qHyperCubeDef");
            p.putArray("qPages").addObject().put("qTop", top).put("qLeft", 0).put("qWidth", width)
                    .put("qHeight", (int) Math.min(height, offset + count - top));
            JsonNode matrix = engine.call(object(objectId), "GetHyperCubeData", p).path("qDataPages").path(0).path("qMatrix");
            if (matrix.isEmpty()) {
                break;
            }
            matrix.forEach(rows::add);
        }
        return rows;
    }

    @Override
    public ObjectData objectData(String objectId, SelectionState state, DataPage page) {
        return read("object " + objectId, () -> {
            JsonNode layout = dataLayout(objectId, state);
            JsonNode cube = layout.path("qHyperCube");
            List<ColumnInfo> columns = columns(layout);
            int width = columns.size();
            long size = cube.path("qSize").path("qcy").asLong();
            long count = Math.max(0, Math.min(Math.min(page.limit(), MAX_PAGE), size - page.offset()));
            List<List<Cell>> rows = new ArrayList<>();
            for (JsonNode row : rows(objectId, width, page.offset(), count)) {
                List<Cell> cells = new ArrayList<>();
                for (int c = 0; c < width; c++) {
                    cells.add(cell(row.path(c), columns.get(c), page.format()));
                }
                rows.add(cells);
            }
            List<Cell> totals = List.of();
            if (layout.path("totals").path("show").asBoolean(false)) {
                List<Cell> cells = new ArrayList<>();
                int dimensions = cube.path("qDimensionInfo").size();
                for (int j = 0; j < dimensions; j++) {
                    cells.add(new Cell(j == 0 ? layout.path("totals").path("label").asString("Totals") : "", null));
                }
                int k = 0;
                for (JsonNode total : cube.path("qGrandTotalRow")) {
                    cells.add(cell(total, columns.get(dimensions + k++), page.format()));
                }
                totals = cells;
            }
            return new ObjectData(columns, rows, totals, size);
        });
    }

    /** At most this many rows of a grouped hypercube are read in one pass; larger bursts are read value by value. */
    static final long MAX_GROUPED_ROWS = 500_000;

    /**
     * Every value's data in one pass: the values are selected together on top of {@code state}, and one session
     * hypercube (the object's, with the iteration field added as its first dimension) is read and split by that
     * dimension, with the page applied per value; a second, one-dimension hypercube gives each value's totals when
     * the object shows totals. Grouping by the field while all its values are selected gives each group what selecting
     * that value alone gives, as Qlik's association does (the embedded engine groups the same way). A value that has
     * no rows (absent from the data, or excluded by the other selections) is read alone, so that a KPI still shows what
     * its measures give on no data.
     */
    @Override
    public Map<String, ObjectData> objectDataPerValue(String objectId, SelectionState state, String field, List<String> values,
            DataPage page) {
        SelectionState base = state == null ? SelectionState.EMPTY : state;
        Map<String, ObjectData> result = new LinkedHashMap<>();
        if (values.isEmpty()) {
            return result;
        }
        Map<String, GroupedData> grouped = read("object " + objectId, () -> groupedRead(objectId, base, field, values, page));
        for (String value : values) {
            GroupedData data = grouped == null ? null : grouped.get(value);
            if (data == null) {
                Map<String, List<String>> alone = new LinkedHashMap<>(base.fields());
                alone.put(field, List.of(value));
                result.put(value, objectData(objectId, new SelectionState(alone, base.variables(), base.bookmarkId()), page));
            } else {
                result.put(value, data.data());
            }
        }
        return result;
    }

    private record GroupedData(ObjectData data) {}

    /** The grouped read: value to data for the values that have rows; null when the object is too large for one pass. */
    private Map<String, GroupedData> groupedRead(String objectId, SelectionState state, String field, List<String> values, DataPage page) {
        FieldInfo iteration = fieldInfos().stream().filter(f -> f.name().equals(field)).findFirst()
                .orElseThrow(() -> new ExtensionException("Field '" + shorten(String.valueOf(field)) + "' does not exist in app '"
                        + name() + "'", false));
        Map<String, List<String>> all = new LinkedHashMap<>(state.fields());
        all.put(field, List.copyOf(new java.util.LinkedHashSet<>(values)));
        JsonNode layout = dataLayout(objectId, new SelectionState(all, state.variables(), state.bookmarkId()));
        JsonNode cubeDef = engine.call(object(objectId), "GetProperties", params()).path("qProp").path("qHyperCubeDef");
        List<ColumnInfo> columns = columns(layout);
        boolean totals = layout.path("totals").path("show").asBoolean(false);
        int dimensions = layout.path("qHyperCube").path("qDimensionInfo").size();

        Map<String, String> valueOfKey = new HashMap<>();
        for (String value : values) {
            valueOfKey.put(value, value);
            Double number = selectionNumber(iteration.type(), value);
            if (number != null) {
                valueOfKey.putIfAbsent("#" + number, value);
            }
        }
        long from = page.offset();
        long to = from + Math.min(page.limit(), MAX_PAGE);
        Map<String, List<List<Cell>>> rows = new LinkedHashMap<>();
        Map<String, Long> counts = new HashMap<>();
        Boolean complete = withSessionCube(groupedDef(cubeDef, field, true), (handle, size) -> {
            if (size > MAX_GROUPED_ROWS) {
                return false;
            }
            forEachRow(handle, columns.size() + 1, size, row -> {
                String value = valueOf(row.path(0), valueOfKey);
                if (value == null) {
                    return;
                }
                long index = counts.merge(value, 1L, Long::sum) - 1;
                if (index >= from && index < to) {
                    List<Cell> cells = new ArrayList<>();
                    for (int c = 0; c < columns.size(); c++) {
                        cells.add(cell(row.path(c + 1), columns.get(c), page.format()));
                    }
                    rows.computeIfAbsent(value, v -> new ArrayList<>()).add(cells);
                }
            });
            return true;
        });
        if (!complete) {
            log.info("Object {} of app {} has too many rows to read every value of {} in one pass; reading value by value", objectId,
                    appId, field);
            return null;
        }
        Map<String, List<Cell>> totalRows = new HashMap<>();
        if (totals) {
            withSessionCube(groupedDef(cubeDef, field, false), (handle, size) -> {
                forEachRow(handle, 1 + columns.size() - dimensions, size, row -> {
                    String value = valueOf(row.path(0), valueOfKey);
                    if (value == null) {
                        return;
                    }
                    List<Cell> cells = new ArrayList<>();
                    for (int j = 0; j < dimensions; j++) {
                        cells.add(new Cell(j == 0 ? layout.path("totals").path("label").asString("Totals") : "", null));
                    }
                    for (int k = 0; k < columns.size() - dimensions; k++) {
                        cells.add(cell(row.path(k + 1), columns.get(dimensions + k), page.format()));
                    }
                    totalRows.put(value, cells);
                });
                return true;
            });
        }
        Map<String, GroupedData> result = new HashMap<>();
        counts.forEach((value, count) -> result.put(value, new GroupedData(new ObjectData(columns,
                rows.getOrDefault(value, List.of()), totals ? totalRows.getOrDefault(value, List.of()) : List.of(), count))));
        return result;
    }

    /** The value of {@code values} a cell of the iteration dimension stands for: by text, or by number for duals. */
    private static String valueOf(JsonNode cell, Map<String, String> valueOfKey) {
        String value = valueOfKey.get(cell.path("qText").asString(""));
        Double number = number(cell.path("qNum"));
        if (value == null && number != null) {
            value = valueOfKey.get("#" + number);
        }
        return value;
    }

    /**
     * The object's hypercube definition with the iteration field as first dimension (its sort order shifted behind
     * it); with {@code keepDimensions} false, the iteration field is the only dimension (each value's totals).
     */
    private static ObjectNode groupedDef(JsonNode cubeDef, String field, boolean keepDimensions) {
        ObjectNode def = cubeDef.isObject() ? (ObjectNode) cubeDef.deepCopy() : params();
        ArrayNode dims = def.putArray("qDimensions");
        ObjectNode first = dims.addObject();
        first.putObject("qDef").putArray("qFieldDefs").add(field);
        first.put("qNullSuppression", true);
        int original = cubeDef.path("qDimensions").size();
        if (keepDimensions) {
            cubeDef.path("qDimensions").forEach(d -> dims.add(d.deepCopy()));
        }
        int shift = keepDimensions ? 0 : original;
        ArrayNode order = def.putArray("qInterColumnSortOrder");
        order.add(0);
        int columns = original + cubeDef.path("qMeasures").size();
        List<Integer> sort = new ArrayList<>();
        cubeDef.path("qInterColumnSortOrder").forEach(i -> sort.add(i.asInt()));
        if (sort.isEmpty()) {
            for (int i = 0; i < columns; i++) {
                sort.add(i);
            }
        }
        for (int column : sort) {
            if (column >= original || keepDimensions) {
                order.add(column - shift + 1);
            }
        }
        def.putArray("qInitialDataFetch");
        return def;
    }

    private interface CubeReader<T> {
        T read(int handle, long size);
    }

    /** Creates a session object holding {@code cubeDef}, reads it, and destroys it. */
    private <T> T withSessionCube(ObjectNode cubeDef, CubeReader<T> reader) {
        ObjectNode prop = params();
        prop.putObject("qInfo").put("qType", "qalyptus-grouped-cube");
        prop.set("qHyperCubeDef", cubeDef);
        ObjectNode create = params();
        create.set("qProp", prop);
        JsonNode created = engine.call(doc, "CreateSessionObject", create);
        int handle = handleOf(created, "grouped hypercube");
        try {
            long size = engine.call(handle, "GetLayout", params()).path("qLayout").path("qHyperCube").path("qSize").path("qcy").asLong();
            return reader.read(handle, size);
        } finally {
            ObjectNode destroy = params();
            destroy.put("qId", created.path("qReturn").path("qGenericId").asString(""));
            engine.call(doc, "DestroySessionObject", destroy);
        }
    }

    private void forEachRow(int handle, int width, long size, java.util.function.Consumer<JsonNode> consumer) {
        int height = Math.max(1, MAX_CELLS / Math.max(1, width));
        for (long top = 0; top < size; top += height) {
            ObjectNode p = params();
            p.put("qPath", "/qHyperCubeDef");
            p.putArray("qPages").addObject().put("qTop", top).put("qLeft", 0).put("qWidth", width)
                    .put("qHeight", (int) Math.min(height, size - top));
            JsonNode matrix = engine.call(handle, "GetHyperCubeData", p).path("qDataPages").path(0).path("qMatrix");
            if (matrix.isEmpty()) {
                break;
            }
            matrix.forEach(consumer);
        }
    }

    /**
     * A cell as the Engine formatted it; with other separators than the app's, numbers are formatted again from
     * {@code qNum} with the column's number format.
     */
    private static Cell cell(JsonNode cell, ColumnInfo column, FormatOptions format) {
        Double number = number(cell.path("qNum"));
        String text = cell.path("qText").asString("-");
        if (number != null && !format.equals(FormatOptions.DEFAULT) && column.kind() == ColumnKind.MEASURE) {
            DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(Locale.ROOT);
            symbols.setDecimalSeparator(format.decimalSeparator().charAt(0));
            boolean grouping = !format.groupSeparator().isEmpty();
            if (grouping) {
                symbols.setGroupingSeparator(format.groupSeparator().charAt(0));
            }
            try {
                DecimalFormat decimal = new DecimalFormat(column.format() == null ? "#,##0.##" : column.format(), symbols);
                decimal.setGroupingUsed(grouping && decimal.isGroupingUsed());
                text = decimal.format(number);
            } catch (IllegalArgumentException e) {
                // not a number pattern (a date or duration format): the Engine's text stays
            }
        }
        return new Cell(text, number);
    }

    @Override
    public void chartImage(String objectId, SelectionState state, ImageRequest request, OutputStream out) {
        ChartPainter.validate(request);
        SelectionState target = state == null ? SelectionState.EMPTY : state;
        read("object " + objectId, () -> {
            JsonNode layout = dataLayout(objectId, target);
            String type = type(layout);
            if (!List.of("barchart", "linechart", "piechart", "combochart").contains(type)) {
                throw new ExtensionException("Object " + objectId + " is a " + type + ", not a chart", false);
            }
            if (settings.cloudImages && target.variables().isEmpty() && target.bookmarkId() == null) {
                CloudImageExport.export(settings, http, appId, objectId, target, request, out);
                lastChartSource = SOURCE_CLOUD_EXPORT;
                note("Chart image of object " + objectId + " in app '" + name() + "': exported by Qlik Cloud's reporting service");
                return null;
            }
            List<ColumnInfo> columns = columns(layout);
            int dimensions = layout.path("qHyperCube").path("qDimensionInfo").size();
            long size = layout.path("qHyperCube").path("qSize").path("qcy").asLong();
            List<ChartPainter.Row> rows = new ArrayList<>();
            for (JsonNode row : rows(objectId, columns.size(), 0, Math.min(size, ChartPainter.MAX_POINTS))) {
                List<String> dims = new ArrayList<>();
                for (int j = 0; j < Math.min(2, dimensions); j++) {
                    dims.add(row.path(j).path("qText").asString(""));
                }
                List<Double> measures = new ArrayList<>();
                for (int k = dimensions; k < columns.size(); k++) {
                    measures.add(number(row.path(k).path("qNum")));
                }
                rows.add(new ChartPainter.Row(dims, measures));
            }
            List<String> measureNames = columns.subList(dimensions, columns.size()).stream().map(ColumnInfo::name).toList();
            ChartPainter.paint(type, layout.path("title").asString(""), dimensions == 0 ? "" : columns.get(0).name(),
                    measureNames.isEmpty() ? "" : measureNames.get(0), ChartPainter.series(type, dimensions, measureNames, rows), request, out);
            lastChartSource = SOURCE_DRAWN;
            note("Chart image of object " + objectId + " in app '" + name() + "': drawn from its hypercube data ("
                    + (!settings.cloud ? "client-managed Qlik Sense has no image export"
                            : !settings.cloudImages ? "Qlik Cloud image export is off for this connection"
                                    : "Qlik Cloud's export takes field selections only, and this state sets variables or a bookmark")
                    + ")");
            return null;
        });
    }

    /** Logs a note and keeps it for the run's log (once per session: a burst draws the same chart for every value). */
    private void note(String note) {
        synchronized (pendingNotes) {
            if (notesMade.add(note)) {
                pendingNotes.add(note);
                log.info("{}", note);
            }
        }
    }

    /** Which way chart images were made, since the last call; the host writes them to the execution log. */
    @Override
    public List<String> takeNotes() {
        synchronized (pendingNotes) {
            List<String> notes = List.copyOf(pendingNotes);
            pendingNotes.clear();
            return notes;
        }
    }

    /** Which way the last chart image was made: {@value #SOURCE_CLOUD_EXPORT} or {@value #SOURCE_DRAWN}. */
    String lastChartSource() {
        return lastChartSource;
    }

    @Override
    public EvaluatedValue evaluate(String expression, SelectionState state) {
        Objects.requireNonNull(expression, "expression");
        return read("an expression", () -> {
            apply(state);
            String text = expression.stripLeading().startsWith("=") ? expression.stripLeading().substring(1) : expression;
            ObjectNode check = params();
            check.put("qExpr", text);
            JsonNode checked = engine.call(doc, "CheckExpression", check);
            String error = checked.path("qErrorMsg").asString("");
            if (!error.isEmpty()) {
                throw new ExtensionException("Expression error: " + error, false);
            }
            JsonNode bad = checked.path("qBadFieldNames").path(0);
            if (!bad.isMissingNode()) {
                int from = bad.path("qFrom").asInt();
                String name = text.substring(Math.min(from, text.length()), Math.min(from + bad.path("qCount").asInt(), text.length()));
                throw new ExtensionException("Expression error at position " + (from + 1) + ": unknown field '" + name + "'", false);
            }
            ObjectNode p = params();
            p.put("qExpression", text);
            JsonNode value = engine.call(doc, "EvaluateEx", p).path("qValue");
            if (value.path("qIsNumeric").asBoolean(false) && value.path("qNumber").isNumber()) {
                double d = value.path("qNumber").asDouble();
                return new EvaluatedValue(plain(d), d);
            }
            return new EvaluatedValue(value.path("qText").asString("-"), null);
        });
    }

    static String plain(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.valueOf((long) value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }

    @Override
    public void close() {
        try {
            engine.close();
        } catch (RuntimeException e) {
            log.debug("Closing the Qlik Sense session of app {} failed", appId, e);
        }
    }
}
