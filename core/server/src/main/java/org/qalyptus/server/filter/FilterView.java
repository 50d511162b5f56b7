package org.qalyptus.server.filter;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import org.qalyptus.server.asset.ProjectSummary;

/**
 * A filter as the API shows it: the list fields of the live API (id, name, owner, isMine, project{},
 * ownerName, description) plus its organization, app, version and times; {@code items} only in answers
 * for one filter (and the report's filters), not in lists.
 *
 * @param owner the owner's user id
 * @param appId the app the items belong to, or null
 */
public record FilterView(
        String id,
        String name,
        String description,
        String owner,
        String ownerName,
        @JsonProperty("isMine") boolean isMine,
        ProjectSummary project,
        @JsonProperty("organizationID") String organizationID,
        String appId,
        Long version,
        Instant createdAt,
        Instant updatedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<FilterItemView> items) {}
