package org.qalyptus.store.embedded;

import java.nio.file.Path;

/**
 * The data folder's store file is open in another embedded store, usually in another server process.
 */
public class DataFolderInUseException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private DataFolderInUseException(String message, Throwable cause) {
        super(message, cause);
    }

    static DataFolderInUseException byAnotherProcess(Path dataDirectory, Throwable cause) {
        return new DataFolderInUseException(describe(dataDirectory) + " is in use by another process", cause);
    }

    static DataFolderInUseException inThisProcess(Path dataDirectory) {
        return new DataFolderInUseException(
            describe(dataDirectory) + " is in use by another embedded store in this process", null);
    }

    private static String describe(Path dataDirectory) {
        return "data folder " + dataDirectory.toAbsolutePath();
    }
}
