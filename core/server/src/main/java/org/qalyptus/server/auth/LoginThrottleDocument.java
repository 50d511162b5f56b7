package org.qalyptus.server.auth;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * Failed sign-ins of one account or one client address, shared by every node through the store.
 *
 * @param id {@code account:<email>} or {@code client:<address>}
 * @param expiresAt when MongoDB may drop the record (TTL index; the embedded store keeps it, harmlessly)
 */
@Document("loginThrottles")
record LoginThrottleDocument(@Id String id, int failures, Instant lastFailureAt, Instant lockedUntil,
        @Indexed(expireAfter = "0s") Instant expiresAt) {}
