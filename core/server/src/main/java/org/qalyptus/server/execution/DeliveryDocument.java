package org.qalyptus.server.execution;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One delivery of one file (or file set) to one target and recipient: the unit of exactly-once. Recorded as
 * {@code sending} before the attempt and {@code done} (email: {@code sent} or {@code partial}), {@code skipped} or
 * {@code failed} after; a node that resumes an execution skips what is settled (done, sent, partial, skipped) and
 * attempts again what is {@code failed} or still {@code sending} (the node died during the attempt).
 *
 * @param fileKey the file (or the zip / message's file set) delivered
 * @param target {@code storage:<serviceId>}, {@code hub}, {@code folder} or {@code email}
 * @param recipient an address for email ({@code all} for one message to all), else {@code -}
 * @param state {@link #PENDING}, {@link #SENDING}, {@link #DONE}, {@link #SENT}, {@link #PARTIAL}, {@link #SKIPPED},
 *     {@link #FAILED}
 * @param location where the file went (path, URL, hub entry) or, for email, the Message-ID
 */
@Document("deliveries")
@CompoundIndex(name = "delivery_unique", def = "{'executionId': 1, 'fileKey': 1, 'target': 1, 'recipient': 1}",
        unique = true)
// the embedded store's unique index answers a filter on exactly its four fields; this one lets it find an execution's
// records for the other lookups (a takeover's conditional update, the list of an execution) without scanning them all
@CompoundIndex(name = "delivery_execution", def = "{'executionId': 1, 'target': 1}")
public record DeliveryDocument(@Id String id, String executionId, String fileKey, String target, String recipient,
        String state, int attempts, String detail, String location, String node, Instant updatedAt) {

    public static final String PENDING = "pending";
    public static final String SENDING = "sending";
    public static final String DONE = "done";
    public static final String SKIPPED = "skipped";
    /** Email: every recipient accepted the message. */
    public static final String SENT = "sent";
    /** Email: some recipients refused it permanently (detail says who), the others accepted it. */
    public static final String PARTIAL = "partial";
    static final java.util.List<String> SETTLED = java.util.List.of(DONE, SENT, PARTIAL, SKIPPED);
    public static final String FAILED = "failed";

    public boolean settled() {
        return SETTLED.contains(state);
    }
}
