package org.qalyptus.server.filter;

import java.util.List;
import java.util.UUID;
import org.qalyptus.server.web.ApiException;
import org.qalyptus.server.web.ApiResponse.FieldError;

/** Field checks the filter and condition request bodies share. */
public final class RequestChecks {

    private RequestChecks() {}

    /**
     * The id in canonical (lower-case) form, or null when absent; adds an error when it is given but not a
     * UUID, or absent while {@code required}.
     */
    public static String uuid(String value, String field, boolean required, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
            return null;
        }
        try {
            UUID parsed = UUID.fromString(value.trim());
            if (!parsed.toString().equalsIgnoreCase(value.trim())) {
                throw new IllegalArgumentException();
            }
            return parsed.toString();
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, "must be a UUID"));
            return null;
        }
    }

    /** A body that is JSON {@code null} is as bad as a missing one. */
    public static <T> T body(T request) {
        if (request == null) {
            throw ApiException.badRequest("The request body is required");
        }
        return request;
    }

    public static void throwIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
    }
}
