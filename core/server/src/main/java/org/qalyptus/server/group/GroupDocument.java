package org.qalyptus.server.group;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A group of users inside one organization.
 *
 * @param isDefault whether this is the organization's "All users" group, kept in step with membership
 */
@Document("groups")
@CompoundIndex(name = "organization_name", def = "{'organizationId': 1, 'name': 1}", unique = true)
public record GroupDocument(
        @Id String id, String organizationId, String name, String description, boolean isDefault, Instant createdAt) {

    public static final String ALL_USERS = "All users";
}
