package org.qalyptus.server.identity;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An organization's identity provider (at most one per organization: the unique index on the organization
 * decides between concurrent creations).
 *
 * @param type the identity provider type id ({@code Oidc} or one a plugin adds)
 * @param encryptedClientSecret the client secret encrypted with the master key; never returned by the API
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
        Instant updatedAt) {}
