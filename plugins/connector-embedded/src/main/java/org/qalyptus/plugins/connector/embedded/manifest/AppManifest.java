package org.qalyptus.plugins.connector.embedded.manifest;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An app as its manifest ({@code app.yaml}, {@code app.yml} or {@code app.json}) declares it. Validated
 * by {@link ManifestReader}: names are unique, every field an object, bookmark or sort refers to
 * exists, and every identifier that reaches SQL is one of the declared field names.
 */
public record AppManifest(
        String id,
        String name,
        String description,
        List<TableDef> tables,
        List<VariableDef> variables,
        List<BookmarkDef> bookmarks,
        List<SheetDef> sheets) {

    /** The declared field types and the DuckDB type each is loaded as. */
    public enum FieldType {
        TEXT("VARCHAR"), INTEGER("BIGINT"), NUMBER("DOUBLE"), DATE("DATE");

        private final String sqlType;

        FieldType(String sqlType) {
            this.sqlType = sqlType;
        }

        public String sqlType() {
            return sqlType;
        }

        public boolean numeric() {
            return this == INTEGER || this == NUMBER;
        }
    }

    /** A field: a column of a table. {@code format} is a number or date pattern, or null. */
    public record FieldDef(String name, FieldType type, String format) {}

    /**
     * Where a table's rows come from: exactly one of a CSV file, a Parquet file (paths relative to the
     * app folder) or a read-only JDBC query.
     */
    public record SourceDef(String csv, String parquet, JdbcDef jdbc) {}

    /**
     * A read-only query on another database. The password, if any, is read from the environment
     * variable named {@code passwordEnv}, never written in the manifest.
     */
    public record JdbcDef(String url, String user, String passwordEnv, String query) {}

    public record TableDef(String name, SourceDef source, List<FieldDef> fields) {}

    public record VariableDef(String name, String definition, String comment) {}

    public record BookmarkDef(String id, String name, String description, Map<String, List<String>> selections,
            Map<String, String> variables) {}

    public record SheetDef(String id, String title, List<ObjectDef> objects) {}

    /** A dimension of an object: a field, shown under a label. */
    public record DimensionDef(String id, String field, String label) {}

    /** A measure: an aggregation expression, shown under a label (which may use {@code $(variable)}). */
    public record MeasureDef(String id, String expression, String label, String format) {}

    /** Sorting on one column, by its id: ascending unless {@code descending}. */
    public record SortDef(String column, boolean descending) {}

    /**
     * A table, chart or KPI.
     *
     * @param type {@code table}, {@code barchart}, {@code linechart}, {@code piechart}, {@code combochart} or {@code kpi}
     * @param totals whether a table has a totals row
     * @param subtotals whether a table has a subtotal row after each group of its outer dimensions
     */
    public record ObjectDef(String id, String type, String title, List<DimensionDef> dimensions,
            List<MeasureDef> measures, List<SortDef> sort, boolean totals, boolean subtotals) {

        public boolean isChart() {
            return type.endsWith("chart");
        }
    }

    public Optional<FieldDef> field(String name) {
        return tables.stream().flatMap(t -> t.fields().stream()).filter(f -> f.name().equals(name)).findFirst();
    }

    public Optional<ObjectDef> object(String id) {
        return sheets.stream().flatMap(s -> s.objects().stream()).filter(o -> o.id().equals(id)).findFirst();
    }

    public Optional<VariableDef> variable(String name) {
        return variables.stream().filter(v -> v.name().equalsIgnoreCase(name)).findFirst();
    }

    public Optional<BookmarkDef> bookmark(String id) {
        return bookmarks.stream().filter(b -> b.id().equals(id)).findFirst();
    }
}
