package org.qalyptus.server.auth;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.qalyptus.server.web.ApiResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Authentication")
class LoginController {

    private final LoginService logins;

    LoginController(LoginService logins) {
        this.logins = logins;
    }

    record LoginRequest(@NotBlank @Size(max = 320) String email, @NotBlank @Size(max = 1024) String password) {}

    record LoginUser(String id, String email, String name) {}

    record LoginAnswer(String token, String tokenType, Instant expiresAt, LoginUser user) {}

    @Operation(summary = "Sign in with email and password; returns a bearer token")
    @PostMapping(path = "/api/v1/login", consumes = MediaType.APPLICATION_JSON_VALUE)
    ApiResponse<LoginAnswer> login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        LoginService.Session session = logins.login(request.email(), request.password(), http.getRemoteAddr());
        return ApiResponse.ok(new LoginAnswer(session.token(), "Bearer", session.expiresAt(),
                new LoginUser(session.user().id(), session.user().email(), session.user().displayName())));
    }

    /** 429 with Retry-After, so clients know when to try again. */
    @ExceptionHandler(TooManyLoginAttempts.class)
    ResponseEntity<ApiResponse<Void>> tooManyAttempts(TooManyLoginAttempts e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .body(ApiResponse.failure(e.getMessage(), null));
    }
}
