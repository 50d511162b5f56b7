package org.qalyptus.server.permission;

import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What one member (user or group) is granted to see, keyed by the member's id so that list queries
 * read it by primary key: the projects whose project-level membership grants the member
 * {@code viewProject}. Derived from the memberships and written after them when granting, before them
 * when revoking, so a write cut short can only hide a project from a list, never show one.
 */
@Document("permissionMembers")
public record MemberGrants(@Id String id, List<String> viewProjectIds) {

    public MemberGrants {
        viewProjectIds = viewProjectIds == null ? List.of() : List.copyOf(viewProjectIds);
    }
}
