package org.qalyptus.server.organization;

import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.user.UserDocument;
import org.qalyptus.server.user.UserRepository;
import org.qalyptus.server.web.ApiException;
import org.springframework.stereotype.Service;

/** Organizations as the caller may see them: their own, or all of them for tenant administrators. */
@Service
public class OrganizationService {

    private final OrganizationRepository organizations;
    private final UserRepository users;

    OrganizationService(OrganizationRepository organizations, UserRepository users) {
        this.organizations = organizations;
        this.users = users;
    }

    /** The organization, or 404 when it does not exist or is outside what the caller can see. */
    public OrganizationDocument get(Caller caller, String id) {
        OrganizationDocument organization = organizations.findById(id)
                .orElseThrow(() -> ApiException.notFound("Organization " + id));
        if (!visible(caller, organization)) {
            throw ApiException.notFound("Organization " + id);
        }
        return organization;
    }

    private boolean visible(Caller caller, OrganizationDocument organization) {
        if (caller.limitedToOrganization().filter(limit -> !limit.equals(organization.id())).isPresent()) {
            return false;
        }
        UserDocument user = users.findById(caller.userId()).orElse(null);
        if (user == null) {
            return false;
        }
        return user.tenantAdmin() || user.tenantOwner()
                || user.memberships().stream().anyMatch(m -> m.organizationId().equals(organization.id()));
    }
}
