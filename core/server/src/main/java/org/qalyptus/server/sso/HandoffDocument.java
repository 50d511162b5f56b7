package org.qalyptus.server.sso;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A completed sign-in waiting for the console to exchange its one-time code for a session token. Removed as it
 * is read (findAndRemove), so a code works once.
 *
 * @param id the SHA-256 of the one-time code
 * @param encryptedIdToken the provider's ID token, encrypted, for the session's later logout hint
 */
@Document("ssoHandoffs")
record HandoffDocument(
        @Id String id,
        String userId,
        String organizationId,
        String identityProviderId,
        String encryptedIdToken,
        @Indexed(expireAfter = "0s") Instant expiresAt) {}
