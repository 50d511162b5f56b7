package org.qalyptus.plugins.storage.folder;

import static org.qalyptus.spi.UserText.quoted;
import static org.qalyptus.spi.storage.StoragePath.notAllowed;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.qalyptus.spi.storage.StoragePath;

/**
 * A path below the root folder: a relative {@link StoragePath} (plain names only, checked as text) whose
 * every name the server's file system also reads as exactly one plain name. {@link ContainedFolder} then
 * checks where existing links lead.
 *
 * @param segments the names from the root downwards; empty for the root itself
 */
record RelativePath(List<String> segments) {

    static final RelativePath ROOT = new RelativePath(List.of());

    RelativePath {
        segments = List.copyOf(segments);
    }

    /**
     * Reads a folder given as {@code a/b/c}; a blank value is the root itself.
     *
     * @param label how the value is called in messages, such as "sub folder"
     * @throws org.qalyptus.spi.ExtensionException (not retryable) naming the value and the rule it breaks
     */
    static RelativePath folder(String label, String value) {
        List<String> names = StoragePath.relative(label, value, "the root folder").segments();
        names.forEach(name -> checkLocalName(label, value, name));
        return new RelativePath(names);
    }

    /** Reads a file name, which must be exactly one name. */
    static RelativePath fileName(String value) {
        String name = StoragePath.fileName(value);
        checkLocalName("file name", value, name);
        return new RelativePath(List.of(name));
    }

    RelativePath then(RelativePath below) {
        return new RelativePath(Stream.concat(segments.stream(), below.segments.stream()).toList());
    }

    boolean isRoot() {
        return segments.isEmpty();
    }

    /** The path with {@code /} separators, as users wrote it and as receipts report it. */
    @Override
    public String toString() {
        return String.join("/", segments);
    }

    /** How messages name this folder: quoted, or "the root folder". */
    String shown() {
        return isRoot() ? "the root folder" : quoted(toString());
    }

    private static void checkLocalName(String label, String value, String name) {
        Path parsed;
        try {
            parsed = Path.of(name);
        } catch (InvalidPathException e) {
            throw notAllowed(label, value, "it contains characters the server's file system does not accept");
        }
        if (parsed.isAbsolute() || parsed.getNameCount() != 1 || !parsed.toString().equals(name)) {
            throw notAllowed(label, value, "the server's file system would not read it as a plain name");
        }
    }
}
