package org.qalyptus.server.organization;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.web.ApiResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Organizations")
class OrganizationController {

    private final OrganizationService organizations;

    OrganizationController(OrganizationService organizations) {
        this.organizations = organizations;
    }

    /** The organization as the API shows it. */
    record OrganizationView(String id, String name, String displayName, String description, boolean isDefault) {
        static OrganizationView of(OrganizationDocument o) {
            return new OrganizationView(o.id(), o.name(), o.displayName(), o.description(), o.isDefault());
        }
    }

    @Operation(summary = "Get organization by ID")
    @GetMapping("/api/v1/organizations/{id}")
    ApiResponse<OrganizationView> get(Caller caller, @PathVariable UUID id) {
        return ApiResponse.ok(OrganizationView.of(organizations.get(caller, id.toString())));
    }
}
