package org.qalyptus.qlik.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One simulated Qlik Sense app: its definition (a fixture written the way the Engine API describes an app:
 * variables, bookmarks, object properties with {@code qHyperCubeDef}), its recorded exchanges, and its data,
 * read from CSV files and associated through their common field names as Qlik's data model does. Computes what
 * the recorded exchanges cannot hold: anything that depends on the selections.
 */
public final class SimulatedApp {

    static final ObjectMapper JSON = JsonMapper.builder().build();
    /** How the simulated engine renders numbers whose format is automatic ({@code qType U}). */
    static final String AUTO_FORMAT = "#,##0.##";
    private static final LocalDate QLIK_EPOCH = LocalDate.of(1899, 12, 30);

    /** A field value: Qlik's dual of a text and a number (NaN for text values). */
    record Dual(String text, double num) {
        boolean numeric() {
            return !Double.isNaN(num);
        }

        Object value() {
            return numeric() ? (Object) num : text;
        }
    }

    record FieldDef(String name, String type, String format) {}

    private final JsonNode definition;
    private final JsonNode exchanges;
    private final Map<String, FieldDef> fields = new LinkedHashMap<>();
    private final List<Map<String, Dual>> rows = new ArrayList<>();

    private SimulatedApp(JsonNode definition, JsonNode exchanges, Path dataFolder) {
        this.definition = definition;
        this.exchanges = exchanges;
        load(dataFolder);
    }

    private SimulatedApp(JsonNode definition, JsonNode exchanges, SimulatedApp sameData) {
        this.definition = definition;
        this.exchanges = exchanges;
        this.fields.putAll(sameData.fields);
        this.rows.addAll(sameData.rows);
    }

    /**
     * A copy of this app under another id and title, as Qlik's "duplicate app" makes one: the same objects,
     * variables and bookmarks with the same ids, over the same data (shared, not loaded again); the recorded
     * exchanges name the copy.
     */
    public SimulatedApp copy(String id, String title) {
        ObjectNode def = (ObjectNode) definition.deepCopy();
        def.put("qDocId", id);
        def.put("qTitle", title);
        String recorded = exchanges.toString().replace(id(), id)
                .replace("\"qTitle\":" + JSON.writeValueAsString(title()), "\"qTitle\":" + JSON.writeValueAsString(title));
        return new SimulatedApp(def, JSON.readTree(recorded), this);
    }

    /** The bundled "Sales demo" fixture (same ids and model as the embedded demo app), over the CSV files in {@code dataFolder}. */
    public static SimulatedApp salesDemo(Path dataFolder) {
        return fromResources("qlik-simulator/sales-demo/", dataFolder);
    }

    /** An app from a fixture folder on the class path ({@code app.json}, {@code exchanges.json}). */
    public static SimulatedApp fromResources(String prefix, Path dataFolder) {
        return new SimulatedApp(resource(prefix + "app.json"), resource(prefix + "exchanges.json"), dataFolder);
    }

