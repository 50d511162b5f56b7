package org.qalyptus.plugins.storage.folder;

import static org.qalyptus.plugins.storage.folder.DeliveryFailures.quoted;
import static org.qalyptus.plugins.storage.folder.DeliveryFailures.refused;

import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A path below the root folder, made only of plain names: no absolute start, no {@code ..}, no drive
 * letter, no backslash and nothing the server's file system would read as more than one name. Parsing
 * is purely textual; {@link ContainedFolder} then checks where existing links lead.
 *
 * @param segments the names from the root downwards; empty for the root itself
 */
record RelativePath(List<String> segments) {

    static final RelativePath ROOT = new RelativePath(List.of());

    // Longer names fail in the file system anyway, but as a confusing retryable I/O error.
    private static final int MAX_NAME_BYTES = 255;

    RelativePath {
        segments = List.copyOf(segments);
    }

    /**
     * Reads a folder given as {@code a/b/c}. Empty segments ({@code a//b/}) are ignored so that a
     * trailing slash is harmless; a blank value is the root itself.
     *
     * @param label how the value is called in messages, such as "sub folder"
     * @throws org.qalyptus.spi.ExtensionException (not retryable) naming the value and the rule it breaks
     */
    static RelativePath folder(String label, String value) {
        if (value == null || value.isBlank()) {
            return ROOT;
        }
        checkText(label, value);
        List<String> names = new ArrayList<>();
        for (String segment : value.split("/")) {
            if (!segment.isEmpty()) {
                checkName(label, value, segment);
                names.add(segment);
            }
        }
        return new RelativePath(names);
    }

    /** Reads a file name, which must be exactly one name. */
    static RelativePath fileName(String value) {
        String label = "file name";
        if (value == null || value.isBlank()) {
            throw refused("The file name is empty.");
        }
        checkText(label, value);
        if (value.indexOf('/') >= 0) {
            throw notAllowed(label, value, "it must be a single name, without folders");
        }
        checkName(label, value, value);
        return new RelativePath(List.of(value));
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

    private static void checkText(String label, String value) {
        if (value.indexOf('\0') >= 0) {
            throw notAllowed(label, value, "it must not contain a NUL character");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw notAllowed(label, value, "it must not contain control characters");
        }
        // On Windows a backslash separates folders; anywhere else it would make a confusing name.
        if (value.indexOf('\\') >= 0) {
            throw notAllowed(label, value, "use '/' between folders, never '\\'");
        }
        if (value.startsWith("/")) {
            throw notAllowed(label, value, "it must be relative to the root folder, not absolute");
        }
        // A colon is a drive letter ("C:") or an NTFS data stream ("name:stream") on Windows.
        if (value.indexOf(':') >= 0) {
            throw notAllowed(label, value, "it must not contain ':' (drive letters and data streams are refused)");
        }
    }

    private static void checkName(String label, String value, String name) {
        if (name.equals("..")) {
            throw notAllowed(label, value, "it must not contain '..' segments");
        }
        // Windows drops trailing dots and spaces, so "..." or ". ." would act like "." or "..".
        if (name.chars().allMatch(c -> c == '.' || c == ' ')) {
            throw notAllowed(label, value, "a name must not consist only of dots and spaces");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw notAllowed(label, value, "a name must not be longer than " + MAX_NAME_BYTES + " bytes");
        }
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

    private static RuntimeException notAllowed(String label, String value, String reason) {
        return refused("The " + label + " " + quoted(value) + " is not allowed: " + reason + ".");
    }
}
