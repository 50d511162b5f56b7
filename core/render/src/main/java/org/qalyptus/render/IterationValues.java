package org.qalyptus.render;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.qalyptus.spi.app.AppModel.SelectionState;

/**
 * The current values of a report's iteration fields (one combination of a cycle), in the order of the
 * fields. Rendering selects each value on top of the task's selection state.
 *
 * @param values field name to its value for this document, in iteration order; empty for no iteration
 */
public record IterationValues(Map<String, String> values) {

    public static final IterationValues NONE = new IterationValues(Map.of());

    public IterationValues {
        Objects.requireNonNull(values, "values");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static IterationValues of(String field, String value) {
        return new IterationValues(Map.of(field, value));
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** The values in field order. */
    public List<String> list() {
        return new ArrayList<>(values.values());
    }

    /** {@code state} with each iteration field selected to its single value (replacing any selection in it). */
    public SelectionState applyTo(SelectionState state) {
        if (values.isEmpty()) {
            return state;
        }
        Map<String, List<String>> fields = new LinkedHashMap<>(state.fields());
        values.forEach((field, value) -> fields.put(field, List.of(value)));
        return new SelectionState(fields, state.variables(), state.bookmarkId());
    }
}
