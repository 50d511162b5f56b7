package org.qalyptus.server.project;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A project as the API shows it: the list fields of the live API (id, name, owner, isMine, ownerName,
 * description, isGlobalPermissions) plus its organization.
 *
 * @param owner the owner's user id
 * @param isMine whether the caller owns it
 */
public record ProjectView(
        String id,
        String name,
        String description,
        String owner,
        String ownerName,
        @JsonProperty("isMine") boolean isMine,
        @JsonProperty("isGlobalPermissions") boolean isGlobalPermissions,
        @JsonProperty("organizationID") String organizationID,
        Instant createdAt,
        Instant updatedAt) {}
