package org.qalyptus.server.mail;

/** Where the SMTP conversation of an execution is written (its "SMTP log"). Thread-safe. */
@FunctionalInterface
public interface SmtpLog {

    /** A log that keeps nothing. */
    SmtpLog NONE = text -> { };

    void line(String text);
}
