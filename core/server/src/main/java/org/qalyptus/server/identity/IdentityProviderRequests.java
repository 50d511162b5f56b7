package org.qalyptus.server.identity;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/**
 * What an identity provider change asks for; {@link IdentityProviderService} checks the constraints, so every
 * API refuses alike.
 */
public final class IdentityProviderRequests {

    private IdentityProviderRequests() {}

    /**
     * @param organizationID not in the reference's request: the organization comes from the API key when it
     *     is limited to one; a login session names it here
     */
    public record CreateIdentityProvider(@NotBlank @Size(max = 200) String name, @Size(max = 2000) String description,
            @NotBlank String type, @NotBlank @Size(max = 500) String clientID, @NotBlank @Size(max = 2000) String clientSecret,
            @NotBlank @Size(max = 2000) String authorizationEndpoint, @NotBlank @Size(max = 2000) String accessTokenEndpoint,
            @NotBlank @Size(max = 2000) String userinfoEndpoint, @Size(max = 2000) String logoutEndpoint,
            @Size(max = 2000) String postLogoutRedirectUrl, UUID organizationID, @Size(max = 2000) String issuer,
            @Size(max = 2000) String jwksUri) {

        IdentityProviderService.Settings settings() {
            return new IdentityProviderService.Settings(name, description, clientID, clientSecret, authorizationEndpoint,
                    accessTokenEndpoint, userinfoEndpoint, logoutEndpoint, postLogoutRedirectUrl, issuer, jwksUri);
        }
    }

    /** @param clientSecret null or empty keeps the stored one */
    public record UpdateIdentityProvider(@NotBlank @Size(max = 200) String name, @Size(max = 2000) String description,
            @NotBlank @Size(max = 500) String clientID, @Size(max = 2000) String clientSecret,
            @NotBlank @Size(max = 2000) String authorizationEndpoint, @NotBlank @Size(max = 2000) String accessTokenEndpoint,
            @NotBlank @Size(max = 2000) String userinfoEndpoint, @Size(max = 2000) String logoutEndpoint,
            @Size(max = 2000) String postLogoutRedirectUrl, @Size(max = 2000) String issuer,
            @Size(max = 2000) String jwksUri) {

        IdentityProviderService.Settings settings() {
            return new IdentityProviderService.Settings(name, description, clientID, clientSecret, authorizationEndpoint,
                    accessTokenEndpoint, userinfoEndpoint, logoutEndpoint, postLogoutRedirectUrl, issuer, jwksUri);
        }
    }
}
