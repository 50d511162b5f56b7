package org.qalyptus.server.mail;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the server sends mail ({@code qalyptus.mail.*}).
 *
 * @param retryBudget how long transient SMTP failures of one message are retried before it is given up
 * @param retryInitialDelay the first wait between two attempts; each next wait doubles, with jitter
 * @param retryMaxDelay the longest wait between two attempts
 * @param from the sender address when neither the message nor the SMTP settings give one (server-wide
 *     {@code spring.mail.*} server); when unset, {@code qalyptus.invitations.from}, else no-reply@qalyptus.local
 * @param fromName the sender's display name in that case
 * @param trustedHosts SMTP hosts whose TLS certificate is accepted without verification ({@code *} for
 *     every host): for servers with a self-signed certificate; empty (verify every certificate) by default
 * @param idleConnections connected SMTP sessions kept per server for reuse
 */
@ConfigurationProperties("qalyptus.mail")
public record MailSendingProperties(
        @DefaultValue("5m") Duration retryBudget,
        @DefaultValue("2s") Duration retryInitialDelay,
        @DefaultValue("60s") Duration retryMaxDelay,
        String from,
        @DefaultValue("Qalyptus") String fromName,
        @DefaultValue List<String> trustedHosts,
        @DefaultValue("4") int idleConnections) {}
