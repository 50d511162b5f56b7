package org.qalyptus.server.permission;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.data.mongodb.core.query.Criteria;

/**
 * What a user may see among the projects of the organizations they can see, worked out from their
 * roles and memberships without looking at projects one by one.
 *
 * @param administeredOrganizations organizations where the user sees every project (administrators with
 *     at least a Viewer license)
 * @param licensedOrganizations organizations where the user's license allows viewing at all
 * @param grantedProjectIds projects granting {@code viewProject} to the user or one of their groups (the
 *     criteria keep those of licensed organizations)
 */
public record Visibility(String userId, Set<String> administeredOrganizations, Set<String> licensedOrganizations,
        Set<String> grantedProjectIds) {

    /** The filter on the {@code projects} collection (fields {@code _id}, {@code organizationId}, {@code ownerId}). */
    public Criteria projectCriteria() {
        List<Criteria> any = new ArrayList<>();
        if (!administeredOrganizations.isEmpty()) {
            any.add(Criteria.where("organizationId").in(administeredOrganizations));
        }
        if (!licensedOrganizations.isEmpty()) {
            any.add(Criteria.where("ownerId").is(userId).and("organizationId").in(licensedOrganizations));
        }
        if (!grantedProjectIds.isEmpty()) {
            any.add(Criteria.where("_id").in(grantedProjectIds).and("organizationId").in(licensedOrganizations));
        }
        if (any.isEmpty()) {
            return Criteria.where("_id").in(List.of());
        }
        return any.size() == 1 ? any.get(0) : new Criteria().orOperator(any);
    }
}
