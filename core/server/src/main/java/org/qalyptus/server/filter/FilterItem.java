package org.qalyptus.server.filter;

import java.util.List;

/**
 * One item of a filter, as stored. The app element is kept by its stable id ({@code AppElementIds}) and
 * by the name it had when the item was written, so reading a filter never opens the app.
 *
 * @param elementId the API's {@code qlikFieldID}, {@code qlikVariableID} or {@code qlikBookmarkID}
 * @param name the field or variable name, or the bookmark's id in its app
 * @param label the bookmark's name; null for fields and variables
 * @param values the selected values of a field item (text form, in the order given); empty otherwise
 * @param value the value a variable item sets; null otherwise
 */
public record FilterItem(String id, FilterItemType type, String elementId, String name, String label,
        List<String> values, String value) {

    public FilterItem {
        values = values == null ? List.of() : List.copyOf(values);
    }

    /** The same item under another id (copies of a filter give their items new ids). */
    FilterItem withId(String newId) {
        return new FilterItem(newId, type, elementId, name, label, values, value);
    }
}
