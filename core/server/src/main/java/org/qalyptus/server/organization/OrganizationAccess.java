package org.qalyptus.server.organization;

import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.user.UserDocument;
import org.qalyptus.server.user.UserRepository;
import org.qalyptus.server.web.ApiException;
import org.springframework.stereotype.Service;

/**
 * Organization-level access rules every feature shares: who can see an organization (404 otherwise)
 * and who administers it (403 otherwise). An API key limited to an organization sees only that one.
 */
@Service
public class OrganizationAccess {

    public static final String ADMINISTRATOR = "Administrator";

    private final UserRepository users;

    OrganizationAccess(UserRepository users) {
        this.users = users;
    }

    /** The caller's user, who must still exist and be active. */
    public UserDocument user(Caller caller) {
        return users.findById(caller.userId()).orElseThrow(() -> ApiException.unauthorized("The account no longer exists"));
    }

    public boolean isTenantAdministrator(Caller caller) {
        UserDocument user = user(caller);
        return user.tenantOwner() || user.tenantAdmin();
    }

    /** Whether the caller may see the organization at all. */
    public boolean canSee(Caller caller, String organizationId) {
        if (caller.limitedToOrganization().filter(limit -> !limit.equals(organizationId)).isPresent()) {
            return false;
        }
        UserDocument user = user(caller);
        return user.tenantOwner() || user.tenantAdmin()
                || user.memberships().stream().anyMatch(m -> m.organizationId().equals(organizationId));
    }

    /** @throws ApiException 404 when the caller may not see the organization */
    public void requireMember(Caller caller, String organizationId) {
        if (!canSee(caller, organizationId)) {
            throw ApiException.notFound("Organization " + organizationId);
        }
    }

    /** @throws ApiException 404 when the organization is invisible, 403 when visible but not administered */
    public void requireAdministrator(Caller caller, String organizationId) {
        requireMember(caller, organizationId);
        UserDocument user = user(caller);
        boolean administers = user.tenantOwner() || user.tenantAdmin() || user.memberships().stream()
                .anyMatch(m -> m.organizationId().equals(organizationId) && ADMINISTRATOR.equals(m.role()));
        if (!administers) {
            throw ApiException.forbidden("Only administrators of the organization may do this");
        }
    }
}
