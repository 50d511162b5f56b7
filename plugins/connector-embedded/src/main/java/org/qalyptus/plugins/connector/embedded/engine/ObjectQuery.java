package org.qalyptus.plugins.connector.embedded.engine;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qalyptus.plugins.connector.embedded.expr.ExpressionCompiler.Compiled;
import org.qalyptus.plugins.connector.embedded.expr.Sql;
import org.qalyptus.plugins.connector.embedded.manifest.AppManifest.DimensionDef;
import org.qalyptus.plugins.connector.embedded.manifest.AppManifest.FieldDef;
import org.qalyptus.plugins.connector.embedded.manifest.AppManifest.MeasureDef;
import org.qalyptus.plugins.connector.embedded.manifest.AppManifest.ObjectDef;
import org.qalyptus.plugins.connector.embedded.manifest.AppManifest.SortDef;

/**
 * The one query an object's data needs: rows grouped by its dimensions with {@code GROUPING SETS} for
 * subtotals and the totals row, numbered in display order by a window so a page is a range of row
 * numbers, and counted by another window. With an iteration field the same query groups by the iteration
 * value too, which is how an object is evaluated for every value of that field in one pass instead of one per
 * value; see {@link Iteration} for how that query differs.
 */
final class ObjectQuery {

    /** One result row: dimension values (null where the row sums over the dimension), measure values. */
    record Row(List<Object> dimensions, List<Object> measures, boolean subtotal) {}

    /** The rows of one partition (the whole object without an iteration field). */
    record Partition(List<Row> rows, List<Object> totals, long totalRows) {}

    /**
     * A grouped evaluation over an iteration field's values (typed, distinct). The values join the model as one
     * array parameter with their positions, so the rows are grouped by a small integer rather than by the value
     * (a text, most often), and the rows come back ordered by value, then in display order, without windows:
     * paging and counting each value's rows is done while reading them. Windows partitioned by 1,000 values cost
     * about as much as the grouping itself, and a burst asks for whole tables (the pages are as large as a report
     * table may be), so the rows read are the rows needed.
     */
    record Iteration(FieldDef field, List<Object> values) {}

    private ObjectQuery() {}

