package org.qalyptus.spi.app;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;
import org.qalyptus.spi.ExtensionException;
import org.qalyptus.spi.app.AppModel.BookmarkInfo;
import org.qalyptus.spi.app.AppModel.DataPage;
import org.qalyptus.spi.app.AppModel.EvaluatedValue;
import org.qalyptus.spi.app.AppModel.FieldInfo;
import org.qalyptus.spi.app.AppModel.FieldValuePage;
import org.qalyptus.spi.app.AppModel.ImageRequest;
import org.qalyptus.spi.app.AppModel.ObjectData;
import org.qalyptus.spi.app.AppModel.SelectionState;
import org.qalyptus.spi.app.AppModel.SheetInfo;
import org.qalyptus.spi.app.AppModel.ValueQuery;
import org.qalyptus.spi.app.AppModel.VariableInfo;

/**
 * An open app. Every read takes the {@link SelectionState} it is made under, so a session holds no
 * selection of its own and one session may serve several states. Used by one execution at a time;
 * not required to be thread-safe. Every method throws {@link ExtensionException} naming the missing
 * field, object or bookmark, or the position and cause of an expression error.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface AppSession extends AutoCloseable {

    AppModel.AppInfo app();

    List<FieldInfo> fields();

    /**
     * The values of a field that are possible under the selections made in the other fields (Qlik's
     * "possible" and "alternative" values), in ascending order, with the ones selected in {@code state}
     * flagged; {@code total} counts every match of the search, across pages.
     */
    FieldValuePage fieldValues(String field, SelectionState state, ValueQuery query);

    /** Variables with their values evaluated under {@code state}. */
    List<VariableInfo> variables(SelectionState state);

    List<BookmarkInfo> bookmarks();

    /** The selections a bookmark stands for, so the host can show and combine them. */
    SelectionState bookmarkSelections(String bookmarkId);

    List<SheetInfo> sheets();

    /** One page of an object's rows, with its totals, formatted per its formats and {@code page.format()}. */
    ObjectData objectData(String objectId, SelectionState state, DataPage page);

    /** Draws a chart object into {@code out}; the caller owns the stream. */
    void chartImage(String objectId, SelectionState state, ImageRequest request, OutputStream out);

    /** Evaluates an expression (with or without a leading {@code =}) under {@code state}. */
    EvaluatedValue evaluate(String expression, SelectionState state);

    /**
     * An object's data for each value of an iteration field, as if each value alone were selected on
     * top of {@code state}. Connectors that can should compute this in one grouped pass; the default
     * reads the object once per value.
     *
     * @return value to data, in the order of {@code values}
     */
    default Map<String, ObjectData> objectDataPerValue(
            String objectId, SelectionState state, String field, List<String> values, DataPage page) {
        Map<String, ObjectData> result = new LinkedHashMap<>();
        for (String value : values) {
            Map<String, List<String>> fields = new LinkedHashMap<>(state.fields());
            fields.put(field, List.of(value));
            result.put(value, objectData(objectId, new SelectionState(fields, state.variables(), state.bookmarkId()), page));
        }
        return result;
    }

    /**
     * What the session has to tell the log of the run that uses it, made since the last call (for example which
     * way chart images were made: exported by the BI platform or drawn from the data); the host writes each to
     * the execution log. Default: nothing.
     */
    default List<String> takeNotes() {
        return List.of();
    }

    /**
     * The named variables with their values evaluated under {@code state}, in the order of {@code names}; a name the
     * app has no variable for is left out, a value that cannot be evaluated is null (as in {@link #variables}).
     * Connectors that can should evaluate only these; the default evaluates every variable and keeps these.
     */
    default List<VariableInfo> variables(List<String> names, SelectionState state) {
        Map<String, VariableInfo> byName = new LinkedHashMap<>();
        for (VariableInfo variable : variables(state)) {
            byName.putIfAbsent(variable.name(), variable);
        }
        List<VariableInfo> named = new java.util.ArrayList<>();
        for (String name : new java.util.LinkedHashSet<>(names)) {
            VariableInfo variable = byName.get(name);
            if (variable != null) {
                named.add(variable);
            }
        }
        return named;
    }

    /**
     * The named variables for each value of an iteration field, as if each value alone were selected on top of
     * {@code state}: what {@link #variables(List, SelectionState)} answers under each value's state. Connectors that
     * can should evaluate them for every value in one grouped pass; the default evaluates them value by value.
     *
     * @return value to its variables, in the order of {@code values}
     */
    default Map<String, List<VariableInfo>> variablesPerValue(List<String> names, SelectionState state, String field,
            List<String> values) {
        Map<String, List<VariableInfo>> result = new LinkedHashMap<>();
        for (String value : values) {
            result.put(value, variables(names, withValue(state, field, value)));
        }
        return result;
    }

    /** {@code state} with {@code value} alone selected in {@code field}: one iteration value's state. */
    private static SelectionState withValue(SelectionState state, String field, String value) {
        SelectionState base = state == null ? SelectionState.EMPTY : state;
        Map<String, List<String>> fields = new LinkedHashMap<>(base.fields());
        fields.put(field, List.of(value));
        return new SelectionState(fields, base.variables(), base.bookmarkId());
    }

    /** Releases the session; never throws. */
    @Override
    void close();

}
