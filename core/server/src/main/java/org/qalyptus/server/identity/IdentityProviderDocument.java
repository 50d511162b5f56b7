package org.qalyptus.server.identity;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An organization's identity provider (at most one per organization: the unique index on the organization
 * decides between concurrent creations).
 *
 * @param type the identity provider type id ({@code Oidc} or one a plugin adds)
 * @param encryptedClientSecret the client secret encrypted with the master key; never returned by the API
 * @param issuer the OpenID Connect issuer (not in the reference): its discovery document supplies the endpoints
 *     not given, and ID tokens must name it; null for documents written before the field existed
 * @param jwksUri the provider's signing keys URL when not taken from discovery, or null
 */
@Document("identityProviders")
public record IdentityProviderDocument(
        @Id String id,
        @Indexed(unique = true) String organizationId,
        String name,
        String description,
        String type,
        String clientId,
        String encryptedClientSecret,
        String authorizationEndpoint,
        String accessTokenEndpoint,
        String userinfoEndpoint,
        String logoutEndpoint,
        String postLogoutRedirectUrl,
        Instant createdAt,
        Instant updatedAt,
        String issuer,
        String jwksUri) {

    @PersistenceCreator
    public IdentityProviderDocument {}

    /** The constructor of the first version of this document, kept so existing callers compile unchanged. */
    public IdentityProviderDocument(String id, String organizationId, String name, String description, String type,
            String clientId, String encryptedClientSecret, String authorizationEndpoint, String accessTokenEndpoint,
            String userinfoEndpoint, String logoutEndpoint, String postLogoutRedirectUrl, Instant createdAt,
            Instant updatedAt) {
        this(id, organizationId, name, description, type, clientId, encryptedClientSecret, authorizationEndpoint,
                accessTokenEndpoint, userinfoEndpoint, logoutEndpoint, postLogoutRedirectUrl, createdAt, updatedAt, null, null);
    }
}
