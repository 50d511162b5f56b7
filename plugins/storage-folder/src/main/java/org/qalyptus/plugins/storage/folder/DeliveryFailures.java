package org.qalyptus.plugins.storage.folder;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.qalyptus.spi.ExtensionException;

/**
 * Builds the errors this plugin reports. Messages reach users and execution logs, so they name the
 * value the user gave (relative to the root) and never an absolute path the user did not type: the
 * full details stay in the cause, for the server log.
 */
final class DeliveryFailures {

    private DeliveryFailures() {}

    /** A problem with the settings or the file that retrying cannot fix. */
    static ExtensionException refused(String message) {
        return new ExtensionException(message, false);
    }

    /** A file system failure that may pass (a full disk, a share that went away for a moment). */
    static ExtensionException retryable(String whatFailed, IOException cause) {
        return new ExtensionException(whatFailed + ": " + reason(cause), true, cause);
    }

    /** Why an I/O call failed, without the paths that {@link FileSystemException#getMessage()} adds. */
    static String reason(IOException e) {
        if (e instanceof FileSystemException fse) {
            if (fse.getReason() != null) {
                return fse.getReason();
            }
            if (e instanceof AccessDeniedException) {
                return "access denied";
            }
            if (e instanceof NoSuchFileException) {
                return "a folder was removed while the file was written";
            }
            return "file system error (" + e.getClass().getSimpleName() + ")";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
