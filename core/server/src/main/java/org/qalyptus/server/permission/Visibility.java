package org.qalyptus.server.permission;

import java.util.Set;

/**
 * What a user may see among the projects of the organizations they can see, worked out from their
 * roles, memberships and ownership without looking at projects one by one.
 *
 * @param administeredOrganizations organizations where the user sees every project (administrators with
 *     at least a Viewer license)
 * @param licensedOrganizations organizations where the user's license allows viewing at all
 * @param projectIds projects granting {@code viewProject} to the user or one of their groups, or owned by
 *     the user; only those of licensed organizations are visible ({@link #admits})
 */
public record Visibility(String userId, Set<String> administeredOrganizations, Set<String> licensedOrganizations,
        Set<String> projectIds) {

    /** Whether a project (one of {@link #projectIds} or of an administered organization) is visible. */
    public boolean admits(String projectId, String organizationId) {
        return administeredOrganizations.contains(organizationId)
                || (licensedOrganizations.contains(organizationId) && projectIds.contains(projectId));
    }
}
