package org.qalyptus.plugins.storage.folder;

import static org.qalyptus.plugins.storage.folder.DeliveryFailures.refused;
import static org.qalyptus.plugins.storage.folder.DeliveryFailures.retryable;
import static org.qalyptus.spi.UserText.quoted;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The configured root folder. It is never created: a missing root usually means a typo or an unmounted
 * share, and creating it would hide that behind files written to the wrong disk.
 */
final class RootFolder {

    private RootFolder() {}

    /**
     * The root's real path (links resolved), which every delivered file must stay inside.
     *
     * @throws org.qalyptus.spi.ExtensionException when the root is not an absolute path to an existing folder
     */
    static Path realPath(String configured) {
        if (configured == null || configured.isBlank()) {
            throw refused("The root folder is not set.");
        }
        Path root;
        try {
            root = Path.of(configured);
        } catch (InvalidPathException e) {
            throw refused("The root folder " + quoted(configured) + " is not a valid path on this server.");
        }
        // A relative root would depend on the directory the server happened to be started from.
        if (!root.isAbsolute()) {
            throw refused("The root folder " + quoted(configured) + " must be an absolute path.");
        }
        if (!Files.exists(root)) {
            throw refused("The root folder " + quoted(configured) + " does not exist.");
        }
        if (!Files.isDirectory(root)) {
            throw refused("The root folder " + quoted(configured) + " is not a folder.");
        }
        try {
            return root.toRealPath();
        } catch (NoSuchFileException e) {
            throw refused("The root folder " + quoted(configured) + " does not exist.");
        } catch (IOException e) {
            throw retryable("The root folder " + quoted(configured) + " could not be read", e);
        }
    }
}
