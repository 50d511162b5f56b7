package org.qalyptus.server.project;

import java.time.Instant;
import java.util.Locale;
import org.qalyptus.server.permission.ProjectRef;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A project: owns reports, filters, conditions and tasks, and their permissions.
 *
 * @param organizationId fixed at creation
 * @param nameKey the name as compared for uniqueness within the organization (trimmed, lower-case)
 * @param globalPermissions global mode (assets inherit the project's members) or customizable mode
 */
@Document("projects")
@CompoundIndex(name = "organization_name", def = "{'organizationId': 1, 'nameKey': 1}", unique = true)
public record ProjectDocument(
        @Id String id,
        String organizationId,
        String name,
        String nameKey,
        String description,
        @Indexed String ownerId,
        boolean globalPermissions,
        Instant createdAt,
        Instant updatedAt) {

    public static String nameKey(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }

    public ProjectRef ref() {
        return new ProjectRef(id, organizationId, ownerId, globalPermissions);
    }
}
