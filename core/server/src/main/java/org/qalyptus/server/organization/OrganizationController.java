package org.qalyptus.server.organization;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.organization.OrganizationRequests.CreateOrganization;
import org.qalyptus.server.organization.OrganizationRequests.UpdateAuthentications;
import org.qalyptus.server.organization.OrganizationRequests.UpdateOrganization;
import org.qalyptus.server.user.UserDocument;
import org.qalyptus.server.user.UserRepository;
import org.qalyptus.server.user.UserService;
import org.qalyptus.server.user.UserViews;
import org.qalyptus.server.user.UserViews.UserView;
import org.qalyptus.server.web.ApiResponse;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Organizations")
class OrganizationController {

    private final OrganizationService organizations;
    private final OrganizationAccess access;
    private final UserService users;
    private final UserRepository userRepository;
    private final UserViews userViews;
    private final OrganizationResources resources;

    OrganizationController(OrganizationService organizations, OrganizationAccess access, UserService users,
            UserRepository userRepository, UserViews userViews, OrganizationResources resources) {
        this.resources = resources;
        this.organizations = organizations;
        this.access = access;
        this.users = users;
        this.userRepository = userRepository;
        this.userViews = userViews;
    }

    /** The organization as the API shows it; {@code members} is the number of members. */
    record OrganizationView(String id, String name, String displayName, String description, String themeID,
            boolean isDefault, long members, Instant createdDate) {}

    /** One of the caller's own organizations, with the caller's role and license in it. */
    record UserOrganizationView(String id, String name, String displayName, String description, String themeID,
            boolean isDefault, String role, String license) {}

    private OrganizationView view(OrganizationDocument o) {
        return new OrganizationView(o.id(), o.name(), o.displayName(), o.description(), o.themeId(), o.isDefault(),
                organizations.memberCount(o.id()), o.createdAt());
    }

    @Operation(summary = "Create organization (tenant administrators); its 'All users' group is created with it")
    @PostMapping("/api/v1/organizations")
    ApiResponse<OrganizationView> create(Caller caller, @RequestBody CreateOrganization request) {
        return ApiResponse.ok(view(organizations.create(caller, request)));
    }

    @Operation(summary = "Get all organizations the caller can see")
    @GetMapping("/api/v1/organizations")
    ApiResponse<List<OrganizationView>> list(Caller caller) {
        return ApiResponse.ok(organizations.list(caller).stream().map(this::view).toList());
    }

    @Operation(summary = "Update organization")
    @PutMapping("/api/v1/organizations/{id}")
    ApiResponse<OrganizationView> update(Caller caller, @PathVariable UUID id, @RequestBody UpdateOrganization request) {
        return ApiResponse.ok(view(organizations.update(caller, id.toString(), request)));
    }

    @Operation(summary = "Get organization by ID")
    @GetMapping("/api/v1/organizations/{id}")
    ApiResponse<OrganizationView> get(Caller caller, @PathVariable UUID id) {
        return ApiResponse.ok(view(organizations.get(caller, id.toString())));
    }

    @Operation(summary = "Delete organization (tenant administrators; never the default one)")
    @DeleteMapping("/api/v1/organizations/{id}")
    ApiResponse<Void> delete(Caller caller, @PathVariable UUID id) {
        organizations.deleteAll(caller, List.of(id.toString()));
        return ApiResponse.ok(null);
    }

    @Operation(summary = "Delete organizations (all or none)")
    @DeleteMapping("/api/v1/organizations")
    ApiResponse<Void> deleteAll(Caller caller, @RequestBody @NotNull List<@NotNull UUID> ids) {
        organizations.deleteAll(caller, ids.stream().map(UUID::toString).toList());
        return ApiResponse.ok(null);
    }

    @Operation(summary = "Get the caller's own organizations, with the caller's role and license in each")
    @GetMapping("/api/v1/organizations/user")
    ApiResponse<List<UserOrganizationView>> ofUser(Caller caller) {
        UserDocument user = access.user(caller);
        return ApiResponse.ok(organizations.ofCallerUser(caller).stream().map(o -> {
            UserDocument.Membership m = user.membership(o.id()).orElseThrow();
            return new UserOrganizationView(o.id(), o.name(), o.displayName(), o.description(), o.themeId(), o.isDefault(),
                    m.role(), m.licenseLevel().name());
        }).toList());
    }

    @Operation(summary = "Get organization members")
    @GetMapping("/api/v1/organizations/{id}/members")
    ApiResponse<List<UserView>> members(Caller caller, @PathVariable UUID id) {
        return ApiResponse.ok(userViews.all(caller, users.membersOf(caller, id.toString())));
    }

    @Operation(summary = "Get organization resources (its connections and storage services; administrators)")
    @GetMapping("/api/v1/organizations/{id}/resources")
    ApiResponse<List<OrganizationResources.Resource>> resources(Caller caller, @PathVariable UUID id) {
        return ApiResponse.ok(resources.of(caller, id.toString()));
    }

    @Operation(summary = "Get organization authentications")
    @GetMapping("/api/v1/organizations/{id}/authentications")
    ApiResponse<OrganizationService.Authentications> authentications(Caller caller, @PathVariable UUID id) {
        return ApiResponse.ok(organizations.authentications(caller, id.toString()));
    }

    @Operation(summary = "Update organization authentications (at least one way to sign in must stay on)")
    @PutMapping("/api/v1/organizations/{id}/authentications")
    ApiResponse<OrganizationService.Authentications> updateAuthentications(Caller caller, @PathVariable UUID id,
            @RequestBody UpdateAuthentications request) {
        return ApiResponse.ok(organizations.updateAuthentications(caller, id.toString(), request));
    }
}
