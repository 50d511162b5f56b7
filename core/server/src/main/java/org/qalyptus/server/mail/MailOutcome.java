package org.qalyptus.server.mail;

import java.util.List;
import java.util.Map;

/**
 * The outcome of one send. status: SENT (every recipient accepted), PARTIAL (some refused permanently:
 * refused maps address -> SMTP reply), NOT_CONFIGURED (no SMTP server for this organization and none
 * server-wide: nothing was attempted; deliveries are reported as skipped, not failed), FAILED (permanent
 * failure, or transient failures until the retry budget ran out; detail says which).
 */
public record MailOutcome(Status status, String messageId, List<String> accepted, Map<String, String> refused,
        int attempts, String detail) {

    public enum Status { SENT, PARTIAL, NOT_CONFIGURED, FAILED }

    public MailOutcome {
        accepted = accepted == null ? List.of() : List.copyOf(accepted);
        refused = refused == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(refused));
    }
}
