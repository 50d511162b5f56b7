package org.qalyptus.plugins.connector.embedded.engine;

import java.io.OutputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.qalyptus.charts.ChartPainter;
import org.qalyptus.plugins.connector.embedded.expr.ExpressionCompiler.Compiled;
import org.qalyptus.plugins.connector.embedded.expr.ExpressionException;
import org.qalyptus.plugins.connector.embedded.expr.Sql;
import org.qalyptus.plugins.connector.embedded.manifest.AppManifest;
import org.qalyptus.plugins.connector.embedded.manifest.AppManifest.BookmarkDef;
import org.qalyptus.plugins.connector.embedded.manifest.AppManifest.DimensionDef;
import org.qalyptus.plugins.connector.embedded.manifest.AppManifest.FieldDef;
import org.qalyptus.plugins.connector.embedded.manifest.AppManifest.MeasureDef;
import org.qalyptus.plugins.connector.embedded.manifest.AppManifest.ObjectDef;
import org.qalyptus.plugins.connector.embedded.manifest.AppManifest.SheetDef;
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

/** A session on a loaded app, with its own DuckDB connection and the statements prepared on it. */
public final class EmbeddedSession implements AppSession {

    static final int MAX_PAGE = 100_000;
    static final int MAX_ITERATION_VALUES = 100_000;

    private final LoadedApp app;
    private final AppInfo info;
    private final Statements statements;
    private final boolean keepResults;

    public EmbeddedSession(LoadedApp app, AppInfo info) {
        this(app, info, false);
    }

    /** @param keepResults answer object pages from, and keep them in, the app's {@link ObjectResults} */
    public EmbeddedSession(LoadedApp app, AppInfo info, boolean keepResults) {
        this.app = app;
        this.info = info;
        this.keepResults = keepResults;
        this.statements = new Statements(app.connect());
    }

    private Evaluation evaluation(SelectionState state, FormatOptions format) {
        if (state == null) {
            state = SelectionState.EMPTY;
        }
        return new Evaluation(app, ResolvedState.of(app, state), format, statements);
    }

    /** Runs a read, turning expression errors into the SPI's exception. */
    private static <T> T guarded(java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (ExpressionException e) {
            throw new ExtensionException(e.getMessage(), false, e);
        }
    }

    @Override
    public AppInfo app() {
        return info;
    }

    @Override
    public List<FieldInfo> fields() {
        return app.fields().values().stream()
                .map(f -> new FieldInfo(f.name(), f.type().name().toLowerCase(java.util.Locale.ROOT), app.cardinality(f.name())))
                .toList();
    }

    @Override
    public FieldValuePage fieldValues(String field, SelectionState state, ValueQuery query) {
        FieldDef def = ResolvedState.requireField(app, field);
        Evaluation ev = evaluation(state, FormatOptions.DEFAULT);
        int limit = Math.min(query.limit(), MAX_PAGE);
        String column = Sql.identifier(def.name());
        Sql search = query.search() == null || query.search().isEmpty() ? Sql.of("")
                : Sql.concat(" AND contains(lower(CAST(" + column + " AS VARCHAR)), lower(", Sql.param(query.search()), "))");
        Sql sql = Sql.concat("SELECT " + column + " AS v, COUNT(*) OVER () AS n FROM " + LoadedApp.MODEL + " WHERE ",
                ev.state.where(field, ev.formats), " AND " + column + " IS NOT NULL", search,
                " GROUP BY " + column + " ORDER BY " + column + " LIMIT ", Sql.param((long) limit).wrap("CAST(", " AS BIGINT)"),
                " OFFSET ", Sql.param((long) query.offset()).wrap("CAST(", " AS BIGINT)"));
        Set<String> selected = new HashSet<>();
        for (Object value : ResolvedState.values(def, ev.state.fields().getOrDefault(field, List.of()), ev.formats)) {
            selected.add(ev.formats.fieldText(def, value));
        }
        long[] total = {0};
        List<FieldValue> values = ev.query(sql, rs -> {
            List<FieldValue> list = new ArrayList<>();
            while (rs.next()) {
                Object value = Evaluation.normalize(rs.getObject(1));
                total[0] = rs.getLong(2);
                String text = ev.formats.fieldText(def, value);
                Double number = value instanceof Number n ? n.doubleValue() : null;
                list.add(new FieldValue(text, number, selected.contains(text)));
            }
            return list;
        });
        if (values.isEmpty() && query.offset() > 0) {
            Sql count = Sql.concat("SELECT COUNT(DISTINCT " + column + ") FROM " + LoadedApp.MODEL + " WHERE ",
                    ev.state.where(field, ev.formats), search);
            total[0] = ev.query(count, rs -> rs.next() ? rs.getLong(1) : 0L);
        }
        return new FieldValuePage(values, total[0]);
    }