    /**
     * @param iteration the iteration field and its values, or null for a single evaluation
     * @param state the selection state; with an iteration, its selection in the iteration field is replaced by
     *     the iteration values
     * @return partitions by the iteration value's text (a single entry keyed "" without an iteration field);
     *     values with no rows are absent
     */
    static Map<String, Partition> run(Evaluation ev, ObjectDef object, List<Compiled> measures, Iteration iteration,
            ResolvedState state, long offset, long limit, boolean totals, boolean subtotals) {
        if (iteration != null && iteration.values().isEmpty()) {
            return Map.of();
        }
        List<DimensionDef> dims = object.dimensions();
        int n = dims.size();
        boolean grouping = n > 0 && (totals || subtotals);
        // The iteration value is grouped as its own column, so GROUPING() of a dimension on the same field
        // still tells subtotal rows apart.
        String iter = iteration == null ? null : "__iv";

        List<Sql> select = new ArrayList<>();
        if (iter != null) {
            select.add(Sql.of(iter + " AS __i"));
        }
        for (int j = 0; j < n; j++) {
            select.add(Sql.of(Sql.identifier(dims.get(j).field()) + " AS __d" + j));
        }
        for (int k = 0; k < measures.size(); k++) {
            select.add(Sql.concat(ObjectQueryValues.value(measures.get(k)), " AS __m" + k));
        }
        if (grouping) {
            for (int j = 0; j < n; j++) {
                select.add(Sql.of("GROUPING(" + Sql.identifier(dims.get(j).field()) + ") AS __g" + j));
            }
        }
        String groupBy = "";
        if (n > 0) {
            List<String> sets = new ArrayList<>();
            for (int k = n; k >= 0; k--) {
                boolean wanted = k == n || (k > 0 && subtotals) || (k == 0 && totals);
                if (!wanted) {
                    continue;
                }
                List<String> set = new ArrayList<>();
                if (iter != null) {
                    set.add(iter);
                }
                for (int j = 0; j < k; j++) {
                    set.add(Sql.identifier(dims.get(j).field()));
                }
                sets.add("(" + String.join(", ", set) + ")");
            }
            groupBy = " GROUP BY GROUPING SETS (" + String.join(", ", sets) + ")";
        } else if (iter != null) {
            groupBy = " GROUP BY " + iter;
        }
        Sql source;
        if (iteration == null) {
            source = Sql.concat("SELECT * FROM " + LoadedApp.MODEL + " WHERE ", state.where(null, ev.formats));
        } else {
            // Each model row of an iteration value joins that value's position (1-based) in the list.
            source = Sql.concat("SELECT __model.*, __values.__index AS __iv FROM (SELECT unnest(__list) AS __value,"
                    + " generate_subscripts(__list, 1) AS __index FROM (SELECT ", ResolvedState.array(iteration.field(),
                    iteration.values()), " AS __list) __array) __values JOIN " + LoadedApp.MODEL + " __model ON __model."
                    + Sql.identifier(iteration.field().name()) + " = __values.__value WHERE ",
                    state.where(iteration.field().name(), ev.formats));
        }
        Sql inner = Sql.concat(Sql.join("SELECT ", ", ", " FROM (", select), source, ") m", groupBy);

        String grand = "FALSE";
        if (grouping && totals) {
            List<String> all = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                all.add("__g" + j + " = 1");
            }
            grand = "(" + String.join(" AND ", all) + ")";
        }
        List<String> order = new ArrayList<>();
        order.add("__grand");
        if (subtotals && n > 0) {
            for (int j = 0; j < n; j++) {
                order.add("__g" + j);
                order.add("__d" + j + direction(object, dims.get(j).id()));
            }
        } else {
            List<String> used = new ArrayList<>();
            for (SortDef sort : object.sort()) {
                String column = column(object, sort.column());
                order.add(column + (sort.descending() ? " DESC NULLS LAST" : " ASC NULLS LAST"));
                used.add(column);
            }
            for (int j = 0; j < n; j++) {
                if (!used.contains("__d" + j)) {
                    order.add("__d" + j + " ASC NULLS LAST");
                }
            }
        }
        Sql sql;
        if (iteration == null) {
            sql = Sql.concat("SELECT * FROM (SELECT *, ROW_NUMBER() OVER (ORDER BY " + String.join(", ", order)
                    + ") AS __rn, COUNT(*) FILTER (WHERE NOT __grand) OVER () AS __n FROM (SELECT *, " + grand
                    + " AS __grand FROM (", inner, ") g) h) o WHERE __grand OR (__rn > ", Sql.param(offset).wrap("CAST(", " AS BIGINT)"),
                    " AND __rn <= ", Sql.param(offset + limit).wrap("CAST(", " AS BIGINT)"), ") ORDER BY __rn");
        } else {
            sql = Sql.concat("SELECT *, " + grand + " AS __grand FROM (", inner, ") g ORDER BY __i, " + String.join(", ", order));
        }

