package org.qalyptus.server.graphql;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.organization.OrganizationRequests.CreateOrganization;
import org.qalyptus.server.organization.OrganizationRequests.UpdateAuthentications;
import org.qalyptus.server.organization.OrganizationRequests.UpdateOrganization;
import org.qalyptus.server.organization.OrganizationService;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

/** The organization mutations, authentications included; the REST routes' service calls. */
@Controller
class OrganizationMutations {

    private final OrganizationService organizations;

    OrganizationMutations(OrganizationService organizations) {
        this.organizations = organizations;
    }

    @MutationMapping
    Map<String, Object> createOrganization(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("organization", () -> organizations.create(caller, new CreateOrganization(
                Inputs.string(input, "name"), Inputs.string(input, "displayName"), Inputs.string(input, "description"),
                AdminInputs.uuid(input, "themeId", "Theme", "themeID"))));
    }

    @MutationMapping
    Map<String, Object> updateOrganization(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("organization", () -> organizations.update(caller,
                Inputs.uuid(input, "id", "Organization"), new UpdateOrganization(Inputs.string(input, "displayName"),
                        Inputs.string(input, "description"), AdminInputs.uuid(input, "themeId", "Theme", "themeID"))));
    }

    @MutationMapping
    Map<String, Object> deleteOrganizations(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("deletedIds", () -> {
            List<String> ids = Inputs.uuids(input, "ids", "Organization").stream().map(UUID::toString).distinct().toList();
            organizations.deleteAll(caller, ids);
            return ids;
        });
    }

    @MutationMapping
    Map<String, Object> updateOrganizationAuthentications(@ContextValue Caller caller,
            @Argument Map<String, Object> input) {
        return UserErrors.payload("authentications", () -> organizations.updateAuthentications(caller,
                Inputs.uuid(input, "id", "Organization"), new UpdateAuthentications(
                        input.get("qalyptusAuth") instanceof Boolean b ? b : null,
                        AdminInputs.uuid(input, "identityProviderId", "IdentityProvider", "identityProvider"),
                        Inputs.string(input, "identityProviderDefaultRole"))));
    }
}