    @Override
    public List<VariableInfo> variables(SelectionState state) {
        Evaluation ev = evaluation(state, FormatOptions.DEFAULT);
        List<VariableInfo> variables = new ArrayList<>();
        for (AppManifest.VariableDef v : app.manifest().variables()) {
            String value;
            try {
                value = ev.variableValue(v.name());
            } catch (ExpressionException | ExtensionException e) {
                value = null;
            }
            variables.add(new VariableInfo(v.name(), v.definition(), value));
        }
        return variables;
    }

    /** Evaluates only the named variables. */
    @Override
    public List<VariableInfo> variables(List<String> names, SelectionState state) {
        Evaluation ev = evaluation(state, FormatOptions.DEFAULT);
        List<VariableInfo> variables = new ArrayList<>();
        for (AppManifest.VariableDef v : new VariablesPerValue(app, statements).named(names)) {
            String value;
            try {
                value = ev.variableValue(v.name());
            } catch (ExpressionException | ExtensionException e) {
                value = null;
            }
            variables.add(new VariableInfo(v.name(), v.definition(), value));
        }
        return variables;
    }

    /** Every value's variables in one grouped query where the variables allow it: see {@link VariablesPerValue}. */
    @Override
    public Map<String, List<VariableInfo>> variablesPerValue(List<String> names, SelectionState state, String field,
            List<String> values) {
        if (values.size() > MAX_ITERATION_VALUES) {
            throw new ExtensionException("Too many iteration values (at most " + MAX_ITERATION_VALUES + ")", false);
        }
        return new VariablesPerValue(app, statements).evaluate(names, state, field, values);
    }

    @Override
    public List<BookmarkInfo> bookmarks() {
        return app.manifest().bookmarks().stream().map(b -> new BookmarkInfo(b.id(), b.name(), b.description())).toList();
    }

    @Override
    public SelectionState bookmarkSelections(String bookmarkId) {
        BookmarkDef bookmark = app.manifest().bookmark(bookmarkId).orElseThrow(() -> new ExtensionException(
                "Bookmark '" + ResolvedState.shorten(bookmarkId) + "' does not exist in app '" + app.manifest().name() + "'", false));
        return new SelectionState(bookmark.selections(), bookmark.variables(), null);
    }

    @Override
    public List<SheetInfo> sheets() {
        Evaluation ev = evaluation(SelectionState.EMPTY, FormatOptions.DEFAULT);
        List<SheetInfo> sheets = new ArrayList<>();
        for (SheetDef sheet : app.manifest().sheets()) {
            sheets.add(new SheetInfo(sheet.id(), sheet.title(), sheet.objects().stream()
                    .map(o -> new ObjectInfo(o.id(), ev.expandLabel(o.title()), o.type(), columns(ev, o))).toList()));
        }
        return sheets;
    }

    private List<ColumnInfo> columns(Evaluation ev, ObjectDef object) {
        List<ColumnInfo> columns = new ArrayList<>();
        for (DimensionDef d : object.dimensions()) {
            columns.add(new ColumnInfo(d.id(), ev.expandLabel(d.label()), ColumnKind.DIMENSION, app.fields().get(d.field()).format()));
        }
        for (MeasureDef m : object.measures()) {
            columns.add(new ColumnInfo(m.id(), ev.expandLabel(m.label()), ColumnKind.MEASURE, m.format()));
        }
        return columns;
    }

    private ObjectDef object(String objectId) {
        return app.manifest().object(objectId).orElseThrow(() -> new ExtensionException(
                "Object '" + ResolvedState.shorten(String.valueOf(objectId)) + "' does not exist in app '" + app.manifest().name() + "'",
                false));
    }

    private static List<Compiled> measures(Evaluation ev, ObjectDef object) {
        List<Compiled> compiled = new ArrayList<>();
        for (MeasureDef m : object.measures()) {
            try {
                compiled.add(ev.measure(m.expression()));
            } catch (ExpressionException e) {
                throw new ExtensionException("Measure '" + m.label() + "' of object " + object.id() + ": " + e.getMessage(), false, e);
            }
        }
        return compiled;
    }

