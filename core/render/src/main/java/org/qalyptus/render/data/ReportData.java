package org.qalyptus.render.data;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.qalyptus.render.IterationValues;
import org.qalyptus.render.RenderException;
import org.qalyptus.render.RenderLimits;
import org.qalyptus.spi.ExtensionException;
import org.qalyptus.spi.app.AppModel.Cell;
import org.qalyptus.spi.app.AppModel.ColumnInfo;
import org.qalyptus.spi.app.AppModel.DataPage;
import org.qalyptus.spi.app.AppModel.EvaluatedValue;
import org.qalyptus.spi.app.AppModel.FormatOptions;
import org.qalyptus.spi.app.AppModel.ImageRequest;
import org.qalyptus.spi.app.AppModel.ObjectData;
import org.qalyptus.spi.app.AppModel.ObjectInfo;
import org.qalyptus.spi.app.AppModel.SelectionState;
import org.qalyptus.spi.app.AppModel.SheetInfo;
import org.qalyptus.spi.app.AppModel.VariableInfo;
import org.qalyptus.spi.app.AppSession;

/**
 * What one document reads from its app: every read is made under the document's selection state (the task's
 * state with the iteration values on top), and each object, variable list and formula is read once per
 * document however often the template uses it. Not thread-safe: one per document.
 */
public final class ReportData {

    /** Rows read per call when paging through a big object. */
    static final int PAGE_ROWS = 10_000;

    private final AppSession session;
    private final SelectionState state;
    private final IterationValues iteration;
    private final FormatOptions format;
    private final RenderLimits limits;
    private final Deadline deadline;
    private final GeneratedAssets images;

    private Map<String, ObjectInfo> objects;
    private Map<String, VariableInfo> variables;
    private SelectionState bookmark;
    private final Map<String, ObjectData> data = new HashMap<>();
    private final Map<String, EvaluatedValue> formulas = new HashMap<>();

    public ReportData(AppSession session, SelectionState state, IterationValues iteration, FormatOptions format,
            RenderLimits limits, Deadline deadline, GeneratedAssets images) {
        this.session = session;
        this.iteration = iteration == null ? IterationValues.NONE : iteration;
        this.state = this.iteration.applyTo(state == null ? SelectionState.EMPTY : state);
        this.format = format == null ? FormatOptions.DEFAULT : format;
        this.limits = limits;
        this.deadline = deadline;
        this.images = images;
    }

    public SelectionState state() {
        return state;
    }

    public IterationValues iteration() {
        return iteration;
    }

    public RenderLimits limits() {
        return limits;
    }

    public Deadline deadline() {
        return deadline;
    }

    public GeneratedAssets images() {
        return images;
    }

    public String appName() {
        return session.app().name();
    }

    /** The object, or an error naming it when the app has no such object. */
    public ObjectInfo object(String objectId) {
        if (objects == null) {
            objects = new HashMap<>();
            for (SheetInfo sheet : session.sheets()) {
                for (ObjectInfo o : sheet.objects()) {
                    objects.put(o.id(), o);
                }
            }
        }
        ObjectInfo object = objects.get(objectId);
        if (object == null) {
            throw new RenderException("The template uses object '" + shorten(objectId) + "', which app '" + appName()
                    + "' does not have");
        }
        return object;
    }

    /** All rows of an object (paged through), its totals and subtotal rows, formatted with the document's separators. */
    public ObjectData objectData(String objectId) {
        ObjectData cached = data.get(objectId);
        if (cached != null) {
            return cached;
        }
        object(objectId);
        deadline.check();
        int max = limits.maxTableRows();
        ObjectData first = read(objectId, 0, Math.min(PAGE_ROWS, max + 1));
        ObjectData result = first;
        if (first.totalRows() > first.rows().size() && first.rows().size() > 0) {
            if (first.totalRows() > max) {
                throw tooManyRows(objectId, first.totalRows());
            }
            List<List<Cell>> rows = new ArrayList<>(first.rows());
            List<Integer> subtotals = new ArrayList<>(first.subtotalRows());
            while (rows.size() < first.totalRows()) {
                deadline.check();
                ObjectData page = read(objectId, rows.size(), PAGE_ROWS);
                if (page.rows().isEmpty()) {
                    break;
                }
                int offset = rows.size();
                page.subtotalRows().forEach(i -> subtotals.add(offset + i));
                rows.addAll(page.rows());
            }
            result = new ObjectData(first.columns(), rows, first.totals(), first.totalRows(), subtotals);
        }
        if (result.rows().size() > max) {
            throw tooManyRows(objectId, result.rows().size());
        }
        data.put(objectId, result);
        return result;
    }

    /**
     * A call to the app's connector, off the template's clock: the budget bounds the template's own work (an
     * endless loop), while the connector has its own timeouts.
     */
    private <T> T fromConnector(java.util.function.Supplier<T> call) {
        long started = System.nanoTime();
        try {
            return Watchdog.unguarded(call);
        } finally {
            deadline.extend(System.nanoTime() - started);
        }
    }

