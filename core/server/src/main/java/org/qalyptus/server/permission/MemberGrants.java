package org.qalyptus.server.permission;

import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What one member (user or group) may see, keyed by the member's id so that list queries read it by
 * primary key: the projects whose project-level membership grants the member {@code viewProject}, and
 * (for users) the projects they own. Derived from the memberships and projects, written after them when
 * granting and before them when revoking, so a write cut short can only hide a project from a list,
 * never show one.
 */
@Document("permissionMembers")
public record MemberGrants(@Id String id, List<String> viewProjectIds, List<String> ownedProjectIds) {

    public MemberGrants {
        viewProjectIds = viewProjectIds == null ? List.of() : List.copyOf(viewProjectIds);
        ownedProjectIds = ownedProjectIds == null ? List.of() : List.copyOf(ownedProjectIds);
    }
}