    @Override
    public ObjectData objectData(String objectId, SelectionState state, DataPage page) {
        if (!keepResults) {
            return computeObjectData(objectId, state, page);
        }
        ObjectResults.Key key = ObjectResults.key(objectId, state, page);
        ObjectData kept = app.results().get(key);
        if (kept != null) {
            return kept;
        }
        ObjectData computed = computeObjectData(objectId, state, page);
        app.results().put(key, computed);
        return computed;
    }

    private ObjectData computeObjectData(String objectId, SelectionState state, DataPage page) {
        return guarded(() -> {
            ObjectDef object = object(objectId);
            Evaluation ev = evaluation(state, page.format());
            List<Compiled> measures = measures(ev, object);
            long limit = Math.min(page.limit(), MAX_PAGE);
            boolean table = object.type().equals("table");
            Map<String, ObjectQuery.Partition> result = ObjectQuery.run(ev, object, measures, null, ev.state, page.offset(), limit,
                    table && object.totals(), table && object.subtotals());
            ObjectQuery.Partition partition = result.get("");
            if (partition == null) {
                partition = new ObjectQuery.Partition(List.of(), null, 0);
            }
            if (partition.rows().isEmpty() && page.offset() > 0) {
                ObjectQuery.Partition first = ObjectQuery.run(ev, object, measures, null, ev.state, 0, 1, false,
                        table && object.subtotals()).get("");
                partition = new ObjectQuery.Partition(List.of(), partition.totals(), first == null ? 0 : first.totalRows());
            }
            if (object.type().equals("kpi") && partition.rows().isEmpty() && page.offset() == 0) {
                partition = new ObjectQuery.Partition(List.of(new ObjectQuery.Row(List.of(), ObjectQuery.emptyMeasures(ev, measures),
                        false)), null, 1);
            }
            return data(ev, object, columns(ev, object), partition, table && object.totals() ? measures : null);
        });
    }

    private ObjectData data(Evaluation ev, ObjectDef object, List<ColumnInfo> columns, ObjectQuery.Partition partition,
            List<Compiled> totalsOf) {
        List<List<Cell>> rows = new ArrayList<>(partition.rows().size());
        List<Integer> subtotalRows = new ArrayList<>();
        FieldDef[] dimensionFields = new FieldDef[object.dimensions().size()];
        for (int j = 0; j < dimensionFields.length; j++) {
            dimensionFields[j] = app.fields().get(object.dimensions().get(j).field());
        }
        for (ObjectQuery.Row row : partition.rows()) {
            if (row.subtotal()) {
                subtotalRows.add(rows.size());
            }
            rows.add(cells(ev, object, dimensionFields, row.dimensions(), row.measures()));
        }
        List<Cell> totals = List.of();
        if (totalsOf != null) {
            List<Object> values = partition.totals() != null ? partition.totals() : ObjectQuery.emptyMeasures(ev, totalsOf);
            List<Cell> cells = new ArrayList<>();
            for (int j = 0; j < object.dimensions().size(); j++) {
                cells.add(new Cell(j == 0 ? "Totals" : "", null));
            }
            for (int k = 0; k < values.size(); k++) {
                cells.add(measureCell(ev, values.get(k), object.measures().get(k).format()));
            }
            totals = cells;
        }
        return new ObjectData(columns, rows, totals, partition.totalRows(), subtotalRows);
    }

    private static List<Cell> cells(Evaluation ev, ObjectDef object, FieldDef[] dimensionFields, List<Object> dims,
            List<Object> measures) {
        List<Cell> cells = new ArrayList<>(dims.size() + measures.size());
        for (int j = 0; j < dims.size(); j++) {
            Object value = dims.get(j);
            if (value == ObjectQuery.Summed.INSTANCE) {
                cells.add(new Cell("", null));
            } else {
                FieldDef field = dimensionFields[j];
                Double number = value instanceof Number n ? n.doubleValue() : null;
                String text = value == null ? "-"
                        : field.type().numeric() && field.format() != null ? ev.formats.number(number, field.format())
                        : value instanceof String s ? s : ev.formats.fieldText(field, value);
                cells.add(new Cell(text, number));
            }
        }
        for (int k = 0; k < measures.size(); k++) {
            cells.add(measureCell(ev, measures.get(k), object.measures().get(k).format()));
        }
        return cells;
    }

    private static Cell measureCell(Evaluation ev, Object value, String format) {
        if (value instanceof Number n) {
            double d = n.doubleValue();
            return new Cell(ev.formats.number(d, format), d);
        }
        if (value instanceof LocalDate date) {
            return new Cell(ev.formats.date(date, format), null);
        }
        return new Cell(value == null ? "-" : String.valueOf(value), null);
    }

