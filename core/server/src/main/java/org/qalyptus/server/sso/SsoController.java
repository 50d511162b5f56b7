package org.qalyptus.server.sso;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.auth.LoginService;
import org.qalyptus.server.web.ApiResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
@Tag(name = "Authentication")
class SsoController {

    /** The most callback parameters read, and the longest value kept: a provider sends a handful of short ones. */
    private static final int MAX_PARAMETERS = 20;
    private static final int MAX_VALUE_LENGTH = 4096;

    private final SsoService sso;

    SsoController(SsoService sso) {
        this.sso = sso;
    }

    @Operation(summary = "What the login page of an organization offers: built-in sign-in and identity provider buttons "
            + "(public; organization = id or technical name, default organization when absent)")
    @GetMapping("/api/v1/auth/login-options")
    ApiResponse<SsoService.LoginOptions> loginOptions(@RequestParam(required = false) String organization) {
        return ApiResponse.ok(sso.loginOptions(organization));
    }

    @Operation(summary = "Start signing in through the organization's identity provider (browser navigation: "
            + "302 to the provider, or to /login?error=<code>)")
    @GetMapping("/api/v1/auth/oidc/{organizationId}/login")
    ResponseEntity<Void> login(@PathVariable UUID organizationId, HttpServletRequest request) {
        return redirect(sso.startLogin(organizationId.toString(), requestBaseUrl(), request.getRemoteAddr()));
    }

    @Operation(summary = "The identity provider's callback (browser navigation: 302 to /login#code=<one-time code>, "
            + "or to /login?error=<code>)")
    @GetMapping("/api/v1/auth/oidc/{organizationId}/callback")
    ResponseEntity<Void> callback(@PathVariable UUID organizationId, HttpServletRequest request) {
        Map<String, String> parameters = new LinkedHashMap<>();
        request.getParameterMap().entrySet().stream().limit(MAX_PARAMETERS).forEach(e -> {
            String value = e.getValue().length == 0 ? "" : e.getValue()[0];
            if (value.length() <= MAX_VALUE_LENGTH) {
                parameters.put(e.getKey(), value);
            }
        });
        return redirect(sso.completeLogin(organizationId.toString(), parameters, requestBaseUrl(), request.getRemoteAddr()));
    }

    record ExchangeRequest(@NotBlank @Size(max = 200) String code) {}

    record LoginUser(String id, String email, String name) {}

    /** The same answer as {@code POST /api/v1/login}. */
    record LoginAnswer(String token, String tokenType, Instant expiresAt, LoginUser user) {}

    @Operation(summary = "Exchange the one-time code of a completed identity provider sign-in for a bearer session token")
    @PostMapping(path = "/api/v1/auth/oidc/exchange", consumes = MediaType.APPLICATION_JSON_VALUE)
    ApiResponse<LoginAnswer> exchange(@Valid @RequestBody ExchangeRequest request) {
        LoginService.Session session = sso.exchange(request.code());
        return ApiResponse.ok(new LoginAnswer(session.token(), "Bearer", session.expiresAt(),
                new LoginUser(session.user().id(), session.user().email(), session.user().displayName())));
    }

    @Operation(summary = "End the caller's login session; redirectUrl is where to send the browser next (the identity "
            + "provider's end-session endpoint for sessions opened through it, else the login page)")
    @PostMapping("/api/v1/auth/logout")
    ApiResponse<SsoService.Logout> logout(Caller caller, HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        return ApiResponse.ok(sso.logout(header.substring(7).trim(), requestBaseUrl(), request.getRemoteAddr()));
    }

    private static String requestBaseUrl() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().replacePath(null).replaceQuery(null).build().toUriString();
    }

    private static ResponseEntity<Void> redirect(URI location) {
        return ResponseEntity.status(HttpStatus.FOUND).location(location)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Referrer-Policy", "no-referrer")
                .build();
    }
}
