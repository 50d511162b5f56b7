package org.qalyptus.server.organization;

import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.web.ApiException;
import org.springframework.stereotype.Service;

/** Organizations as the caller may see them: their own, or all of them for tenant administrators. */
@Service
public class OrganizationService {

    private final OrganizationRepository organizations;
    private final OrganizationAccess access;

    OrganizationService(OrganizationRepository organizations, OrganizationAccess access) {
        this.organizations = organizations;
        this.access = access;
    }

    /** The organization, or 404 when it does not exist or is outside what the caller can see. */
    public OrganizationDocument get(Caller caller, String id) {
        OrganizationDocument organization = organizations.findById(id)
                .orElseThrow(() -> ApiException.notFound("Organization " + id));
        access.requireMember(caller, organization.id());
        return organization;
    }
}
