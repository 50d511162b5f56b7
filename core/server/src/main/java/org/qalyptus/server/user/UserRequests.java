package org.qalyptus.server.user;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * What a user change asks for; {@link UserService} and {@link InvitationService} check the constraints, so
 * every API refuses alike.
 */
public final class UserRequests {

    private UserRequests() {}

    public record AddUser(@NotBlank @Size(max = 200) String firstName, @NotBlank @Size(max = 200) String lastName,
            @Size(max = 320) String email, @NotEmpty List<@NotNull UUID> organizations) {}

    /** One update action: {@code type} status, organizations, groups, organizationRoles, license or tenantAdminRole. */
    public record UpdateUser(@NotBlank String type, JsonNode value) {}

    public record TransferRequest(@NotNull UUID newUserID, @NotNull Boolean transferContent,
            @NotNull Boolean transferPermissions) {}

    public record InviteUsers(@NotNull List<String> emails, String tenantAdminRole,
            List<InvitationService.OrganizationRole> organizations) {}
}
