package org.qalyptus.server.execution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qalyptus.server.filter.FilterDocument;
import org.qalyptus.server.filter.FilterItem;
import org.qalyptus.spi.app.AppModel.FieldValue;
import org.qalyptus.spi.app.AppModel.FieldValuePage;
import org.qalyptus.spi.app.AppModel.SelectionState;
import org.qalyptus.spi.app.AppModel.ValueQuery;
import org.qalyptus.spi.app.AppSession;

/**
 * A task report's filters applied in order to a selection state. A bookmark brings its selections; a
 * field selected again (by a later item or filter) keeps only the values both selections name (levels
 * intersect); a variable item sets the variable. After every field item the field must still have a
 * possible selected value: a selection that leaves nothing is an {@link EmptySelection}, reported in the log
 * rather than rendering an empty report.
 */
final class TaskSelections {

    /** Values read at most to check that a field selection leaves something. */
    static final int CHECKED_VALUES = 100_000;

    /** A filter item that leaves a field with nothing selected. */
    static final class EmptySelection extends RuntimeException {
        EmptySelection(String message) {
            super(message);
        }
    }

    private TaskSelections() {}

    static SelectionState apply(AppSession session, String appId, List<FilterDocument> filters, ExecutionLog log) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        Map<String, String> variables = new LinkedHashMap<>();
        String bookmark = null;
        for (FilterDocument filter : filters) {
            if (filter.appId() != null && !filter.appId().equals(appId)) {
                log.warn("Filter '" + filter.name() + "' selects in another app than the report's; not applied");
                continue;
            }
            for (FilterItem item : filter.items()) {
                switch (item.type()) {
                    case Bookmark -> {
                        SelectionState marked = session.bookmarkSelections(item.name());
                        bookmark = item.name();
                        marked.fields().forEach((field, values) -> select(fields, field, values));
                        variables.putAll(marked.variables());
                    }
                    case Variable -> variables.put(item.name(), item.value() == null ? "" : item.value());
                    case Field -> {
                        select(fields, item.name(), item.values());
                        SelectionState now = new SelectionState(fields, variables, null);
                        if (fields.get(item.name()).isEmpty() || !leavesSomething(session, item.name(), now)) {
                            throw new EmptySelection("Filter '" + filter.name() + "': the selection of "
                                    + item.values().size() + " value(s) in field '" + item.name() + "' leaves nothing selected");
                        }
                    }
                }
            }
            log.info("Filter '" + filter.name() + "' applied (" + filter.items().size() + " item(s))");
        }
        // The bookmark's selections are already merged into the fields; it is not applied a second time.
        return new SelectionState(fields, variables, null);
    }

    private static void select(Map<String, List<String>> fields, String field, List<String> values) {
        List<String> previous = fields.get(field);
        if (previous == null) {
            fields.put(field, List.copyOf(values));
            return;
        }
        List<String> both = new ArrayList<>(previous);
        both.retainAll(values);
        fields.put(field, List.copyOf(both));
    }

    private static boolean leavesSomething(AppSession session, String field, SelectionState state) {
        FieldValuePage page = session.fieldValues(field, state, new ValueQuery(null, 0, CHECKED_VALUES));
        return page.values().stream().anyMatch(FieldValue::selected);
    }
}
