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
 * numbers, and counted by another window. With an iteration field the same query is partitioned by it,
 * which is how an object is evaluated for every value of that field in one pass instead of one per value.
 */
final class ObjectQuery {

    /** One result row: dimension values (null where the row sums over the dimension), measure values. */
    record Row(List<Object> dimensions, List<Object> measures, boolean subtotal) {}

    /** The rows of one partition (the whole object without an iteration field). */
    record Partition(List<Row> rows, List<Object> totals, long totalRows) {}

    private ObjectQuery() {}

    /**
     * @param iteration the iteration field, or null for a single evaluation
     * @return partitions by the iteration value's text (a single entry keyed "" without an iteration field);
     *     values with no rows are absent
     */
    static Map<String, Partition> run(Evaluation ev, ObjectDef object, List<Compiled> measures, FieldDef iteration,
            ResolvedState state, long offset, long limit, boolean totals, boolean subtotals) {
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
        String source = iteration == null ? "SELECT * FROM " : "SELECT *, " + Sql.identifier(iteration.name()) + " AS __iv FROM ";
        Sql inner = Sql.concat(Sql.join("SELECT ", ", ", " FROM (" + source + LoadedApp.MODEL + " WHERE ", select),
                state.where(null, ev.formats), ") m", groupBy);

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
        String partition = iter != null ? "PARTITION BY __i " : "";
        Sql sql = Sql.concat("SELECT * FROM (SELECT *, ROW_NUMBER() OVER (" + partition + "ORDER BY " + String.join(", ", order)
                + ") AS __rn, COUNT(*) FILTER (WHERE NOT __grand) OVER (" + partition + ") AS __n FROM (SELECT *, " + grand
                + " AS __grand FROM (", inner, ") g) h) o WHERE __grand OR (__rn > ", Sql.param(offset).wrap("CAST(", " AS BIGINT)"),
                " AND __rn <= ", Sql.param(offset + limit).wrap("CAST(", " AS BIGINT)"), ") ORDER BY "
                + (iter != null ? "__i, " : "") + "__rn");

        return ev.query(sql, rs -> {
            Map<String, List<Row>> rows = new LinkedHashMap<>();
            Map<String, List<Object>> grandRows = new LinkedHashMap<>();
            Map<String, Long> counts = new LinkedHashMap<>();
            while (rs.next()) {
                String key = iteration == null ? "" : ev.formats.fieldText(iteration, Evaluation.normalize(rs.getObject("__i")));
                counts.put(key, rs.getLong("__n"));
                List<Object> measureValues = new ArrayList<>();
                for (int k = 0; k < measures.size(); k++) {
                    measureValues.add(Evaluation.normalize(rs.getObject("__m" + k)));
                }
                if (rs.getBoolean("__grand")) {
                    grandRows.put(key, measureValues);
                    continue;
                }
                List<Object> dimValues = new ArrayList<>();
                boolean subtotal = false;
                for (int j = 0; j < n; j++) {
                    boolean summed = grouping && rs.getInt("__g" + j) == 1;
                    subtotal |= summed;
                    dimValues.add(summed ? Summed.INSTANCE : Evaluation.normalize(rs.getObject("__d" + j)));
                }
                rows.computeIfAbsent(key, x -> new ArrayList<>()).add(new Row(dimValues, measureValues, subtotal));
            }
            Map<String, Partition> result = new LinkedHashMap<>();
            for (String key : counts.keySet()) {
                result.put(key, new Partition(rows.getOrDefault(key, List.of()), grandRows.get(key), counts.get(key)));
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
