package org.qalyptus.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qalyptus.spi.ExtensionException;
import org.qalyptus.spi.app.AppModel.FieldValue;
import org.qalyptus.spi.app.AppModel.FieldValuePage;
import org.qalyptus.spi.app.AppModel.SelectionState;
import org.qalyptus.spi.app.AppModel.ValueQuery;
import org.qalyptus.spi.app.AppSession;

/**
 * Expands a report's iteration fields into the documents to render: every combination of their values (the
 * first field varies slowest), like Qalyptus cycles. A field's values are those possible under the state; when
 * the state selects some of them, only the selected ones.
 */
public final class Iterations {

    private Iterations() {}

    /**
     * @return one {@link IterationValues} per document; a single {@link IterationValues#NONE} for no fields
     * @throws RenderException when there would be more than {@code max} documents or a field does not exist
     */
    public static List<IterationValues> combinations(AppSession session, SelectionState state, List<String> fields, int max) {
        List<IterationValues> result = new ArrayList<>();
        result.add(IterationValues.NONE);
        for (String field : fields) {
            List<String> values = values(session, state, field, max);
            List<IterationValues> next = new ArrayList<>();
            for (IterationValues prefix : result) {
                for (String value : values) {
                    if (next.size() >= max) {
                        throw new RenderException("The iteration over " + String.join(", ", fields) + " gives more than " + max
                                + " documents");
                    }
                    Map<String, String> combined = new LinkedHashMap<>(prefix.values());
                    combined.put(field, value);
                    next.add(new IterationValues(combined));
                }
            }
            result = next;
        }
        return result;
    }

    private static List<String> values(AppSession session, SelectionState state, String field, int max) {
        FieldValuePage page;
        try {
            page = session.fieldValues(field, state, new ValueQuery(null, 0, max + 1));
        } catch (ExtensionException e) {
            throw new RenderException("Iteration field '" + field + "': " + e.getMessage(), e);
        }
        if (page.total() > max) {
            throw new RenderException("Iteration field '" + field + "' has " + page.total() + " values; at most " + max);
        }
        List<String> selected = page.values().stream().filter(FieldValue::selected).map(FieldValue::text).toList();
        return selected.isEmpty() ? page.values().stream().map(FieldValue::text).toList() : selected;
    }
}