    @Override
    public Map<String, ObjectData> objectDataPerValue(String objectId, SelectionState state, String field, List<String> values,
            DataPage page) {
        return guarded(() -> {
            ObjectDef object = object(objectId);
            FieldDef iteration = ResolvedState.requireField(app, field);
            if (values.size() > MAX_ITERATION_VALUES) {
                throw new ExtensionException("Too many iteration values (at most " + MAX_ITERATION_VALUES + ")", false);
            }
            Evaluation ev = evaluation(state, page.format());
            List<Compiled> measures = measures(ev, object);
            boolean table = object.type().equals("table");
            ObjectQuery.Iteration iterationValues = new ObjectQuery.Iteration(iteration, ResolvedState.values(iteration, values, ev.formats));
            Map<String, ObjectQuery.Partition> partitions = ObjectQuery.run(ev, object, measures, iterationValues, ev.state,
                    page.offset(), Math.min(page.limit(), MAX_PAGE), table && object.totals(), table && object.subtotals());
            Map<String, ObjectData> result = new LinkedHashMap<>();
            List<ColumnInfo> columns = columns(ev, object);
            List<Compiled> totalsOf = table && object.totals() ? measures : null;
            ObjectData empty = null;
            for (String value : values) {
                Object typed = ev.formats.parseSelection(iteration, value);
                String key = typed == null ? null : ev.formats.fieldText(iteration, typed);
                ObjectQuery.Partition partition = key == null ? null : partitions.get(key);
                if (partition != null) {
                    result.put(value, data(ev, object, columns, partition, totalsOf));
                    continue;
                }
                if (empty == null) {
                    // Every value without data gets the same (immutable) answer: made once.
                    List<Object> none = ObjectQuery.emptyMeasures(ev, measures);
                    List<ObjectQuery.Row> rows = object.type().equals("kpi") && page.offset() == 0
                            ? List.of(new ObjectQuery.Row(List.of(), none, false)) : List.of();
                    empty = data(ev, object, columns, new ObjectQuery.Partition(rows, totalsOf != null ? none : null, rows.size()),
                            totalsOf);
                }
                result.put(value, empty);
            }
            return result;
        });
    }

    @Override
    public void chartImage(String objectId, SelectionState state, ImageRequest request, OutputStream out) {
        ChartPainter.validate(request);
        guarded(() -> {
            ObjectDef object = object(objectId);
            if (!object.isChart()) {
                throw new ExtensionException("Object " + objectId + " is a " + object.type() + ", not a chart", false);
            }
            Evaluation ev = evaluation(state, FormatOptions.DEFAULT);
            List<Compiled> measures = measures(ev, object);
            ObjectQuery.Partition partition = ObjectQuery.run(ev, object, measures, null, ev.state, 0, ChartPainter.MAX_POINTS, false, false)
                    .getOrDefault("", new ObjectQuery.Partition(List.of(), null, 0));
            List<ColumnInfo> columns = columns(ev, object);
            int dimensionCount = object.dimensions().size();
            List<ChartPainter.Row> rows = new ArrayList<>();
            for (ObjectQuery.Row row : partition.rows()) {
                List<String> dims = new ArrayList<>();
                for (int j = 0; j < Math.min(2, dimensionCount); j++) {
                    dims.add(ev.formats.fieldText(app.fields().get(object.dimensions().get(j).field()), row.dimensions().get(j)));
                }
                rows.add(new ChartPainter.Row(dims, row.measures().stream().map(EmbeddedSession::number).toList()));
            }
            List<String> measureNames = columns.subList(dimensionCount, columns.size()).stream().map(ColumnInfo::name).toList();
            List<ChartPainter.Series> series = ChartPainter.series(object.type(), dimensionCount, measureNames, rows);
            ChartPainter.paint(object.type(), ev.expandLabel(object.title()), columns.get(0).name(),
                    columns.get(dimensionCount).name(), series, request, out);
            return null;
        });
    }

    private static Double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : null;
    }

    @Override
    public EvaluatedValue evaluate(String expression, SelectionState state) {
        return guarded(() -> {
            Evaluation ev = evaluation(state, FormatOptions.DEFAULT);
            Object value = ev.scalar(expression);
            if (value instanceof Number n) {
                return new EvaluatedValue(Formats.plain(n.doubleValue()), n.doubleValue());
            }
            if (value instanceof LocalDate d) {
                return new EvaluatedValue(d.toString(), null);
            }
            return new EvaluatedValue(value == null ? "-" : String.valueOf(value), null);
        });
    }

    @Override
    public void close() {
        statements.close();
    }
}
