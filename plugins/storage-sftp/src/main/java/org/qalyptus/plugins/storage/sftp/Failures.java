package org.qalyptus.plugins.storage.sftp;

import org.qalyptus.spi.ExtensionException;

/**
 * Builds the errors this plugin reports. Messages reach users and execution logs: they name the host,
 * the folder and the server's reply, never the password.
 */
final class Failures {

    private static final int MAX_SHOWN_LENGTH = 200;

    private Failures() {}

    /** A problem with the settings, the file or the server's answer that retrying cannot fix. */
    static ExtensionException refused(String message) {
        return new ExtensionException(message, false);
    }

    static ExtensionException refused(String message, Throwable cause) {
        return new ExtensionException(message, false, cause);
    }

    /** A failure that may pass: a server that is down, busy or slow, a connection that dropped. */
    static ExtensionException retryable(String message, Throwable cause) {
        return new ExtensionException(message, true, cause);
    }

    /** A user-given value or a server's text, quoted, made printable and cut short so that it cannot forge log lines. */
    static String quoted(String value) {
        return "'" + printable(value) + "'";
    }

    /** {@code value} without control characters (a reply's CR LF become spaces), cut short. */
    static String printable(String value) {
        if (value == null) {
            return "";
        }
        String trimmed = value.strip();
        StringBuilder shown = new StringBuilder(Math.min(trimmed.length(), MAX_SHOWN_LENGTH) + 1);
        trimmed.codePoints().limit(MAX_SHOWN_LENGTH)
                .forEach(c -> shown.appendCodePoint(c == '\r' || c == '\n' ? ' ' : Character.isISOControl(c) ? '?' : c));
        if (trimmed.codePointCount(0, trimmed.length()) > MAX_SHOWN_LENGTH) {
            shown.append('…');
        }
        return shown.toString();
    }
}
