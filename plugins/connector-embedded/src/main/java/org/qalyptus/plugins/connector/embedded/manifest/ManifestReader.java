package org.qalyptus.plugins.connector.embedded.manifest;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.qalyptus.plugins.connector.embedded.manifest.AppManifest.BookmarkDef;
import org.qalyptus.plugins.connector.embedded.manifest.AppManifest.DimensionDef;
import org.qalyptus.plugins.connector.embedded.manifest.AppManifest.FieldDef;
import org.qalyptus.plugins.connector.embedded.manifest.AppManifest.FieldType;
import org.qalyptus.plugins.connector.embedded.manifest.AppManifest.JdbcDef;
import org.qalyptus.plugins.connector.embedded.manifest.AppManifest.MeasureDef;
import org.qalyptus.plugins.connector.embedded.manifest.AppManifest.ObjectDef;
import org.qalyptus.plugins.connector.embedded.manifest.AppManifest.SheetDef;
import org.qalyptus.plugins.connector.embedded.manifest.AppManifest.SortDef;
import org.qalyptus.plugins.connector.embedded.manifest.AppManifest.SourceDef;
import org.qalyptus.plugins.connector.embedded.manifest.AppManifest.TableDef;
import org.qalyptus.plugins.connector.embedded.manifest.AppManifest.VariableDef;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads and validates an app manifest. YAML and JSON are read by the same safe YAML loader (JSON is
 * YAML), which builds only maps, lists and scalars. Names that end up as SQL identifiers are restricted
 * to letters, digits, underscores and spaces, so no manifest can smuggle a quote into a query.
 */
public final class ManifestReader {

    /** The manifest file names looked for in an app folder, in this order. */
    public static final List<String> FILE_NAMES = List.of("app.yaml", "app.yml", "app.json");

