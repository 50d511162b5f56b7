package org.qalyptus.plugins.storage.folder;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static org.qalyptus.plugins.storage.folder.DeliveryFailures.refused;
import static org.qalyptus.spi.UserText.quoted;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks a {@link RelativePath} down from the real root one name at a time, resolving every existing
 * entry to its real path and refusing it unless it is a folder inside the root. Checking each step
 * before going further matters: creating {@code link/new} in one call would follow a link that points
 * outside and create {@code new} there before any check could run.
 */
final class ContainedFolder {

    private ContainedFolder() {}

    /** The real path of {@code folder} below {@code realRoot}, creating the folders that are missing. */
    static Path createBelow(Path realRoot, RelativePath folder) throws IOException {
        return walk(realRoot, folder, true);
    }

    /**
     * The real path of the deepest folder of {@code folder} that already exists, creating nothing; the
     * root when none does.
     */
    static Path deepestExisting(Path realRoot, RelativePath folder) throws IOException {
        return walk(realRoot, folder, false);
    }

    private static Path walk(Path realRoot, RelativePath folder, boolean create) throws IOException {
        Path current = realRoot;
        List<String> walked = new ArrayList<>();
        for (String name : folder.segments()) {
            walked.add(name);
            Path next = current.resolve(name);
            if (!Files.exists(next, NOFOLLOW_LINKS)) {
                if (!create) {
                    return current;
                }
                try {
                    // Never follows a link: a dangling link here makes this fail instead of creating its target.
                    Files.createDirectory(next);
                } catch (FileAlreadyExistsException raced) {
                    // Another delivery created it first, or it is a link: checked below like any existing entry.
                }
            }
            current = containedFolder(realRoot, next, new RelativePath(walked));
        }
        return current;
    }

    private static Path containedFolder(Path realRoot, Path entry, RelativePath shownAs) throws IOException {
        Path real;
        try {
            real = entry.toRealPath();
        } catch (NoSuchFileException e) {
            throw refused("The folder " + shownAs.shown() + " is a link to something that does not exist.");
        }
        // Where the link leads is not said: it may name folders the user must not learn about.
        if (!real.startsWith(realRoot)) {
            throw refused("The folder " + shownAs.shown() + " leads outside the root folder; files are never written there.");
        }
        if (!Files.isDirectory(real)) {
            throw refused("The folder " + shownAs.shown() + " cannot be used: "
                    + quoted(shownAs.segments().get(shownAs.segments().size() - 1)) + " is a file, not a folder.");
        }
        return real;
    }
}
