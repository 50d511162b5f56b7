package org.qalyptus.server.mail;

/** How the connection to the SMTP server is protected. */
public enum SmtpSecurity {
    /** Plain SMTP (usually port 25). */
    None,
    /** Plain connection upgraded with STARTTLS, which is then required (usually port 587). */
    StartTls,
    /** TLS from the first byte, "SMTPS" (usually port 465). */
    Ssl
}
