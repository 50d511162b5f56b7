package org.qalyptus.spi.storage;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.qalyptus.spi.UserText.quoted;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apiguardian.api.API;
import org.qalyptus.spi.ExtensionException;

/**
 * A folder or file name made only of plain names, checked as text before a storage target touches
 * anything: no {@code ..}, no name made only of dots and spaces (Windows drops trailing dots and spaces,
 * so {@code "..."} acts like {@code ".."}), no backslash, no colon (drive letters, NTFS data streams),
 * no NUL or control character, at most 255 UTF-8 bytes a name. Empty segments ({@code a//b/}) are
 * ignored, so a trailing slash is harmless.
 *
 * <p>Storage targets read {@link DeliveryFile#folder()} with {@link #relative} and
 * {@link DeliveryFile#fileName()} with {@link #fileName}: what a task or a file name brings is never
 * absolute. Only a folder an administrator configures may be ({@link #configured}). A target writing to
 * a local file system still checks how that file system reads each name and where links lead.
 *
 * <p>Every refusal is a non-retryable {@link ExtensionException} naming the value (quoted with
 * {@link org.qalyptus.spi.UserText#quoted}) and the rule it breaks.
 *
 * @param absolute whether the path starts at the server's root rather than at the target's start folder
 * @param segments the names from the start downwards; empty for the start itself
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record StoragePath(boolean absolute, List<String> segments) {

    /** The target's start folder itself. */
    public static final StoragePath START = new StoragePath(false, List.of());

    /** Longer names fail on most servers anyway, but as confusing retryable errors. */
    public static final int MAX_NAME_BYTES = 255;

    public StoragePath {
        segments = List.copyOf(segments);
    }

    /**
     * Reads a folder relative to the target's start folder, given as {@code a/b/c}; blank is the start.
     *
     * @param label how the value is called in messages, such as "folder"
     * @param start how the start folder is called in messages, such as "the remote folder"
     * @throws ExtensionException (not retryable) when the value is absolute or breaks a rule above
     */
    public static StoragePath relative(String label, String value, String start) {
        if (value != null && value.startsWith("/")) {
            throw notAllowed(label, value, "it must be relative to " + start + ", not absolute");
        }
        return parse(label, value);
    }

    /** Reads a folder an administrator configured: absolute ({@code /reports}) or relative to the start. */
    public static StoragePath configured(String label, String value) {
        return parse(label, value);
    }

    /**
     * Reads a file name, which must be exactly one plain name.
     *
     * @throws ExtensionException (not retryable) when it is empty, has folders or breaks a rule above
     */
    public static String fileName(String value) {
        String label = "file name";
        if (value == null || value.isBlank()) {
            throw new ExtensionException("The file name is empty.", false);
        }
        checkText(label, value);
        if (value.indexOf('/') >= 0) {
            throw notAllowed(label, value, "it must be a single name, without folders");
        }
        checkName(label, value, value);
        return value;
    }

    /** This path followed by {@code below}'s names. */
    public StoragePath then(StoragePath below) {
        return new StoragePath(absolute, Stream.concat(segments.stream(), below.segments.stream()).toList());
    }

    /** Whether this is the start folder itself. */
    public boolean isStart() {
        return !absolute && segments.isEmpty();
    }

    /** The path with {@code /} separators, as users wrote it. */
    @Override
    public String toString() {
        return (absolute ? "/" : "") + String.join("/", segments);
    }

    /** A refusal of {@code value}, called {@code label} in the message, for {@code reason}. */
    public static ExtensionException notAllowed(String label, String value, String reason) {
        return new ExtensionException("The " + label + " " + quoted(value) + " is not allowed: " + reason + ".", false);
    }

    private static StoragePath parse(String label, String value) {
        if (value == null || value.isBlank()) {
            return START;
        }
        checkText(label, value);
        List<String> names = new ArrayList<>();
        for (String segment : value.split("/")) {
            if (!segment.isEmpty()) {
                checkName(label, value, segment);
                names.add(segment);
            }
        }
        return new StoragePath(value.startsWith("/"), names);
    }

    private static void checkText(String label, String value) {
        if (value.indexOf('\0') >= 0) {
            throw notAllowed(label, value, "it must not contain a NUL character");
        }
        // A CR or LF would end an FTP command and start another; other control characters make names
        // that no one can type or see.
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw notAllowed(label, value, "it must not contain control characters");
        }
        if (value.indexOf('\\') >= 0) {
            throw notAllowed(label, value, "use '/' between folders, never '\\'");
        }
        if (value.indexOf(':') >= 0) {
            throw notAllowed(label, value, "it must not contain ':' (drive letters and data streams are refused)");
        }
    }

    private static void checkName(String label, String value, String name) {
        if (name.equals("..")) {
            throw notAllowed(label, value, "it must not contain '..' segments");
        }
        if (name.chars().allMatch(c -> c == '.' || c == ' ')) {
            throw notAllowed(label, value, "a name must not consist only of dots and spaces");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw notAllowed(label, value, "a name must not be longer than " + MAX_NAME_BYTES + " bytes");
        }
    }
}
