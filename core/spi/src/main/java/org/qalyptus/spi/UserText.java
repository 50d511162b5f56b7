package org.qalyptus.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Shows text that came from users or remote servers inside messages. Messages end up in execution logs
 * and API errors, so such text is made printable (a CR or LF could otherwise forge a log line) and cut
 * short (a remote server's reply can be arbitrarily long).
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class UserText {

    /** Code points shown at most; longer text ends with an ellipsis. */
    public static final int MAX_SHOWN_LENGTH = 200;

    private UserText() {}

    /** {@code value} in single quotes, made printable and cut short; {@code ''} for null. */
    public static String quoted(String value) {
        return "'" + printable(value) + "'";
    }

    /**
     * {@code value} stripped, with CR and LF as spaces and other control characters as {@code ?}, cut to
     * {@link #MAX_SHOWN_LENGTH} code points; an empty string for null.
     */
    public static String printable(String value) {
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
