package org.qalyptus.server.web;

/**
 * The envelope of every JSON answer under {@code /api/v1}, as the Qalyptus Cloud API sends it.
 *
 * @param data the payload, null on failure
 * @param isSuccess whether the request succeeded
 * @param error a message for people, null on success
 * @param errorDetails the particulars of a failure (for validation, a list of {@link FieldError}), or null
 */
public record ApiResponse<T>(T data, boolean isSuccess, String error, Object errorDetails) {

    public static <T> ApiResponse<T> ok(T data) {
        return new ApiResponse<>(data, true, null, null);
    }

    public static ApiResponse<Void> failure(String error, Object errorDetails) {
        return new ApiResponse<>(null, false, error, errorDetails);
    }

    /** One refused input value: {@code field} is a JSON path such as {@code items[2].name}. */
    public record FieldError(String field, String message) {}
}
