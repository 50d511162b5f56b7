package org.qalyptus.server.sso;

import java.time.Instant;
import java.util.Map;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A sign-in through an identity provider between the redirect to the provider and its callback. Consumed once
 * with a conditional update (consumedAt null -> now), so two callbacks with the same state cannot both proceed;
 * consumed entries stay until they expire so a replay is told apart from a made-up state.
 *
 * @param id the SHA-256 of the OAuth state (the state itself is only in the browser's URL)
 * @param attributes what the provider type needs at callback time (nonce, PKCE verifier); never sent out
 */
@Document("ssoPendingLogins")
record PendingLoginDocument(
        @Id String id,
        String organizationId,
        String identityProviderId,
        Map<String, String> attributes,
        Instant createdAt,
        @Indexed(expireAfter = "0s") Instant expiresAt,
        Instant consumedAt) {}
