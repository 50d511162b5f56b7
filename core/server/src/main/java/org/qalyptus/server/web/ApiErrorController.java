package org.qalyptus.server.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers errors that happen outside Spring MVC (rejected by the servlet container, thrown in a
 * filter) with the envelope instead of the container's HTML page.
 */
@RestController
class ApiErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ApiResponse<Void>> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer i ? HttpStatus.resolve(i) : null;
        if (status == null) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        Throwable cause = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof PayloadTooLargeException) {
                status = HttpStatus.CONTENT_TOO_LARGE;
            }
        }
        String message = status.is5xxServerError() ? "Internal error" : status.getReasonPhrase();
        return ResponseEntity.status(status).body(ApiResponse.failure(message, null));
    }
}
