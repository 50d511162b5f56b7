package org.qalyptus.plugins.storage.folder;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.qalyptus.plugins.storage.folder.DeliveryFailures.refused;
import static org.qalyptus.spi.UserText.quoted;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.qalyptus.spi.storage.DeliveryFile;

/**
 * Writes a file so that readers of the folder see either nothing, the old file or the whole new one,
 * never a half-written file: the bytes go to a hidden temporary file next to the target, which is then
 * moved into place. The temporary file is removed whatever happens.
 */
final class AtomicFileWriter {

    static final String TEMP_PREFIX = ".qalyptus-";
    static final String TEMP_SUFFIX = ".part";

    private AtomicFileWriter() {}

    /**
     * Writes {@code file} as {@code name} into {@code folder}.
     *
     * @param folder the real path of an existing folder inside the root
     * @param shownFolder how messages name {@code folder}
     * @param overwrite whether an existing file of that name is replaced
     * @return the number of bytes written
     * @throws org.qalyptus.spi.ExtensionException (not retryable) when the target exists and may not be
     *     replaced, or is a link or a folder
     * @throws IOException when writing failed
     */
    static long write(Path folder, String name, RelativePath shownFolder, DeliveryFile file, boolean overwrite)
            throws IOException {
        Path target = folder.resolve(name);
        checkTarget(target, name, shownFolder, overwrite);
        // The name does not derive from the file's own, so a long file name cannot overflow it.
        Path temp = folder.resolve(TEMP_PREFIX + UUID.randomUUID() + TEMP_SUFFIX);
        try {
            long bytes = copy(file, temp);
            if (overwrite) {
                replace(temp, target);
            } else {
                publishNew(temp, target, name, shownFolder);
            }
            return bytes;
        } finally {
            deleteQuietly(temp);
        }
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // The outcome of the delivery matters more than a hidden leftover, which the name marks as ours.
        }
    }

    private static void checkTarget(Path target, String name, RelativePath shownFolder, boolean overwrite) {
        // Replacing a link would be harmless, but writing through one is what an attacker would want,
        // and users who placed a link there expect it to stay.
        if (Files.isSymbolicLink(target)) {
            throw refused(quoted(name) + " in " + shownFolder.shown()
                    + " is a symbolic link; files are never written through links.");
        }
        if (Files.isDirectory(target, NOFOLLOW_LINKS)) {
            throw refused("A folder named " + quoted(name) + " already exists in " + shownFolder.shown() + ".");
        }
        // Checked again, atomically, when the file is published; this only saves writing it for nothing.
        if (!overwrite && Files.exists(target, NOFOLLOW_LINKS)) {
            throw alreadyExists(name, shownFolder);
        }
    }

    private static long copy(DeliveryFile file, Path temp) throws IOException {
        // CREATE_NEW never follows a link and never opens a file someone else created.
        try (InputStream in = file.content().open();
                FileChannel channel = FileChannel.open(temp, CREATE_NEW, WRITE);
                OutputStream out = Channels.newOutputStream(channel)) {
            long bytes = in.transferTo(out);
            // On disk before the move makes the file visible: a crash must not leave an empty report.
            channel.force(true);
            return bytes;
        }
    }

    /** Publishes without ever replacing: a hard link fails atomically if the name is taken. */
    private static void publishNew(Path temp, Path target, String name, RelativePath shownFolder) throws IOException {
        try {
            Files.createLink(target, temp);
        } catch (FileAlreadyExistsException e) {
            throw alreadyExists(name, shownFolder);
        } catch (UnsupportedOperationException | FileSystemException noHardLinks) {
            // Some file systems (FAT, many network shares) have no hard links. A plain move refuses an
            // existing target too, though it checks and renames in two steps rather than one.
            try {
                Files.move(temp, target);
            } catch (FileAlreadyExistsException e) {
                throw alreadyExists(name, shownFolder);
            }
        }
    }

    /** Replaces in one step where the file system can; a rename replaces a link itself, never its target. */
    private static void replace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, ATOMIC_MOVE, REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, REPLACE_EXISTING);
        }
    }

    private static RuntimeException alreadyExists(String name, RelativePath shownFolder) {
        return refused("A file named " + quoted(name) + " already exists in " + shownFolder.shown()
                + "; turn on 'overwrite' to replace it.");
    }
}
