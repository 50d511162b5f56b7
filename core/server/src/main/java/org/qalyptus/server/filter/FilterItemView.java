package org.qalyptus.server.filter;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A filter item as the API shows it. Every item has its id, filter, type ({@code Field}, {@code Variable},
 * {@code Bookmark}), order (from 0, dense) and name; then the fields of its type, named as in the request
 * bodies. {@code filterVersion} (the filter's version after the change) is only in answers to changes.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FilterItemView(
        String id,
        @JsonProperty("filterID") String filterID,
        FilterItemType type,
        int order,
        String name,
        @JsonProperty("qlikAppID") String qlikAppID,
        @JsonProperty("qlikFieldID") String qlikFieldID,
        String fieldName,
        List<String> filterItemFieldValues,
        @JsonProperty("qlikVariableID") String qlikVariableID,
        String variableName,
        String variableValue,
        @JsonProperty("qlikBookmarkID") String qlikBookmarkID,
        String bookmarkName,
        Long filterVersion) {

    static FilterItemView of(FilterDocument filter, int order, Long filterVersion) {
        FilterItem item = filter.items().get(order);
        String display = item.type() == FilterItemType.Bookmark ? item.label() : item.name();
        return switch (item.type()) {
            case Field -> new FilterItemView(item.id(), filter.id(), item.type(), order, display, filter.appId(),
                    item.elementId(), item.name(), item.values(), null, null, null, null, null, filterVersion);
            case Variable -> new FilterItemView(item.id(), filter.id(), item.type(), order, display, filter.appId(),
                    null, null, null, item.elementId(), item.name(), item.value(), null, null, filterVersion);
            case Bookmark -> new FilterItemView(item.id(), filter.id(), item.type(), order, display, filter.appId(),
                    null, null, null, null, null, null, item.elementId(), item.label(), filterVersion);
        };
    }

    static List<FilterItemView> all(FilterDocument filter) {
        return java.util.stream.IntStream.range(0, filter.items().size()).mapToObj(i -> of(filter, i, null)).toList();
    }
}
