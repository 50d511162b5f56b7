package org.qalyptus.server.asset;

import java.util.List;
import java.util.Locale;
import org.qalyptus.server.web.ApiResponse.FieldError;

/** The name and description rules of project assets. */
public final class AssetNames {

    public static final int MAX_NAME = 200;
    public static final int MAX_DESCRIPTION = 2000;
    /** Characters a report name may not hold, because generated file names start from it. */
    public static final String FILE_UNSAFE = "/\\:*?@\"<>|";

    private AssetNames() {}

    /**
     * The trimmed name, or null with an error added when it is missing, too long, holds control characters
     * or (when {@code fileSafe}) one of {@link #FILE_UNSAFE}.
     */
    public static String valid(String name, boolean fileSafe, List<FieldError> errors) {
        if (name == null || name.isBlank()) {
            errors.add(new FieldError("name", "is required"));
            return null;
        }
        String trimmed = name.trim();
        if (trimmed.length() > MAX_NAME) {
            errors.add(new FieldError("name", "must be at most " + MAX_NAME + " characters"));
        } else if (trimmed.chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError("name", "must not contain control characters"));
        } else if (fileSafe && trimmed.chars().anyMatch(c -> FILE_UNSAFE.indexOf(c) >= 0)) {
            errors.add(new FieldError("name", "must not contain any of / \\ : * ? @ \" < > |"));
        }
        return trimmed;
    }

    /** Adds an error when the description is longer than {@link #MAX_DESCRIPTION}; returns it, blank as null. */
    public static String validDescription(String description, List<FieldError> errors) {
        if (description != null && description.length() > MAX_DESCRIPTION) {
            errors.add(new FieldError("description", "must be at most " + MAX_DESCRIPTION + " characters"));
        }
        return description == null || description.isBlank() ? null : description;
    }

    /** The name as compared for uniqueness within a project: trimmed, lower-case. */
    public static String key(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }
}
