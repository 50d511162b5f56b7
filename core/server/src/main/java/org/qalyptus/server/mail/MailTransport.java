package org.qalyptus.server.mail;

/** Sends through the organization's SMTP settings (or the server-wide spring.mail.* ones). */
public interface MailTransport {

    /**
     * Sends one message; retries transient failures (connection refused/reset, timeouts, 4xx replies) with
     * exponential backoff up to the configured budget (default 5 minutes, property
     * qalyptus.mail.retry-budget), never throws for SMTP failures, writes the conversation to smtpLog.
     * The subject prefix of the SMTP settings is applied here. Safe to call from many threads.
     */
    MailOutcome send(String organizationId, OutgoingMail mail, SmtpLog smtpLog);

    /**
     * As {@link #send(String, OutgoingMail, SmtpLog)} with another retry budget: {@link java.time.Duration#ZERO}
     * makes one attempt (for a person waiting on the answer, such as an invitation or a test mail).
     */
    MailOutcome send(String organizationId, OutgoingMail mail, SmtpLog smtpLog, java.time.Duration retryBudget);

    /** Whether an SMTP server is configured for this organization (or server-wide). */
    boolean isConfigured(String organizationId);
}
