package org.qalyptus.server.graphql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.qalyptus.server.web.ApiException;
import org.qalyptus.server.web.ApiResponse.FieldError;
import org.springframework.http.HttpStatus;

/**
 * Mutations answer refusals as data: an {@link ApiException} from a service becomes {@code userErrors}
 * (one per invalid field for a validation failure, a code for 403/404/409...), never a top-level error.
 */
final class UserErrors {

    private UserErrors() {}

    record UserError(String field, String code, String message) {}

    /**
     * Runs a change and answers its payload: {@code key} holding the result and empty userErrors, or a
     * null result and the refusal.
     */
    static Map<String, Object> payload(String key, Supplier<?> change) {
        Map<String, Object> payload = new LinkedHashMap<>();
        try {
            payload.put(key, change.get());
            payload.put("userErrors", List.of());
        } catch (ApiException refused) {
            // lists in payloads are non-null: a refused change answers an empty one
            payload.put(key, key.endsWith("Ids") || key.equals("permissions") ? List.of() : null);
            payload.put("userErrors", of(refused));
        }
        return payload;
    }

    /**
     * Runs a change whose payload has several fields besides userErrors: the fields it answers and empty
     * userErrors, or the refusal with an empty list for each of {@code lists} (non-null in the schema) and null
     * for every other field.
     */
    static Map<String, Object> payloadOf(Supplier<Map<String, ?>> change, String... lists) {
        Map<String, Object> payload = new LinkedHashMap<>();
        try {
            payload.putAll(change.get());
            payload.put("userErrors", List.of());
        } catch (ApiException refused) {
            for (String list : lists) {
                payload.put(list, List.of());
            }
            payload.put("userErrors", of(refused));
        }
        return payload;
    }

    static List<UserError> of(ApiException refused) {
        String code = code(refused.status());
        List<UserError> errors = new ArrayList<>();
        if (refused.details() instanceof List<?> details) {
            for (Object detail : details) {
                if (detail instanceof FieldError field) {
                    errors.add(new UserError(inputField(field.field()), "VALIDATION", field.message()));
                }
            }
        }
        if (errors.isEmpty()) {
            errors.add(new UserError(null, code, refused.getMessage()));
        }
        return errors;
    }

    static String code(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "BAD_REQUEST";
            case UNAUTHORIZED -> "UNAUTHORIZED";
            case FORBIDDEN -> "FORBIDDEN";
            case NOT_FOUND -> "NOT_FOUND";
            case CONFLICT, PRECONDITION_FAILED -> "CONFLICT";
            case CONTENT_TOO_LARGE -> "PAYLOAD_TOO_LARGE";
            default -> status.is4xxClientError() ? "BAD_REQUEST" : "INTERNAL";
        };
    }

    /** A REST field name ({@code projectID}, {@code members[0].id}) as the input field ({@code input.projectId}). */
    static String inputField(String restField) {
        if (restField == null) {
            return null;
        }
        return "input." + restField.replace("IDs", "Ids").replace("ID", "Id");
    }
}
