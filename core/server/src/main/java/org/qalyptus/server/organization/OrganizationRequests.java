package org.qalyptus.server.organization;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** What an organization change asks for; {@link OrganizationService} checks the constraints, so every API refuses alike. */
public final class OrganizationRequests {

    private OrganizationRequests() {}

    public record CreateOrganization(@Size(max = 64) String name, @NotBlank @Size(max = 200) String displayName,
            @Size(max = 2000) String description, @NotNull UUID themeID) {}

    public record UpdateOrganization(@NotBlank @Size(max = 200) String displayName, @Size(max = 2000) String description,
            @NotNull UUID themeID) {}

    /**
     * @param identityProviderDefaultRole not in the reference: who signs in through the identity provider without an
     *     account becomes a member with this license ({@code Viewer}, {@code Explorer}, {@code Creator}) or is refused
     *     ({@code Off}); absent keeps the current setting
     */
    public record UpdateAuthentications(@NotNull Boolean qalyptusAuth, UUID identityProvider,
            @Size(max = 20) String identityProviderDefaultRole) {}
}