    private static JsonNode resource(String name) {
        try (InputStream in = SimulatedApp.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String id() {
        return definition.get("qDocId").asString();
    }

    private volatile String lastReloadTime;

    /** When the app's data was last reloaded (ISO instant), as the items API, QRS and {@code GetAppLayout} give it. */
    public String lastReloadTime() {
        String time = lastReloadTime;
        return time != null ? time : definition.path("qLastReloadTime").asString("");
    }

    /** Simulates a finished reload: the app's reload time moves to {@code at}. */
    public void reloaded(java.time.Instant at) {
        lastReloadTime = at.toString();
    }

    public String title() {
        return definition.get("qTitle").asString();
    }

    JsonNode definition() {
        return definition;
    }

    JsonNode exchanges() {
        return exchanges;
    }

    Map<String, FieldDef> fields() {
        return fields;
    }

    // ---- data ----

    private void load(Path folder) {
        List<List<Map<String, Dual>>> tables = new ArrayList<>();
        List<Set<String>> tableFields = new ArrayList<>();
        for (JsonNode table : definition.get("data").get("tables")) {
            JsonNode defs = table.get("fields");
            for (String name : defs.propertyNames()) {
                JsonNode f = defs.get(name);
                fields.putIfAbsent(name, new FieldDef(name, f.get("type").asString(), f.path("format").asString(null)));
            }
            List<String> lines;
            try {
                lines = Files.readAllLines(folder.resolve(table.get("file").asString()), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String[] header = lines.get(0).split(",", -1);
            List<Map<String, Dual>> data = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                if (line.isEmpty()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                Map<String, Dual> row = new HashMap<>();
                for (int i = 0; i < header.length; i++) {
                    row.put(header[i], dual(fields.get(header[i]), cells[i]));
                }
                data.add(row);
            }
            tables.add(data);
            tableFields.add(new LinkedHashSet<>(List.of(header)));
        }
        // Qlik associates tables through their common fields; the first table drives, as every sale has a customer.
        List<Map<String, Dual>> joined = tables.get(0);
        Set<String> joinedFields = new HashSet<>(tableFields.get(0));
        for (int t = 1; t < tables.size(); t++) {
            Set<String> keys = new HashSet<>(tableFields.get(t));
            keys.retainAll(joinedFields);
            Map<List<Dual>, Map<String, Dual>> index = new HashMap<>();
            for (Map<String, Dual> row : tables.get(t)) {
                index.put(keys.stream().sorted().map(row::get).toList(), row);
            }
            List<Map<String, Dual>> next = new ArrayList<>();
            for (Map<String, Dual> row : joined) {
                Map<String, Dual> merged = new HashMap<>(row);
                Map<String, Dual> match = index.get(keys.stream().sorted().map(row::get).toList());
                if (match != null) {
                    merged.putAll(match);
                }
                next.add(merged);
            }
            joined = next;
            joinedFields.addAll(tableFields.get(t));
        }
        rows.addAll(joined);
    }

    private static Dual dual(FieldDef field, String raw) {
        if (raw.isEmpty()) {
            return null;
        }
        return switch (field.type()) {
            case "integer", "number" -> {
                double d = Double.parseDouble(raw);
                yield new Dual(plain(d), d);
            }
            case "date" -> {
                LocalDate date = LocalDate.parse(raw.length() > 10 ? raw.substring(0, 10) : raw);
                String pattern = field.format() == null ? "YYYY-MM-DD" : field.format();
                yield new Dual(DateTimeFormatter.ofPattern(pattern.replace("YYYY", "yyyy").replace("DD", "dd"), Locale.ENGLISH)
                        .format(date), ChronoUnit.DAYS.between(QLIK_EPOCH, date));
            }
            default -> new Dual(raw, Double.NaN);
        };
    }

    /** A number as Qlik shows it without a format: no trailing zeros. */
    static String plain(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.valueOf((long) value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    // ---- selections ----

    /** The rows that pass every field selection but the one on {@code except} (null for all). */
    List<Expression.Row> rows(Map<String, Set<String>> selections, String except) {
        List<Expression.Row> result = new ArrayList<>();
        outer:
        for (Map<String, Dual> row : rows) {
            for (Map.Entry<String, Set<String>> s : selections.entrySet()) {
                if (s.getKey().equals(except) || s.getValue().isEmpty()) {
                    continue;
                }
                Dual v = row.get(s.getKey());
                if (v == null || !s.getValue().contains(v.text())) {
                    continue outer;
                }
            }
            result.add(field -> {
                Dual d = row.get(field);
                return d == null ? null : d.value();
            });
        }
        return result;
    }

    Dual dualOf(Expression.Row row, String field) {
        Object value = row.get(field);
        if (value == null) {
            return null;
        }
        FieldDef def = fields.get(field);
        if (value instanceof Double d) {
            if (def.type().equals("date")) {
                LocalDate date = QLIK_EPOCH.plusDays(d.longValue());
                String pattern = def.format() == null ? "YYYY-MM-DD" : def.format();
                return new Dual(DateTimeFormatter.ofPattern(pattern.replace("YYYY", "yyyy").replace("DD", "dd"), Locale.ENGLISH)
                        .format(date), d);
            }
            return new Dual(plain(d), d);
        }
        return new Dual((String) value, Double.NaN);
    }

    private final Map<String, Integer> cardinalities = new java.util.concurrent.ConcurrentHashMap<>();

    /** How many distinct values a field has in the data model. */
    int cardinality(String field) {
        return cardinalities.computeIfAbsent(field, f -> {
            Set<String> values = new HashSet<>();
            for (Map<String, Dual> row : rows) {
                Dual d = row.get(f);
                if (d != null) {
                    values.add(d.text());
                }
            }
            return values.size();
        });
    }

    /** The text of the field value whose number is {@code number}, or that number as text when none has it. */
    String textOfNumber(String field, double number) {
        for (Map<String, Dual> row : rows) {
            Dual d = row.get(field);
            if (d != null && d.num() == number) {
                return d.text();
            }
        }
        return plain(number);
    }

    /** Every distinct value of a field with its state: S selected, O optional, A alternative, X excluded. */
    List<String[]> fieldStates(String field, Map<String, Set<String>> selections) {
        Map<String, Dual> all = new LinkedHashMap<>();
        for (Map<String, Dual> row : rows) {
            Dual d = row.get(field);
            if (d != null) {
                all.putIfAbsent(d.text(), d);
            }
        }
        Set<String> possibleByOthers = new HashSet<>();
        for (Expression.Row row : rows(selections, field)) {
            Dual d = dualOf(row, field);
            if (d != null) {
                possibleByOthers.add(d.text());
            }
        }
        Set<String> selected = selections.getOrDefault(field, Set.of());
        List<Dual> sorted = new ArrayList<>(all.values());
        sorted.sort(DUAL_ORDER);
        List<String[]> result = new ArrayList<>();
        for (Dual d : sorted) {
            String state = !possibleByOthers.contains(d.text()) ? (selected.contains(d.text()) ? "XS" : "X")
                    : selected.contains(d.text()) ? "S" : selected.isEmpty() ? "O" : "A";
            result.add(new String[] {d.text(), d.numeric() ? String.valueOf(d.num()) : "NaN", state});
        }
        return result;
    }

    static final Comparator<Dual> DUAL_ORDER = (a, b) -> a.numeric() && b.numeric() ? Double.compare(a.num(), b.num())
            : a.numeric() != b.numeric() ? (a.numeric() ? -1 : 1) : a.text().compareTo(b.text());

    // ---- expressions ----

    /** Dollar expansion: {@code $(vName)} and {@code $(=expression)}. */
    String expand(String text, Map<String, String> variables, Map<String, Set<String>> selections, int depth) {
        if (text == null || !text.contains("$(")) {
            return text;
        }
        if (depth > 10) {
            throw new Expression.ExpressionError(1, "Dollar expansion nested too deep", null);
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (true) {
            int start = text.indexOf("$(", i);
            if (start < 0) {
                out.append(text.substring(i));
                return out.toString();
            }
            out.append(text, i, start);
            int level = 0;
            int end = -1;
            for (int j = start + 1; j < text.length(); j++) {
                if (text.charAt(j) == '(') {
                    level++;
                } else if (text.charAt(j) == ')' && --level == 0) {
                    end = j;
                    break;
                }
            }
            if (end < 0) {
                throw new Expression.ExpressionError(start + 1, "Unterminated dollar expansion", null);
            }
            String inner = text.substring(start + 2, end).trim();
            Object value = inner.startsWith("=") ? evaluate(inner.substring(1), variables, selections, depth + 1)
                    : variableValue(inner, variables, selections, depth + 1);
            out.append(Expression.text(value));
            i = end + 1;
        }
    }

    String definitionOf(String variable, Map<String, String> variables) {
        if (variables.containsKey(variable)) {
            return variables.get(variable);
        }
        for (JsonNode v : definition.get("variables")) {
            if (v.get("qName").asString().equals(variable)) {
                return v.get("qDefinition").asString();
            }
        }
        return null;
    }

    Object variableValue(String name, Map<String, String> variables, Map<String, Set<String>> selections, int depth) {
        String def = definitionOf(name, variables);
        if (def == null) {
            return null;
        }
        if (def.stripLeading().startsWith("=")) {
            return evaluate(def.stripLeading().substring(1), variables, selections, depth + 1);
        }
        return expand(def, variables, selections, depth + 1);
    }

    Object evaluate(String expression, Map<String, String> variables, Map<String, Set<String>> selections, int depth) {
        String expanded = expand(expression, variables, selections, depth);
        return Expression.parse(expanded, fields.keySet()).eval(rows(selections, null));
    }

    Expression.Node compile(String expression, Map<String, String> variables, Map<String, Set<String>> selections) {
        return Expression.parse(expand(expression, variables, selections, 0), fields.keySet());
    }

    /** Formats a measure value with its {@code qNumFormat}, as the engine does for qText. */
    static String format(Object value, JsonNode numFormat) {
        if (value == null) {
            return "-";
        }
        if (value instanceof String s) {
            return s;
        }
        double d = (Double) value;
        String pattern = numFormat == null ? "" : numFormat.path("qFmt").asString("");
        if (pattern.isEmpty() || numFormat.path("qType").asString("U").equals("U")) {
            pattern = AUTO_FORMAT; // the engine's automatic number format
        }
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(Locale.ROOT);
        symbols.setDecimalSeparator(numFormat.path("qDec").asString(".").charAt(0));
        String thousands = numFormat.path("qThou").asString(",");
        if (!thousands.isEmpty()) {
            symbols.setGroupingSeparator(thousands.charAt(0));
        }
        return new DecimalFormat(pattern, symbols).format(d);
    }

    // ---- hypercubes ----

    /** A computed hypercube: the matrix (rows of cells), the grand total of each measure, and the column infos. */
    record Cube(ArrayNode dimensionInfo, ArrayNode measureInfo, List<List<ObjectNode>> matrix, ArrayNode grandTotal) {}

    Cube hypercube(JsonNode def, Map<String, String> variables, Map<String, Set<String>> selections) {
        List<Expression.Row> passing = rows(selections, null);
        List<String> dims = new ArrayList<>();
        ArrayNode dimensionInfo = JSON.createArrayNode();
        for (JsonNode d : def.path("qDimensions")) {
            String field = d.get("qDef").get("qFieldDefs").get(0).asString();
            if (!fields.containsKey(field)) {
                throw new Expression.ExpressionError(1, "Bad field name: " + field, field);
            }
            dims.add(field);
            ObjectNode info = dimensionInfo.addObject();
            JsonNode labels = d.get("qDef").path("qFieldLabels");
            info.put("qFallbackTitle", labels.isArray() && !labels.isEmpty() ? expand(labels.get(0).asString(), variables, selections, 0)
                    : field);
            info.put("cId", d.get("qDef").path("cId").asString(field));
            info.put("qGroupFieldDefs", field);
            info.set("qNumFormat", d.get("qDef").path("qNumFormat").isMissingNode() ? JSON.createObjectNode() : d.get("qDef").get("qNumFormat"));
            String tags = fields.get(field).type();
            info.putArray("qTags").add(tags.equals("text") ? "$text" : tags.equals("date") ? "$date" : "$numeric");
        }
        List<Expression.Node> measures = new ArrayList<>();
        List<JsonNode> formats = new ArrayList<>();
        ArrayNode measureInfo = JSON.createArrayNode();
        for (JsonNode m : def.path("qMeasures")) {
            measures.add(compile(m.get("qDef").get("qDef").asString(), variables, selections));
            JsonNode fmt = m.get("qDef").path("qNumFormat");
            formats.add(fmt.isMissingNode() ? null : fmt);
            ObjectNode info = measureInfo.addObject();
            info.put("qFallbackTitle", expand(m.get("qDef").path("qLabel").asString(m.get("qDef").get("qDef").asString()), variables,
                    selections, 0));
            info.put("cId", m.get("qDef").path("cId").asString(""));
            info.set("qNumFormat", fmt.isMissingNode() ? JSON.createObjectNode() : fmt);
        }
        Map<List<String>, List<Expression.Row>> groups = new LinkedHashMap<>();
        Map<List<String>, List<Dual>> keys = new HashMap<>();
        if (dims.isEmpty()) {
            groups.put(List.of(), passing);
        } else {
            for (Expression.Row row : passing) {
                List<Dual> key = new ArrayList<>();
                boolean missing = false;
                for (String field : dims) {
                    Dual d = dualOf(row, field);
                    missing |= d == null;
                    key.add(d);
                }
                if (missing) {
                    continue; // Qlik leaves rows with a null dimension out
                }
                List<String> texts = key.stream().map(Dual::text).toList();
                groups.computeIfAbsent(texts, k -> new ArrayList<>()).add(row);
                keys.putIfAbsent(texts, key);
            }
        }
        record Line(List<Dual> dims, List<Object> values) {}
        List<Line> lines = new ArrayList<>();
        groups.forEach((k, groupRows) -> {
            List<Object> values = new ArrayList<>();
            for (Expression.Node m : measures) {
                values.add(m.eval(groupRows));
            }
            lines.add(new Line(dims.isEmpty() ? List.of() : keys.get(k), values));
        });
        List<Integer> order = new ArrayList<>();
        for (JsonNode i : def.path("qInterColumnSortOrder")) {
            order.add(i.asInt());
        }
        if (order.isEmpty()) {
            for (int i = 0; i < dims.size() + measures.size(); i++) {
                order.add(i);
            }
        }
        Comparator<Line> comparator = (a, b) -> 0;
        for (int column : order) {
            if (column < dims.size()) {
                JsonNode sort = def.get("qDimensions").get(column).path("qDef").path("qSortCriterias").path(0);
                boolean descending = sort.path("qSortByNumeric").asInt(1) < 0 || sort.path("qSortByAscii").asInt(1) < 0;
                Comparator<Line> c = (a, b) -> DUAL_ORDER.compare(a.dims().get(column), b.dims().get(column));
                comparator = comparator.thenComparing(descending ? c.reversed() : c);
            } else if (column - dims.size() < measures.size()) {
                int k = column - dims.size();
                int direction = def.get("qMeasures").get(k).path("qSortBy").path("qSortByNumeric").asInt(0);
                if (direction != 0) {
                    Comparator<Line> c = Comparator.comparing(l -> Expression.number(l.values().get(k)),
                            Comparator.nullsFirst(Comparator.naturalOrder()));
                    comparator = comparator.thenComparing(direction < 0 ? c.reversed() : c);
                }
            }
        }
        lines.sort(comparator);
        List<List<ObjectNode>> matrix = new ArrayList<>();
        for (Line line : lines) {
            List<ObjectNode> cells = new ArrayList<>();
            for (Dual d : line.dims()) {
                cells.add(cell(d.text(), d.num(), "O"));
            }
            for (int k = 0; k < line.values().size(); k++) {
                cells.add(measureCell(line.values().get(k), formats.get(k)));
            }
            matrix.add(cells);
        }
        ArrayNode total = JSON.createArrayNode();
        for (int k = 0; k < measures.size(); k++) {
            total.add(measureCell(measures.get(k).eval(passing), formats.get(k)));
        }
        return new Cube(dimensionInfo, measureInfo, matrix, total);
    }

    static ObjectNode cell(String text, double num, String state) {
        ObjectNode cell = JSON.createObjectNode();
        cell.put("qText", text);
        if (Double.isNaN(num)) {
            cell.put("qNum", "NaN");
        } else {
            cell.put("qNum", num);
        }
        cell.put("qElemNumber", 0);
        cell.put("qState", state);
        return cell;
    }

    private static ObjectNode measureCell(Object value, JsonNode format) {
        ObjectNode cell = cell(format(value, format), value instanceof Double d ? d : Double.NaN, "L");
        if (value == null) {
            cell.put("qIsNull", true);
        }
        return cell;
    }
}
