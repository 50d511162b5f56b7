package org.qalyptus.server.filter;

/** What a filter item selects: values of a field, the value of a variable, or a bookmark's selections. */
public enum FilterItemType {
    Field, Variable, Bookmark
}
