package org.qalyptus.plugins.connector.embedded.manifest;

import java.nio.file.Path;

/** A manifest that cannot be read or breaks a rule; the message names the file and the problem. */
public class ManifestException extends RuntimeException {

    public ManifestException(Path file, String problem) {
        super("App manifest " + file.getFileName() + " in " + file.toAbsolutePath().getParent().getFileName() + ": " + problem);
    }
}
