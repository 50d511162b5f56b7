package org.qalyptus.server.organization;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.connection.ConnectionService;
import org.qalyptus.server.user.UserDocument;
import org.qalyptus.server.storageservice.StorageServiceService;
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
    private final ConnectionService connections;
    private final StorageServiceService storageServices;

    OrganizationController(OrganizationService organizations, OrganizationAccess access, UserService users,
            UserRepository userRepository, UserViews userViews, ConnectionService connections,
            StorageServiceService storageServices) {
        this.connections = connections;
        this.storageServices = storageServices;
        this.organizations = organizations;
        this.access = access;
        this.users = users;
        this.userRepository = userRepository;
        this.userViews = userViews;
    }

    record CreateOrganization(@Size(max = 64) String name, @NotBlank @Size(max = 200) String displayName,
            @Size(max = 2000) String description, @NotNull UUID themeID) {}

    record UpdateOrganization(@NotBlank @Size(max = 200) String displayName, @Size(max = 2000) String description,
            @NotNull UUID themeID) {}

    /**
     * @param identityProviderDefaultRole not in the reference: who signs in through the identity provider without an
     *     account becomes a member with this license ({@code Viewer}, {@code Explorer}, {@code Creator}) or is refused
     *     ({@code Off}); absent keeps the current setting
     */
    record UpdateAuthentications(@NotNull Boolean qalyptusAuth, UUID identityProvider,
            @Size(max = 20) String identityProviderDefaultRole) {}

    /** The organization as the API shows it; {@code members} is the number of members. */
    record OrganizationView(String id, String name, String displayName, String description, String themeID,
            boolean isDefault, long members, Instant createdDate) {}

    /** One of the caller's own organizations, with the caller's role and license in it. */
    record UserOrganizationView(String id, String name, String displayName, String description, String themeID,
            boolean isDefault, String role, String license) {}

    /** A resource of an organization: a connection to apps or a storage service, with its plugin type. */
    record ResourceView(String id, String name, String kind, String type, String description) {}


    private OrganizationView view(OrganizationDocument o) {
        return new OrganizationView(o.id(), o.name(), o.displayName(), o.description(), o.themeId(), o.isDefault(),
                organizations.memberCount(o.id()), o.createdAt());
    }

    @Operation(summary = "Create organization (tenant administrators); its 'All users' group is created with it")
    @PostMapping("/api/v1/organizations")
    ApiResponse<OrganizationView> create(Caller caller, @Valid @RequestBody CreateOrganization request) {
        return ApiResponse.ok(view(organizations.create(caller, request.name(), request.displayName(), request.description(),
                request.themeID().toString())));
    }

    @Operation(summary = "Get all organizations the caller can see")
    @GetMapping("/api/v1/organizations")
    ApiResponse<List<OrganizationView>> list(Caller caller) {
        return ApiResponse.ok(organizations.list(caller).stream().map(this::view).toList());
    }

    @Operation(summary = "Update organization")
    @PutMapping("/api/v1/organizations/{id}")
    ApiResponse<OrganizationView> update(Caller caller, @PathVariable UUID id, @Valid @RequestBody UpdateOrganization request) {
        return ApiResponse.ok(view(organizations.update(caller, id.toString(), request.displayName(), request.description(),
                request.themeID().toString())));
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
    ApiResponse<List<ResourceView>> resources(Caller caller, @PathVariable UUID id) {
        organizations.administered(caller, id.toString());
        List<ResourceView> resources = new java.util.ArrayList<>();
        connections.ofOrganization(id.toString()).forEach(c -> resources.add(
                new ResourceView(c.id(), c.name(), "Connection", c.type(), c.description())));
        storageServices.ofOrganization(id.toString()).forEach(s -> resources.add(
                new ResourceView(s.id(), s.name(), "StorageService", s.type(), s.description())));
        return ApiResponse.ok(resources);
    }

    @Operation(summary = "Get organization authentications")
    @GetMapping("/api/v1/organizations/{id}/authentications")
    ApiResponse<OrganizationService.Authentications> authentications(Caller caller, @PathVariable UUID id) {
        return ApiResponse.ok(organizations.authentications(caller, id.toString()));
    }

    @Operation(summary = "Update organization authentications (at least one way to sign in must stay on)")
    @PutMapping("/api/v1/organizations/{id}/authentications")
    ApiResponse<OrganizationService.Authentications> updateAuthentications(Caller caller, @PathVariable UUID id,
            @Valid @RequestBody UpdateAuthentications request) {
        return ApiResponse.ok(organizations.updateAuthentications(caller, id.toString(), request.qalyptusAuth(),
                request.identityProvider() == null ? null : request.identityProvider().toString(),
                request.identityProviderDefaultRole()));
    }
}
