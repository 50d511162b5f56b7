package org.qalyptus.server.organization;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.user.UserDocument;
import org.qalyptus.server.user.UserRepository;
import org.qalyptus.server.web.ApiException;
import org.springframework.stereotype.Service;

/**
 * Organization-level access rules every feature shares: who can see an organization (404 otherwise)
 * and who administers it (403 otherwise). An API key limited to an organization sees only that one,
 * whatever its owner could see with a login session.
 */
@Service
public class OrganizationAccess {

    public static final String ADMINISTRATOR = "Administrator";

    private final UserRepository users;
    private final OrganizationRepository organizations;

    OrganizationAccess(UserRepository users, OrganizationRepository organizations) {
        this.users = users;
        this.organizations = organizations;
    }

    /** The caller's user, who must still exist. */
    public UserDocument user(Caller caller) {
        return users.findById(caller.userId()).orElseThrow(() -> ApiException.unauthorized("The account no longer exists"));
    }

    /**
     * Whether the caller's user holds the Tenant Administrator role (the tenant owner always does). Tenant
     * administration is not inside any organization, so an organization-limited API key keeps it, but such a
     * key still sees only its own organization's objects.
     */
    public boolean isTenantAdministrator(Caller caller) {
        return isTenantAdministrator(user(caller));
    }

    private static boolean isTenantAdministrator(UserDocument user) {
        return user.tenantOwner() || user.tenantAdmin();
    }

    /** @throws ApiException 403 when the caller is not a tenant administrator */
    public void requireTenantAdministrator(Caller caller, String what) {
        if (!isTenantAdministrator(caller)) {
            throw ApiException.forbidden("Only tenant administrators may " + what);
        }
    }

    /** Whether the caller sees every organization and every user: a tenant administrator whose credential is not limited. */
    public boolean seesWholeTenant(Caller caller) {
        return caller.limitedToOrganization().isEmpty() && isTenantAdministrator(caller);
    }

    /** Whether the caller may see the organization at all. */
    public boolean canSee(Caller caller, String organizationId) {
        return canSee(caller, user(caller), organizationId);
    }

    private static boolean canSee(Caller caller, UserDocument user, String organizationId) {
        if (caller.limitedToOrganization().filter(limit -> !limit.equals(organizationId)).isPresent()) {
            return false;
        }
        return isTenantAdministrator(user) || user.isMemberOf(organizationId);
    }

    /** Whether the caller administers the organization (tenant administrators administer every one they see). */
    public boolean administers(Caller caller, String organizationId) {
        UserDocument user = user(caller);
        return canSee(caller, user, organizationId) && administersVisible(user, organizationId);
    }

    private static boolean administersVisible(UserDocument user, String organizationId) {
        return isTenantAdministrator(user)
                || user.membership(organizationId).map(UserDocument.Membership::isAdministrator).orElse(false);
    }

    /** The ids of every existing organization the caller may see. */
    public Set<String> visibleOrganizationIds(Caller caller) {
        return visibleOrganizationIds(caller, user(caller));
    }

    private Set<String> visibleOrganizationIds(Caller caller, UserDocument user) {
        Set<String> candidates = isTenantAdministrator(user)
                ? organizations.findAll().stream().map(OrganizationDocument::id).collect(Collectors.toCollection(LinkedHashSet::new))
                : user.memberships().stream().map(UserDocument.Membership::organizationId)
                        .collect(Collectors.toCollection(LinkedHashSet::new));
        candidates.removeIf(id -> !canSee(caller, user, id));
        return candidates;
    }

    /** The ids of the organizations the caller administers. */
    public Set<String> administeredOrganizationIds(Caller caller) {
        UserDocument user = user(caller);
        Set<String> visible = visibleOrganizationIds(caller, user);
        visible.removeIf(id -> !administersVisible(user, id));
        return visible;
    }

    /**
     * The organization a new object of the caller goes into: the one the request names ({@code organizationID},
     * checked to exist but not to be visible: the caller checks what it needs), else the one the caller's API
     * key is limited to, else the caller's only organization.
     *
     * @throws ApiException 400 when the id is not a UUID or the caller belongs to several organizations and
     *     named none, 404 when the named organization does not exist
     */
    public String organizationForNew(Caller caller, String given) {
        if (given != null && !given.isBlank()) {
            try {
                java.util.UUID.fromString(given);
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid("organizationID", "must be a UUID");
            }
            if (organizations.findById(given).isEmpty()) {
                throw ApiException.notFound("Organization " + given);
            }
            return given;
        }
        if (caller.limitedToOrganization().isPresent()) {
            return caller.limitedToOrganization().get();
        }
        List<String> own = user(caller).memberships().stream().map(UserDocument.Membership::organizationId).distinct().toList();
        if (own.size() == 1) {
            return own.get(0);
        }
        throw ApiException.invalid("organizationID", "is required when you belong to several organizations");
    }

    /** @throws ApiException 404 when the caller may not see the organization */
    public void requireMember(Caller caller, String organizationId) {
        if (!canSee(caller, organizationId)) {
            throw ApiException.notFound("Organization " + organizationId);
        }
    }

    /** @throws ApiException 404 when the organization is invisible, 403 when visible but not administered */
    public void requireAdministrator(Caller caller, String organizationId) {
        UserDocument user = user(caller);
        if (!canSee(caller, user, organizationId)) {
            throw ApiException.notFound("Organization " + organizationId);
        }
        if (!administersVisible(user, organizationId)) {
            throw ApiException.forbidden("Only administrators of the organization may do this");
        }
    }
}
