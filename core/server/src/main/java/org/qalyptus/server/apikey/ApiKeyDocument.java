package org.qalyptus.server.apikey;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An API key. The key itself is shown once at creation; only the hash of its secret is kept.
 *
 * @param organizationId the organization the key is limited to
 * @param secretHash the SHA-256 of the key's secret part
 */
@Document("apiKeys")
public record ApiKeyDocument(
        @Id String id,
        @Indexed String userId,
        String name,
        String description,
        @Indexed String organizationId,
        String secretHash,
        Instant expiresAt,
        Instant createdAt) {}
