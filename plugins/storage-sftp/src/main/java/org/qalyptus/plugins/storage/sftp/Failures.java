package org.qalyptus.plugins.storage.sftp;

import org.qalyptus.spi.ExtensionException;

/**
 * Builds the errors this plugin reports. Messages reach users and execution logs: they name the host,
 * the folder and the server's reply (through {@link org.qalyptus.spi.UserText}), never the password.
 */
final class Failures {

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
}
