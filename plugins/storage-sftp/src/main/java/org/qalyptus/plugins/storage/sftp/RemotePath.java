package org.qalyptus.plugins.storage.sftp;

import static org.qalyptus.plugins.storage.sftp.Failures.quoted;
import static org.qalyptus.plugins.storage.sftp.Failures.refused;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A folder or file name on the remote server made only of plain names, checked as text before anything
 * connects. The rules are the folder plugin's (storage-folder's RelativePath): no {@code ..}, no name made
 * only of dots and spaces, no backslash, no colon, no NUL or control character, at most 255 bytes a name.
 * Only the configured remote folder may be absolute; what a task or a file name brings never is.
 *
 * @param absolute whether the path starts at the server's root rather than at the login folder
 * @param segments the names from the start downwards; empty for the start itself
 */
record RemotePath(boolean absolute, List<String> segments) {

    static final RemotePath HERE = new RemotePath(false, List.of());

    private static final int MAX_NAME_BYTES = 255;

    RemotePath {
        segments = List.copyOf(segments);
    }

    /**
     * Reads a relative folder given as {@code a/b/c}; empty segments ({@code a//b/}) are ignored and a
     * blank value is the starting folder itself.
     *
     * @param label how the value is called in messages, such as "folder"
     * @throws org.qalyptus.spi.ExtensionException (not retryable) naming the value and the rule it breaks
     */
    static RemotePath folder(String label, String value) {
        if (value != null && value.startsWith("/")) {
            throw notAllowed(label, value, "it must be relative to the remote folder, not absolute");
        }
        return parse(label, value);
    }

    /** Reads a configured server folder: absolute ({@code /reports}) or relative to the login folder. */
    static RemotePath serverFolder(String label, String value) {
        return parse(label, value);
    }

    /** Reads a file name, which must be exactly one name. */
    static String fileName(String value) {
        String label = "file name";
        if (value == null || value.isBlank()) {
            throw refused("The file name is empty.");
        }
        checkText(label, value);
        if (value.indexOf('/') >= 0) {
            throw notAllowed(label, value, "it must be a single name, without folders");
        }
        checkName(label, value, value);
        return value;
    }

    private static RemotePath parse(String label, String value) {
        if (value == null || value.isBlank()) {
            return HERE;
        }
        checkText(label, value);
        List<String> names = new ArrayList<>();
        for (String segment : value.split("/")) {
            if (!segment.isEmpty()) {
                checkName(label, value, segment);
                names.add(segment);
            }
        }
        return new RemotePath(value.startsWith("/"), names);
    }

    RemotePath then(RemotePath below) {
        return new RemotePath(absolute, Stream.concat(segments.stream(), below.segments.stream()).toList());
    }

    boolean isHere() {
        return !absolute && segments.isEmpty();
    }

    /** The path with {@code /} separators, as users wrote it. */
    @Override
    public String toString() {
        return (absolute ? "/" : "") + String.join("/", segments);
    }

    private static void checkText(String label, String value) {
        if (value.indexOf('\0') >= 0) {
            throw notAllowed(label, value, "it must not contain a NUL character");
        }
        // Control characters make names that no one can type or see (and would forge log lines).
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw notAllowed(label, value, "it must not contain control characters");
        }
        if (value.indexOf('\\') >= 0) {
            throw notAllowed(label, value, "use '/' between folders, never '\\'");
        }
        // A colon is a drive letter ("C:") or an NTFS data stream ("name:stream") on Windows servers.
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
    }

    private static RuntimeException notAllowed(String label, String value, String reason) {
        return refused("The " + label + " " + quoted(value) + " is not allowed: " + reason + ".");
    }
}