    private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_ ]{0,62}[A-Za-z0-9_]|[A-Za-z_]");
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]{0,62}");
    private static final Pattern OBJECT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Set<String> OBJECT_TYPES = Set.of("table", "barchart", "linechart", "piechart", "combochart", "kpi");
    private static final long MAX_MANIFEST_BYTES = 2L * 1024 * 1024;

    private ManifestReader() {}

    /** The manifest file of an app folder, if it has one. */
    public static Optional<Path> manifestFile(Path folder) {
        return FILE_NAMES.stream().map(folder::resolve).filter(Files::isRegularFile).findFirst();
    }

    /** @throws ManifestException naming the file and the first problem found */
    public static AppManifest read(Path file) {
        Object root;
        try {
            if (Files.size(file) > MAX_MANIFEST_BYTES) {
                throw new ManifestException(file, "is larger than 2 MB");
            }
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(20);
            options.setAllowDuplicateKeys(false);
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                root = new Yaml(new SafeConstructor(options)).load(reader);
            }
        } catch (IOException e) {
            throw new ManifestException(file, "cannot be read: " + e.getMessage());
        } catch (YAMLException e) {
            throw new ManifestException(file, "is not valid YAML or JSON: " + firstLine(e.getMessage()));
        }
        try {
            return new Parser(file).manifest(map(root, "the manifest"));
        } catch (IllegalArgumentException e) {
            throw new ManifestException(file, e.getMessage());
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    private static Map<String, Object> map(Object value, String what) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> raw)) {
            throw new IllegalArgumentException(what + " must be a mapping");
        }
        Map<String, Object> result = new LinkedHashMap<>();
        raw.forEach((k, v) -> result.put(String.valueOf(k), v));
        return result;
    }

    private static List<Object> list(Object value, String what) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> raw)) {
            throw new IllegalArgumentException(what + " must be a list");
        }
        return new ArrayList<>(raw);
    }

    private static String text(Map<String, Object> map, String key, String what, boolean required) {
        Object value = map.get(key);
        if (value == null || String.valueOf(value).isBlank()) {
            if (required) {
                throw new IllegalArgumentException(what + " needs '" + key + "'");
            }
            return null;
        }
        if (value instanceof Map || value instanceof List) {
            throw new IllegalArgumentException(what + ": '" + key + "' must be a single value");
        }
        return String.valueOf(value);
    }

    private static boolean flag(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return Boolean.TRUE.equals(value) || "true".equals(value);
    }

    private static final class Parser {
        private final Path file;
        private final Map<String, FieldDef> fields = new LinkedHashMap<>();

        Parser(Path file) {
            this.file = file;
        }

        AppManifest manifest(Map<String, Object> root) {
            String id = text(root, "id", "The manifest", true);
            try {
                UUID.fromString(id);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'id' must be a UUID (it is the app's stable id)");
            }
            String name = text(root, "name", "The manifest", true);
            String description = Optional.ofNullable(text(root, "description", "The manifest", false)).orElse("");
            List<TableDef> tables = new ArrayList<>();
            Set<String> tableNames = new HashSet<>();
            for (Object t : list(root.get("tables"), "'tables'")) {
                TableDef table = table(map(t, "a table"));
                if (!tableNames.add(table.name().toLowerCase(Locale.ROOT))) {
                    throw new IllegalArgumentException("table '" + table.name() + "' is declared twice");
                }
                tables.add(table);
            }
            if (tables.isEmpty()) {
                throw new IllegalArgumentException("'tables' must declare at least one table");
            }
            List<VariableDef> variables = new ArrayList<>();
            Set<String> variableNames = new HashSet<>();
            for (Object v : list(root.get("variables"), "'variables'")) {
                Map<String, Object> m = map(v, "a variable");
                String vName = text(m, "name", "A variable", true);
                if (!VARIABLE_NAME.matcher(vName).matches()) {
                    throw new IllegalArgumentException("variable name '" + vName + "' must be letters, digits, '_' or '.'");
                }
                if (!variableNames.add(vName.toLowerCase(Locale.ROOT))) {
                    throw new IllegalArgumentException("variable '" + vName + "' is declared twice");
                }
                Object definition = m.get("definition");
                variables.add(new VariableDef(vName, definition == null ? "" : String.valueOf(definition),
                        Optional.ofNullable(text(m, "comment", "variable " + vName, false)).orElse("")));
            }
            Set<String> ids = new HashSet<>();
            List<SheetDef> sheets = new ArrayList<>();
            for (Object s : list(root.get("sheets"), "'sheets'")) {
                Map<String, Object> m = map(s, "a sheet");
                String sheetId = id(m, "A sheet", ids);
                List<ObjectDef> objects = new ArrayList<>();
                for (Object o : list(m.get("objects"), "the objects of sheet " + sheetId)) {
                    objects.add(object(map(o, "an object"), ids));
                }
                sheets.add(new SheetDef(sheetId, Optional.ofNullable(text(m, "title", "sheet " + sheetId, false)).orElse(sheetId),
                        objects));
            }
            List<BookmarkDef> bookmarks = new ArrayList<>();
            for (Object b : list(root.get("bookmarks"), "'bookmarks'")) {
                Map<String, Object> m = map(b, "a bookmark");
                String bookmarkId = id(m, "A bookmark", ids);
                Map<String, List<String>> selections = new LinkedHashMap<>();
                map(m.get("selections"), "the selections of bookmark " + bookmarkId).forEach((field, values) -> {
                    requireField(field, "bookmark " + bookmarkId);
                    selections.put(field, list(values, "the values of " + field).stream().map(String::valueOf).toList());
                });
                Map<String, String> variableValues = new LinkedHashMap<>();
                map(m.get("variables"), "the variables of bookmark " + bookmarkId).forEach((variable, value) -> {
                    if (!variableNames.contains(variable.toLowerCase(Locale.ROOT))) {
                        throw new IllegalArgumentException("bookmark " + bookmarkId + " sets unknown variable '" + variable + "'");
                    }
                    variableValues.put(variable, String.valueOf(value));
                });
                bookmarks.add(new BookmarkDef(bookmarkId, text(m, "name", "bookmark " + bookmarkId, true),
                        Optional.ofNullable(text(m, "description", "bookmark " + bookmarkId, false)).orElse(""),
                        selections, variableValues));
            }
            return new AppManifest(id, name, description, tables, variables, bookmarks, sheets);
        }

        private String id(Map<String, Object> m, String what, Set<String> ids) {
            String id = text(m, "id", what, true);
            if (!OBJECT_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("id '" + id + "' must be 1 to 64 letters, digits, '-' or '_'");
            }
            if (!ids.add(id)) {
                throw new IllegalArgumentException("id '" + id + "' is used twice");
            }
            return id;
        }

        private TableDef table(Map<String, Object> m) {
            String name = text(m, "name", "A table", true);
            if (!TABLE_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("table name '" + name + "' must be letters, digits or '_'");
            }
            Map<String, Object> source = map(m.get("source"), "the source of table " + name);
            String csv = text(source, "csv", "table " + name, false);
            String parquet = text(source, "parquet", "table " + name, false);
            JdbcDef jdbc = null;
            if (source.get("jdbc") != null) {
                Map<String, Object> j = map(source.get("jdbc"), "the jdbc source of table " + name);
                jdbc = new JdbcDef(text(j, "url", "the jdbc source of table " + name, true),
                        text(j, "user", "the jdbc source", false), text(j, "passwordEnv", "the jdbc source", false),
                        text(j, "query", "the jdbc source of table " + name, true));
                String query = jdbc.query().stripLeading().toLowerCase(Locale.ROOT);
                if (!query.startsWith("select") && !query.startsWith("with")) {
                    throw new IllegalArgumentException("the jdbc query of table " + name + " must be a SELECT");
                }
            }
            int sources = (csv == null ? 0 : 1) + (parquet == null ? 0 : 1) + (jdbc == null ? 0 : 1);
            if (sources != 1) {
                throw new IllegalArgumentException("table " + name + " needs exactly one source: csv, parquet or jdbc");
            }
            for (String path : new String[] {csv, parquet}) {
                if (path != null) {
                    checkRelativePath(path, name);
                }
            }
            List<FieldDef> tableFields = new ArrayList<>();
            for (Object f : list(m.get("fields"), "the fields of table " + name)) {
                Map<String, Object> fm = map(f, "a field");
                String fieldName = text(fm, "name", "A field of table " + name, true);
                if (!FIELD_NAME.matcher(fieldName).matches()) {
                    throw new IllegalArgumentException("field name '" + fieldName
                            + "' must be up to 64 letters, digits, '_' or inner spaces, starting with a letter or '_'");
                }
                String typeName = Optional.ofNullable(text(fm, "type", "field " + fieldName, false)).orElse("text");
                FieldType type;
                try {
                    type = FieldType.valueOf(typeName.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("field " + fieldName + " has unknown type '" + typeName
                            + "' (text, integer, number or date)");
                }
                FieldDef field = new FieldDef(fieldName, type, text(fm, "format", "field " + fieldName, false));
                FieldDef earlier = fields.get(fieldName.toLowerCase(Locale.ROOT));
                if (earlier != null && earlier.type() != type) {
                    throw new IllegalArgumentException("field " + fieldName
                            + " links two tables but has different types in them");
                }
                if (tableFields.stream().anyMatch(x -> x.name().equalsIgnoreCase(fieldName))) {
                    throw new IllegalArgumentException("field " + fieldName + " is declared twice in table " + name);
                }
                fields.putIfAbsent(fieldName.toLowerCase(Locale.ROOT), field);
                tableFields.add(earlier != null ? earlier : field);
            }
            if (tableFields.isEmpty()) {
                throw new IllegalArgumentException("table " + name + " needs at least one field");
            }
            return new TableDef(name, new SourceDef(csv, parquet, jdbc), tableFields);
        }

        private void checkRelativePath(String path, String table) {
            Path p;
            try {
                p = Path.of(path);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("the file of table " + table + " is not a valid path");
            }
            if (p.isAbsolute() || path.contains("\\") || path.contains(":")
                    || p.normalize().startsWith("..") || path.chars().anyMatch(c -> c < 32)) {
                throw new IllegalArgumentException("the file of table " + table
                        + " must be a relative path inside the app folder");
            }
            for (Path part : p) {
                if (part.toString().equals("..")) {
                    throw new IllegalArgumentException("the file of table " + table + " must not contain '..'");
                }
            }
        }

        private FieldDef requireField(String name, String where) {
            FieldDef field = fields.get(name.toLowerCase(Locale.ROOT));
            if (field == null || !field.name().equals(name)) {
                throw new IllegalArgumentException(where + " refers to unknown field '" + name + "'");
            }
            return field;
        }

        private ObjectDef object(Map<String, Object> m, Set<String> ids) {
            String id = id(m, "An object", ids);
            String type = Optional.ofNullable(text(m, "type", "object " + id, true)).map(t -> t.toLowerCase(Locale.ROOT)).get();
            if (!OBJECT_TYPES.contains(type)) {
                throw new IllegalArgumentException("object " + id + " has unknown type '" + type + "' (one of " + OBJECT_TYPES + ")");
            }
            Set<String> columnIds = new HashSet<>();
            List<DimensionDef> dimensions = new ArrayList<>();
            for (Object d : list(m.get("dimensions"), "the dimensions of object " + id)) {
                Map<String, Object> dm = d instanceof String s ? Map.of("field", s) : map(d, "a dimension");
                String field = requireField(text(dm, "field", "a dimension of object " + id, true), "object " + id).name();
                String columnId = Optional.ofNullable(text(dm, "id", "dimension " + field, false)).orElse(field);
                if (!columnIds.add(columnId)) {
                    throw new IllegalArgumentException("object " + id + " has two columns with id '" + columnId + "'");
                }
                dimensions.add(new DimensionDef(columnId, field, Optional.ofNullable(text(dm, "label", "dimension", false)).orElse(field)));
            }
            List<MeasureDef> measures = new ArrayList<>();
            for (Object x : list(m.get("measures"), "the measures of object " + id)) {
                Map<String, Object> mm = x instanceof String s ? Map.of("expression", s) : map(x, "a measure");
                String expression = text(mm, "expression", "a measure of object " + id, true);
                String columnId = Optional.ofNullable(text(mm, "id", "measure", false)).orElse("m" + (measures.size() + 1));
                if (!columnIds.add(columnId)) {
                    throw new IllegalArgumentException("object " + id + " has two columns with id '" + columnId + "'");
                }
                measures.add(new MeasureDef(columnId, expression,
                        Optional.ofNullable(text(mm, "label", "measure", false)).orElse(expression),
                        text(mm, "format", "measure", false)));
            }
            if (measures.isEmpty()) {
                throw new IllegalArgumentException("object " + id + " needs at least one measure");
            }
            if (type.equals("kpi") && !dimensions.isEmpty()) {
                throw new IllegalArgumentException("kpi " + id + " cannot have dimensions");
            }
            if (type.endsWith("chart") && dimensions.isEmpty()) {
                throw new IllegalArgumentException("chart " + id + " needs a dimension");
            }
            if (type.equals("piechart") && dimensions.size() != 1) {
                throw new IllegalArgumentException("pie chart " + id + " needs exactly one dimension");
            }
            List<SortDef> sort = new ArrayList<>();
            for (Object s : list(m.get("sort"), "the sort of object " + id)) {
                Map<String, Object> sm = s instanceof String str ? Map.of("column", str) : map(s, "a sort");
                String column = text(sm, "column", "a sort of object " + id, true);
                if (!columnIds.contains(column)) {
                    throw new IllegalArgumentException("object " + id + " sorts by unknown column '" + column + "'");
                }
                String order = Optional.ofNullable(text(sm, "order", "a sort", false)).orElse("asc").toLowerCase(Locale.ROOT);
                if (!order.equals("asc") && !order.equals("desc")) {
                    throw new IllegalArgumentException("object " + id + ": sort order must be asc or desc");
                }
                sort.add(new SortDef(column, order.equals("desc")));
            }
            return new ObjectDef(id, type, Optional.ofNullable(text(m, "title", "object " + id, false)).orElse(id),
                    dimensions, measures, sort, flag(m, "totals"), flag(m, "subtotals"));
        }
    }
}
