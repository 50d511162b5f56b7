package org.qalyptus.server.audit;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One security-relevant event (sign-in through an identity provider, its failures, logout). Written once, never
 * changed.
 *
 * @param organizationId the organization the event belongs to, or null when it cannot be told
 * @param action what happened, e.g. {@code sso.login}, {@code sso.user.created}, {@code sso.logout}
 * @param outcome {@code success} or {@code failure}
 * @param errorCode the code the login page was given on failure, or null
 * @param message what happened in words (never a token or a secret)
 * @param userId the user concerned, or null when none was established
 * @param email the email the provider vouched for, or null
 * @param clientAddress the address of the client that made the request
 */
@Document("auditLog")
@CompoundIndex(name = "organization_newest", def = "{'organizationId': 1, 'createdAt': -1}")
@CompoundIndex(name = "newest", def = "{'createdAt': -1}")
public record AuditEntryDocument(
        @Id String id,
        Instant createdAt,
        String organizationId,
        String action,
        String outcome,
        String errorCode,
        String message,
        String userId,
        String email,
        String identityProviderId,
        String clientAddress) {

    public static final String SUCCESS = "success";
    public static final String FAILURE = "failure";
}
