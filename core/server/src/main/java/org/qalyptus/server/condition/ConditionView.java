package org.qalyptus.server.condition;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import org.qalyptus.server.asset.ProjectSummary;

/**
 * A condition as the API shows it: the list fields every project asset has (id, name, owner, isMine,
 * project{}, ownerName, description) plus its organization, version and times; {@code rules} only in
 * answers for one condition, not in lists.
 *
 * @param owner the owner's user id
 */
public record ConditionView(
        String id,
        String name,
        String description,
        String owner,
        String ownerName,
        @JsonProperty("isMine") boolean isMine,
        ProjectSummary project,
        @JsonProperty("organizationID") String organizationID,
        Long version,
        Instant createdAt,
        Instant updatedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<RuleView> rules) {}
