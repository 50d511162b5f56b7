package org.qalyptus.server.task;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import org.qalyptus.server.web.ApiResponse.FieldError;

/**
 * The rules for the values task requests carry: texts with a length cap, email addresses and lists of
 * them, time zones, dates, relative folders, UUIDs. Each method adds a {@link FieldError} for a bad
 * value and returns the value as stored (trimmed, normalized) or null.
 */
final class TaskInput {

    static final int MAX_SUBJECT = 1000;
    static final int MAX_MESSAGE = 100_000;
    static final int MAX_ADDRESS_LIST = 10_000;
    static final int MAX_FOLDER = 500;
    static final int MAX_PASSWORD = 256;

    private static final Pattern EMAIL = Pattern.compile(
            "^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");
    private static final Pattern LIST_SEPARATOR = Pattern.compile("[;,]");
    private static final Pattern FOLDER_SEGMENT_UNSAFE = Pattern.compile("[\\\\:*?\"<>|\\p{Cntrl}]");
    private static final Map<String, String> ZONES = zones();

    private TaskInput() {}

    /** The trimmed text (blank as null), or null with an error when required and missing or too long. */
    static String text(String value, String field, int max, boolean required, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
            return null;
        }
        String trimmed = value.trim();
        if (trimmed.length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
        }
        return trimmed;
    }

    static boolean isEmail(String value) {
        return value != null && value.length() <= 254 && EMAIL.matcher(value).matches();
    }

    /** One address, trimmed and lower-cased. */
    static String email(String value, String field, boolean required, List<FieldError> errors) {
        String trimmed = text(value, field, 254, required, errors);
        if (trimmed != null && !isEmail(trimmed)) {
            errors.add(new FieldError(field, "must be an email address"));
            return null;
        }
        return trimmed == null ? null : trimmed.toLowerCase(Locale.ROOT);
    }

    /**
     * Addresses separated by {@code ;} or {@code ,} (blanks around them ignored), stored as
     * {@code a@x.com;b@y.com} without duplicates.
     */
    static String emailList(String value, String field, boolean required, List<FieldError> errors) {
        String trimmed = text(value, field, MAX_ADDRESS_LIST, required, errors);
        if (trimmed == null || trimmed.length() > MAX_ADDRESS_LIST) {
            return null;
        }
        Set<String> addresses = new LinkedHashSet<>();
        for (String part : LIST_SEPARATOR.split(trimmed)) {
            String address = part.trim();
            if (address.isEmpty()) {
                continue;
            }
            if (!isEmail(address)) {
                errors.add(new FieldError(field, "'" + shorten(address) + "' is not an email address"));
                return null;
            }
            addresses.add(address.toLowerCase(Locale.ROOT));
        }
        if (addresses.isEmpty()) {
            if (required) {
                errors.add(new FieldError(field, "must list at least one email address"));
            }
            return null;
        }
        return String.join(";", addresses);
    }

    /** An IANA time zone id (matched ignoring case), as the canonical id. */
    static String timeZone(String value, String field, boolean required, List<FieldError> errors) {
        String trimmed = text(value, field, 100, required, errors);
        if (trimmed == null) {
            return null;
        }
        String canonical = ZONES.get(trimmed.toLowerCase(Locale.ROOT));
        if (canonical == null) {
            errors.add(new FieldError(field, "must be an IANA time zone id such as Europe/Paris"));
        }
        return canonical;
    }

    /**
     * A date-time: with an offset ({@code 2024-05-01T07:00:00Z}) it is that instant; without one
     * ({@code 2024-05-01T07:00}) or a plain date ({@code 2024-05-01}, the start of that day) it is read in
     * {@code zone} (UTC when the zone is not known).
     */
    static Instant dateTime(String value, ZoneId zone, String field, List<FieldError> errors) {
        String trimmed = text(value, field, 60, false, errors);
        if (trimmed == null || trimmed.length() > 60) {
            return null;
        }
        ZoneId in = zone == null ? ZoneId.of("UTC") : zone;
        try {
            return OffsetDateTime.parse(trimmed).toInstant();
        } catch (DateTimeException notWithOffset) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(trimmed).atZone(in).toInstant();
        } catch (DateTimeException notLocal) {
            // try the next form
        }
        try {
            return LocalDate.parse(trimmed).atStartOfDay(in).toInstant();
        } catch (DateTimeException notADate) {
            errors.add(new FieldError(field, "must be a date-time such as 2024-05-01T07:00:00Z"));
            return null;
        }
    }

    /**
     * A folder below a storage location: relative, {@code /}-separated, no {@code .} or {@code ..}
     * segment, no character that file systems refuse. Stored without leading/trailing or doubled slashes;
     * blank as null.
     */
    static String folder(String value, String field, List<FieldError> errors) {
        String trimmed = text(value, field, MAX_FOLDER, false, errors);
        if (trimmed == null || trimmed.length() > MAX_FOLDER) {
            return null;
        }
        if (trimmed.startsWith("/") || trimmed.startsWith("\\")) {
            errors.add(new FieldError(field, "must be a relative folder"));
            return null;
        }
        List<String> segments = new ArrayList<>();
        for (String segment : trimmed.split("/")) {
            String s = segment.trim();
            if (s.isEmpty()) {
                continue;
            }
            if (s.equals(".") || s.equals("..") || FOLDER_SEGMENT_UNSAFE.matcher(s).find()) {
                errors.add(new FieldError(field, "must be a relative folder of names without \\ : * ? \" < > | and without . or .."));
                return null;
            }
            segments.add(s);
        }
        return segments.isEmpty() ? null : String.join("/", segments);
    }

    static Optional<String> uuid(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            String trimmed = value.trim();
            return UUID.fromString(trimmed).toString().equalsIgnoreCase(trimmed)
                    ? Optional.of(trimmed.toLowerCase(Locale.ROOT)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** An integer in a range, or null with an error. */
    static Integer range(Integer value, String field, int min, int max, boolean required, List<FieldError> errors) {
        if (value == null) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
            return null;
        }
        if (value < min || value > max) {
            errors.add(new FieldError(field, "must be from " + min + " to " + max));
            return null;
        }
        return value;
    }

    private static String shorten(String value) {
        return value.length() > 60 ? value.substring(0, 60) + "..." : value;
    }

    private static Map<String, String> zones() {
        Map<String, String> zones = new TreeMap<>();
        for (String id : ZoneId.getAvailableZoneIds()) {
            zones.put(id.toLowerCase(Locale.ROOT), id);
        }
        return Map.copyOf(zones);
    }
}
