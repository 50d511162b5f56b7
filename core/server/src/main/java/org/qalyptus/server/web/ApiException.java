package org.qalyptus.server.web;

import java.util.List;
import org.qalyptus.server.web.ApiResponse.FieldError;
import org.springframework.http.HttpStatus;

/**
 * A refusal that services throw and both APIs translate: REST into a status and the envelope,
 * GraphQL into a user error. The message is shown to the caller, so it names the problem in the
 * caller's terms and never contains internals or secrets.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final transient Object details;

    public ApiException(HttpStatus status, String message, Object details) {
        super(message);
        this.status = status;
        this.details = details;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, message, null);
    }

    public static ApiException invalid(List<FieldError> fieldErrors) {
        String message = fieldErrors.size() == 1
                ? "Invalid value for '" + fieldErrors.get(0).field() + "': " + fieldErrors.get(0).message()
                : "The request has " + fieldErrors.size() + " invalid values";
        return new ApiException(HttpStatus.BAD_REQUEST, message, fieldErrors);
    }

    public static ApiException invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(HttpStatus.UNAUTHORIZED, message, null);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(HttpStatus.FORBIDDEN, message, null);
    }

    public static ApiException notFound(String what) {
        return new ApiException(HttpStatus.NOT_FOUND, what + " was not found", null);
    }

    public static ApiException conflict(String message) {
        return new ApiException(HttpStatus.CONFLICT, message, null);
    }

    public HttpStatus status() {
        return status;
    }

    public Object details() {
        return details;
    }
}