    private ObjectData read(String objectId, int offset, int limit) {
        try {
            return fromConnector(() -> session.objectData(objectId, state, new DataPage(offset, limit, format)));
        } catch (RenderException e) {
            throw e;
        } catch (ExtensionException e) {
            throw new RenderException("Object '" + shorten(objectId) + "': " + e.getMessage(), e);
        }
    }

    private RenderException tooManyRows(String objectId, long rows) {
        return new RenderException("Object '" + shorten(objectId) + "' has " + rows + " rows under this selection; a report table "
                + "places at most " + limits.maxTableRows());
    }

    /** The cell of a KPI (or any object's first row): by column id or name, or the first measure when null. */
    public Cell kpi(String objectId, String column) {
        ObjectData d = objectData(objectId);
        int index = column == null ? firstMeasure(d.columns()) : columnIndex(objectId, d.columns(), column);
        if (d.rows().isEmpty()) {
            return new Cell("-", null);
        }
        return d.rows().get(0).get(index);
    }

    private static int firstMeasure(List<ColumnInfo> columns) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).kind() == org.qalyptus.spi.app.AppModel.ColumnKind.MEASURE) {
                return i;
            }
        }
        return 0;
    }

    /** The index of a column given by id or (case-insensitive) name. */
    public static int columnIndex(String objectId, List<ColumnInfo> columns, String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).id().equalsIgnoreCase(column)) {
                return i;
            }
        }
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equalsIgnoreCase(column)) {
                return i;
            }
        }
        throw new RenderException("Object '" + shorten(objectId) + "' has no column '" + shorten(column) + "' (it has: "
                + String.join(", ", columns.stream().map(ColumnInfo::name).toList()) + ")");
    }

    /** A variable's value under the document's state; an error naming it when the app has no such variable. */
    public String variable(String name) {
        if (variables == null) {
            variables = new LinkedHashMap<>();
            deadline.check();
            for (VariableInfo v : fromConnector(() -> session.variables(state))) {
                variables.put(v.name(), v);
            }
        }
        VariableInfo v = variables.get(name);
        if (v == null) {
            throw new RenderException("The template uses variable '" + shorten(name) + "', which app '" + appName()
                    + "' does not have");
        }
        return v.value() == null ? "-" : v.value();
    }

    /** An expression evaluated in the app under the document's state. */
    public EvaluatedValue formula(String expression) {
        EvaluatedValue cached = formulas.get(expression);
        if (cached != null) {
            return cached;
        }
        deadline.check();
        EvaluatedValue value;
        try {
            value = fromConnector(() -> session.evaluate(expression, state));
        } catch (ExtensionException e) {
            throw new RenderException("Formula '" + shorten(expression) + "': " + e.getMessage(), e);
        }
        formulas.put(expression, value);
        return value;
    }

    /**
     * The values selected in a field in the document's state: the bookmark's selection overlaid with the
     * state's own (an iteration value counts as selected).
     */
    public List<String> selected(String field) {
        List<String> own = state.fields().get(field);
        if (own != null) {
            return own;
        }
        if (state.bookmarkId() != null) {
            if (bookmark == null) {
                try {
                    bookmark = session.bookmarkSelections(state.bookmarkId());
                } catch (ExtensionException e) {
                    throw new RenderException(e.getMessage(), e);
                }
            }
            return bookmark.fields().getOrDefault(field, List.of());
        }
        return List.of();
    }

    /** A chart (or KPI) drawn as an image of the given size; registered as an asset of the document. */
    public GeneratedAssets.Image chart(String objectId, int width, int height, String imageFormat, int quality) {
        ObjectInfo object = object(objectId);
        deadline.check();
        String fmt = imageFormat == null ? "png" : imageFormat.toLowerCase(Locale.ROOT);
        if (!fmt.equals("png") && !fmt.equals("jpeg") && !fmt.equals("jpg")) {
            throw new RenderException("Chart images are png or jpeg, not '" + shorten(imageFormat) + "'");
        }
        fmt = fmt.equals("jpg") ? "jpeg" : fmt;
        if (width < 16 || height < 16 || width > 4000 || height > 4000) {
            throw new RenderException("Chart images are 16 to 4000 pixels wide and high");
        }
        byte[] bytes;
        if (object.type().equals("kpi")) {
            bytes = KpiPainter.paint(object, objectData(objectId), width, height, fmt, quality);
        } else if (object.type().equals("table")) {
            throw new RenderException("Object '" + shorten(objectId) + "' is a table, not a chart: place it with table(...)");
        } else {
            ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
            ImageRequest request = new ImageRequest(width, height, fmt, quality);
            try {
                fromConnector(() -> {
                    session.chartImage(objectId, state, request, out);
                    return null;
                });
            } catch (ExtensionException e) {
                throw new RenderException("Chart '" + shorten(objectId) + "': " + e.getMessage(), e);
            }
            bytes = out.toByteArray();
        }
        return images.add(fmt.equals("png") ? "image/png" : "image/jpeg", bytes, width, height);
    }

    public Optional<String> iterationValue(String field) {
        return Optional.ofNullable(iteration.values().get(field));
    }

    public static String shorten(String text) {
        if (text == null) {
            return "null";
        }
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
