package org.qalyptus.spi.app;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The value types an {@link AppConnector} exchanges with the host. Lists and maps in them are
 * immutable copies; nullable components say so.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class AppModel {

    private AppModel() {}

    /**
     * An app.
     *
     * @param lastReloadTime when its data was last reloaded, or null when unknown
     */
    public record AppInfo(String id, String name, String description, Instant lastReloadTime) {}

    /** A field of the app's data model, with how many distinct values it has. */
    public record FieldInfo(String name, String type, long cardinality) {}

    /**
     * One value of a field.
     *
     * @param number the numeric value, or null for text values
     * @param selected whether it is selected in the state it was read under
     */
    public record FieldValue(String text, Double number, boolean selected) {}

    /** A page of field values and how many match in all. */
    public record FieldValuePage(List<FieldValue> values, long total) {
        public FieldValuePage {
            values = List.copyOf(values);
        }
    }

    /**
     * Which field values to list.
     *
     * @param search a case-insensitive substring, or null for all
     */
    public record ValueQuery(String search, int offset, int limit) {
        public ValueQuery {
            if (offset < 0 || limit < 0) {
                throw new IllegalArgumentException("offset and limit must not be negative");
            }
        }
    }

    /**
     * A variable.
     *
     * @param definition its definition as written (may start with {@code =})
     * @param value its value evaluated under the state it was read under, or null when it cannot be
     *     evaluated (an expression error)
     */
    public record VariableInfo(String name, String definition, String value) {}

    /** A named selection state stored in the app. */
    public record BookmarkInfo(String id, String name, String description) {}

    /** A sheet and its objects. */
    public record SheetInfo(String id, String title, List<ObjectInfo> objects) {
        public SheetInfo {
            objects = List.copyOf(objects);
        }
    }

    /**
     * A table, chart or KPI.
     *
     * @param type {@code table}, {@code barchart}, {@code linechart}, {@code piechart}, {@code combochart},
     *     {@code kpi} or a connector-specific type
     */
    public record ObjectInfo(String id, String title, String type, List<ColumnInfo> columns) {
        public ObjectInfo {
            columns = List.copyOf(columns);
        }
    }

    /** Whether a column is a dimension or a measure. */
    public enum ColumnKind { DIMENSION, MEASURE }

    /**
     * A column of an object.
     *
     * @param format the number or date format pattern, or null
     */
    public record ColumnInfo(String id, String name, ColumnKind kind, String format) {}

    /**
     * One cell: its formatted text and, for numbers, the number.
     *
     * @param number the numeric value, or null
     */
    public record Cell(String text, Double number) {}

    /**
     * A page of an object's data.
     *
     * @param totals the totals row, empty when the object has none
     * @param totalRows how many rows the object has under the state, across all pages (subtotal rows
     *     included)
     * @param subtotalRows the indexes in {@code rows} of subtotal rows (a table with subtotals shows one
     *     after each group of its outer dimensions; the cells of the dimensions it sums over are empty),
     *     in ascending order; empty when the object has none
     * @since 0.1 (subtotalRows added with the embedded engine)
     */
    public record ObjectData(List<ColumnInfo> columns, List<List<Cell>> rows, List<Cell> totals, long totalRows,
            List<Integer> subtotalRows) {
        public ObjectData {
            columns = List.copyOf(columns);
            rows = rows.stream().map(List::copyOf).toList();
            totals = List.copyOf(totals);
            subtotalRows = subtotalRows == null ? List.of() : List.copyOf(subtotalRows);
        }

        /** Data without subtotal rows. */
        public ObjectData(List<ColumnInfo> columns, List<List<Cell>> rows, List<Cell> totals, long totalRows) {
            this(columns, rows, totals, totalRows, List.of());
        }
    }

    /**
     * How numbers are written in formatted cell texts: the decimal and thousands separators replace the
     * {@code .} and {@code ,} of the format patterns (a report task's {@code separatorOptions}).
     *
     * @param decimalSeparator one character
     * @param groupSeparator one character, or an empty string for no grouping
     */
    public record FormatOptions(String decimalSeparator, String groupSeparator) {

        public static final FormatOptions DEFAULT = new FormatOptions(".", ",");

        public FormatOptions {
            Objects.requireNonNull(decimalSeparator, "decimalSeparator");
            Objects.requireNonNull(groupSeparator, "groupSeparator");
            if (decimalSeparator.length() != 1) {
                throw new IllegalArgumentException("the decimal separator must be one character");
            }
            if (groupSeparator.length() > 1) {
                throw new IllegalArgumentException("the group separator must be one character or empty");
            }
            if (decimalSeparator.equals(groupSeparator)) {
                throw new IllegalArgumentException("the decimal and group separators must differ");
            }
        }
    }

    /**
     * Which rows of an object to read, and how to format their numbers.
     *
     * @param offset the first row, from 0
     * @param limit how many rows at most
     * @param format the separators of formatted numbers; {@link FormatOptions#DEFAULT} when not given
     */
    public record DataPage(int offset, int limit, FormatOptions format) {

        public DataPage {
            if (offset < 0 || limit < 0) {
                throw new IllegalArgumentException("offset and limit must not be negative");
            }
            format = format == null ? FormatOptions.DEFAULT : format;
        }

        public DataPage(int offset, int limit) {
            this(offset, limit, FormatOptions.DEFAULT);
        }
    }

    /**
     * How to draw a chart.
     *
     * @param format {@code png} or {@code jpeg}
     * @param quality 1 to 100, for jpeg
     */
    public record ImageRequest(int width, int height, String format, int quality) {
        public ImageRequest {
            Objects.requireNonNull(format, "format");
        }
    }

    /**
     * The result of evaluating an expression.
     *
     * @param number the numeric value, or null
     */
    public record EvaluatedValue(String text, Double number) {}

    /**
     * What is selected: field values, variable values and an applied bookmark.
     *
     * @param fields field name to selected values (text form); a field absent or mapped to an empty
     *     list has no selection
     * @param variables variable name to the value set for this state
     * @param bookmarkId a bookmark applied before the field selections, or null
     */
    public record SelectionState(Map<String, List<String>> fields, Map<String, String> variables, String bookmarkId) {

        public static final SelectionState EMPTY = new SelectionState(Map.of(), Map.of(), null);

        public SelectionState {
            Objects.requireNonNull(fields, "fields");
            Objects.requireNonNull(variables, "variables");
            fields = fields.entrySet().stream()
                    .collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> List.copyOf(e.getValue())));
            variables = Map.copyOf(variables);
        }
    }
}
