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
    public record ValueQuery(String search, int offset, int limit) {}

    /**
     * A variable.
     *
     * @param definition its definition as written (may start with {@code =})
     * @param value its value evaluated under the state it was read under
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
     * @param totalRows how many rows the object has under the state, across all pages
     */
    public record ObjectData(List<ColumnInfo> columns, List<List<Cell>> rows, List<Cell> totals, long totalRows) {
        public ObjectData {
            columns = List.copyOf(columns);
            rows = rows.stream().map(List::copyOf).toList();
            totals = List.copyOf(totals);
        }
    }

    /** Which rows of an object to read. */
    public record DataPage(int offset, int limit) {}

    /**
     * How to draw a chart.
     *
     * @param format {@code png} or {@code jpeg}
     * @param quality 1 to 100, for jpeg
     */
    public record ImageRequest(int width, int height, String format, int quality) {}

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
