package org.qalyptus.server.web;

import java.util.List;
import java.util.UUID;
import org.qalyptus.server.web.ApiResponse.FieldError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.BindException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestValueException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;

/**
 * Turns every failure of a REST call into the envelope with the right status. Bad input is always a
 * 4xx with a message that says what to fix; a 500 carries only a reference to the server log.
 */
@RestControllerAdvice
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiResponse<Void>> refused(ApiException e) {
        return respond(e.status(), e.getMessage(), e.details());
    }

    /** A versioned save lost a race: someone else wrote the document since it was read. */
    @ExceptionHandler(org.springframework.dao.OptimisticLockingFailureException.class)
    ResponseEntity<ApiResponse<Void>> staleWrite(org.springframework.dao.OptimisticLockingFailureException e) {
        return respond(HttpStatus.CONFLICT, "The object was changed by someone else since it was read; reload it and try again", null);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiResponse<Void>> unreadableBody(HttpMessageNotReadableException e) {
        if (causedBy(e, PayloadTooLargeException.class) instanceof PayloadTooLargeException tooLarge) {
            return respond(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage(), null);
        }
        if (causedBy(e, JacksonException.class) instanceof JacksonException json) {
            String field = JsonPaths.of(json);
            if (!field.isEmpty()) {
                FieldError error = new FieldError(field, JsonPaths.problem(json));
                return respond(HttpStatus.BAD_REQUEST, "Invalid value for '" + field + "': " + error.message(), List.of(error));
            }
            return respond(HttpStatus.BAD_REQUEST, "The request body is not valid JSON: " + JsonPaths.problem(json), null);
        }
        return respond(HttpStatus.BAD_REQUEST, "The request body is missing or unreadable", null);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiResponse<Void>> badParameter(MethodArgumentTypeMismatchException e) {
        String expected = e.getRequiredType() == UUID.class ? "a UUID"
                : e.getRequiredType() != null && Number.class.isAssignableFrom(e.getRequiredType()) ? "a number"
                : "a valid value";
        String message = "'" + e.getName() + "' must be " + expected;
        return respond(HttpStatus.BAD_REQUEST, message, List.of(new FieldError(e.getName(), "must be " + expected)));
    }

    @ExceptionHandler(MissingRequestValueException.class)
    ResponseEntity<ApiResponse<Void>> missingValue(MissingRequestValueException e) {
        return respond(HttpStatus.BAD_REQUEST, e.getBody().getDetail(), null);
    }

    @ExceptionHandler(BindException.class)
    ResponseEntity<ApiResponse<Void>> invalidBody(BindException e) {
        List<FieldError> errors = e.getFieldErrors().stream()
                .map(f -> new FieldError(f.getField(), f.getDefaultMessage()))
                .toList();
        return refused(ApiException.invalid(errors));
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ApiResponse<Void>> invalidArguments(HandlerMethodValidationException e) {
        List<FieldError> errors = e.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream()
                        .map(err -> new FieldError(r.getMethodParameter().getParameterName(), err.getDefaultMessage())))
                .toList();
        return refused(ApiException.invalid(errors));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiResponse<Void>> wrongContentType(HttpMediaTypeNotSupportedException e) {
        String supported = e.getSupportedMediaTypes().isEmpty() ? "application/json"
                : e.getSupportedMediaTypes().get(0).toString();
        return respond(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "Content type '" + e.getContentType() + "' is not supported here; send " + supported, null);
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ApiResponse<Void>> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return respond(HttpStatus.NOT_ACCEPTABLE, "This route answers with application/json", null);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiResponse<Void>> wrongMethod(HttpRequestMethodNotSupportedException e) {
        return respond(HttpStatus.METHOD_NOT_ALLOWED, "Method " + e.getMethod() + " is not allowed on this route", null);
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ApiResponse<Void>> noRoute(NoResourceFoundException e) {
        return respond(HttpStatus.NOT_FOUND, "No route " + e.getHttpMethod() + " /" + e.getResourcePath(), null);
    }

    @ExceptionHandler({PayloadTooLargeException.class, MaxUploadSizeExceededException.class})
    ResponseEntity<ApiResponse<Void>> tooLarge(Exception e) {
        return respond(HttpStatus.CONTENT_TOO_LARGE, "The request body is too large", null);
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ApiResponse<Void>> badMultipart(MultipartException e) {
        return respond(HttpStatus.BAD_REQUEST, "The multipart request body is malformed", null);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiResponse<Void>> unexpected(Exception e) {
        String reference = UUID.randomUUID().toString();
        log.error("Unexpected error, reference {}", reference, e);
        return respond(HttpStatus.INTERNAL_SERVER_ERROR,
                "Internal error; the server log has the details under reference " + reference, null);
    }

    private static ResponseEntity<ApiResponse<Void>> respond(HttpStatus status, String message, Object details) {
        return ResponseEntity.status(status).body(ApiResponse.failure(message, details));
    }

    private static Throwable causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }
}
