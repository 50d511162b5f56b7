package org.qalyptus.server.tenant;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The installation: one document with a fixed id. Its bootstrap fields make the first-start setup run
 * exactly once across every node sharing the store.
 *
 * @param ownerUserId the tenant owner, who cannot be deleted or demoted
 * @param setupClaimedUntil while set and in the future, one node is running the first-start setup
 * @param setupCompletedAt when the first-start setup finished; null until then
 */
@Document("tenant")
public record TenantDocument(
        @Id String id, String ownerUserId, Instant createdAt, Instant setupClaimedUntil, Instant setupCompletedAt) {

    public static final String ID = "tenant";
}