        String[] keys = null;
        if (iteration != null) {
            keys = new String[iteration.values().size()];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = ev.formats.fieldText(iteration.field(), iteration.values().get(i));
            }
        }
        String[] iterationKeys = keys;
        return ev.query(sql, rs -> {
            Map<String, List<Row>> rows = new LinkedHashMap<>();
            Map<String, List<Object>> grandRows = new LinkedHashMap<>();
            Map<String, Long> counts = new LinkedHashMap<>();
            // Columns by position, looked up once: by name, every cell of every row would search the column names.
            int iterationColumn = iterationKeys == null ? 0 : rs.findColumn("__i");
            int countColumn = iterationKeys == null ? rs.findColumn("__n") : 0;
            int grandColumn = rs.findColumn("__grand");
            int[] measureColumns = new int[measures.size()];
            for (int k = 0; k < measureColumns.length; k++) {
                measureColumns[k] = rs.findColumn("__m" + k);
            }
            int[] dimensionColumns = new int[n];
            int[] groupingColumns = new int[n];
            for (int j = 0; j < n; j++) {
                dimensionColumns[j] = rs.findColumn("__d" + j);
                groupingColumns[j] = grouping ? rs.findColumn("__g" + j) : 0;
            }
            String key = "";
            while (rs.next()) {
                boolean grandRow = rs.getBoolean(grandColumn);
                if (iterationKeys != null) {
                    key = iterationKeys[rs.getInt(iterationColumn) - 1];
                    if (grandRow) {
                        counts.putIfAbsent(key, 0L);
                    } else {
                        // The page of each value is cut here: its rows come in display order.
                        long position = counts.merge(key, 1L, Long::sum);
                        if (position <= offset || position > offset + limit) {
                            continue;
                        }
                    }
                } else {
                    counts.put(key, rs.getLong(countColumn));
                }
                List<Object> measureValues = new ArrayList<>(measureColumns.length);
                for (int column : measureColumns) {
                    measureValues.add(Evaluation.normalize(rs.getObject(column)));
                }
                if (grandRow) {
                    grandRows.put(key, measureValues);
                    continue;
                }
                List<Object> dimValues = new ArrayList<>(n);
                boolean subtotal = false;
                for (int j = 0; j < n; j++) {
                    boolean summed = grouping && rs.getInt(groupingColumns[j]) == 1;
                    subtotal |= summed;
                    dimValues.add(summed ? Summed.INSTANCE : Evaluation.normalize(rs.getObject(dimensionColumns[j])));
                }
                rows.computeIfAbsent(key, x -> new ArrayList<>()).add(new Row(dimValues, measureValues, subtotal));
            }
            Map<String, Partition> result = new LinkedHashMap<>();
            for (String partitionKey : counts.keySet()) {
                result.put(partitionKey, new Partition(rows.getOrDefault(partitionKey, List.of()), grandRows.get(partitionKey),
                        counts.get(partitionKey)));
            }
            return result;
        });
    }

    /** Marks a dimension cell of a subtotal row: the row sums over that dimension. */
    enum Summed { INSTANCE }

    private static String direction(ObjectDef object, String columnId) {
        return object.sort().stream().filter(s -> s.column().equals(columnId)).findFirst()
                .map(s -> s.descending() ? " DESC NULLS LAST" : " ASC NULLS LAST").orElse(" ASC NULLS LAST");
    }

    private static String column(ObjectDef object, String columnId) {
        for (int j = 0; j < object.dimensions().size(); j++) {
            if (object.dimensions().get(j).id().equals(columnId)) {
                return "__d" + j;
            }
        }
        List<MeasureDef> measures = object.measures();
        for (int k = 0; k < measures.size(); k++) {
            if (measures.get(k).id().equals(columnId)) {
                return "__m" + k;
            }
        }
        throw new IllegalStateException("the manifest reader checks sort columns");
    }

    /** The measures over no rows at all: what an iteration value without data shows. */
    static List<Object> emptyMeasures(Evaluation ev, List<Compiled> measures) {
        List<Sql> select = new ArrayList<>();
        for (Compiled m : measures) {
            select.add(ObjectQueryValues.value(m));
        }
        return ev.query(Sql.join("SELECT ", ", ", " FROM " + LoadedApp.MODEL + " WHERE FALSE", select), (ResultSet rs) -> {
            rs.next();
            List<Object> values = new ArrayList<>();
            for (int k = 1; k <= measures.size(); k++) {
                values.add(Evaluation.normalize(rs.getObject(k)));
            }
            return values;
        });
    }
}
