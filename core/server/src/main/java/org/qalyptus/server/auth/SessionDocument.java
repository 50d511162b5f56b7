package org.qalyptus.server.auth;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A login session. MongoDB removes it after {@code expiresAt}; expiry is also checked on every use
 * because the embedded store does not run TTL indexes.
 *
 * @param identityProviderId the identity provider the user signed in through, or null for built-in sign-in
 * @param encryptedIdToken the provider's ID token (encrypted with the master key), kept as the logout hint; or null
 */
@Document("sessions")
record SessionDocument(
        @Id String id,
        @Indexed String userId,
        String secretHash,
        Instant createdAt,
        @Indexed(expireAfter = "0s") Instant expiresAt,
        String identityProviderId,
        String encryptedIdToken) {}
