package org.qalyptus.server.filter;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The bodies the filter routes accept: the API reference's fields, plus our extensions: {@code qlikAppID}
 * (the app a filter draws from), element names ({@code fieldName}, {@code variableName},
 * {@code bookmarkName}) in place of their ids, {@code position} for ordering, and {@code version} for
 * optimistic concurrency (or the {@code If-Match} header).
 */
public final class FilterRequests {

    private FilterRequests() {}

    public record CreateFilter(String name, String description, @JsonProperty("projectID") String projectID,
            @JsonProperty("qlikAppID") String qlikAppID) {}

    /** @param projectID optional; a filter stays in its project, so when given it must be the filter's own */
    public record UpdateFilter(String name, String description, @JsonProperty("projectID") String projectID,
            @JsonProperty("qlikAppID") String qlikAppID, Long version) {}

    /** Both optional: the copy goes into the filter's own project unless another project is named. */
    public record DuplicateFilter(@JsonProperty("projectID") String projectID,
            @JsonProperty("organizationID") String organizationID) {}

    /** Adds a field item ({@code id} absent) or changes one. */
    public record FieldValues(String id, @JsonProperty("qlikFieldID") String qlikFieldID,
            List<String> filterItemFieldValues, @JsonProperty("qlikAppID") String qlikAppID, String fieldName,
            Long version) {}

    /** Adds a variable item ({@code id} absent) or changes one. */
    public record VariableValue(String id, @JsonProperty("qlikVariableID") String qlikVariableID, String variableValue,
            @JsonProperty("qlikAppID") String qlikAppID, String variableName, Long version) {}

    /** Adds a bookmark item ({@code id} absent) or changes one. */
    public record BookmarkValue(String id, @JsonProperty("qlikBookmarkID") String qlikBookmarkID,
            @JsonProperty("qlikAppID") String qlikAppID, String bookmarkName, Long version) {}

    /**
     * Moves one item: one step {@code Up} or {@code Down}, or to {@code position} (from 0).
     */
    public record OrderItem(String id, String direction, Integer position, Long version) {}
}
