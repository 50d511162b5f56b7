package org.qalyptus.server.permission;

import java.util.List;
import java.util.Set;
import org.qalyptus.server.organization.OrganizationAccess;
import org.qalyptus.server.user.UserDocument;
import org.qalyptus.server.user.UserDocument.Membership;

/**
 * A user as the permission rules see them inside one organization: their groups there, their license
 * there and whether they administer it. Built from the user document on every request, so role,
 * license and group changes apply at once.
 *
 * @param groupIds the user's groups in the organization (group membership is a role link)
 * @param license the license cap in the organization
 * @param administrator organization Administrator, Tenant Administrator or tenant owner
 */
public record Subject(String userId, String organizationId, Set<String> groupIds, LicenseLevel license,
        boolean administrator) {

    public Subject {
        groupIds = Set.copyOf(groupIds);
    }

    /**
     * The user's standing in the organization. A Tenant Administrator (and the tenant owner) administers
     * every organization; their role carries a Creator license even where they have no membership.
     */
    public static Subject of(UserDocument user, String organizationId) {
        Membership membership = user.memberships().stream()
                .filter(m -> organizationId.equals(m.organizationId())).findFirst().orElse(null);
        boolean tenantAdministrator = user.tenantOwner() || user.tenantAdmin();
        LicenseLevel license = membership == null ? LicenseLevel.Unlicensed
                : LicenseLevel.parse(membership.license()).orElse(LicenseLevel.Unlicensed);
        if (tenantAdministrator) {
            license = LicenseLevel.max(license, LicenseLevel.Creator);
        }
        boolean administrator = tenantAdministrator
                || (membership != null && OrganizationAccess.ADMINISTRATOR.equals(membership.role()));
        List<String> groups = membership == null ? List.of() : membership.groupIds();
        return new Subject(user.id(), organizationId, Set.copyOf(groups), license, administrator);
    }
}
