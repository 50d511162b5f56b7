package org.qalyptus.server.auth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.qalyptus.server.web.ApiErrorWriter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Requires a valid {@code Authorization: Bearer} credential on every REST and GraphQL route except the
 * public ones, and makes the {@link Caller} available to controllers. Authorization (what the caller may do)
 * is decided in the services, not here.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class BearerAuthenticationFilter extends OncePerRequestFilter {

    private static final Set<String> PUBLIC_ROUTES = Set.of("/api/v1/login", "/api/v1/openapi.json",
            "/api/v1/invitations/accept", "/api/v1/auth/login-options", "/api/v1/auth/oidc/exchange");

    /** Routes a browser reaches by navigation (no bearer header): identity provider sign-in and its callback. */
    private static final java.util.regex.Pattern PUBLIC_SSO_ROUTE =
            java.util.regex.Pattern.compile("^/api/v1/auth/oidc/[0-9a-fA-F-]{36}/(login|callback)$");

    /** Signed download links carry their own HMAC signature and expiry, checked by the execution engine. */
    private static final java.util.regex.Pattern SIGNED_DOWNLOAD =
            java.util.regex.Pattern.compile("^/api/v1/status/[0-9a-fA-F-]{36}/download/signed$");

    private final List<CallerAuthenticator> authenticators;
    private final ApiErrorWriter errors;

    BearerAuthenticationFilter(List<CallerAuthenticator> authenticators, ApiErrorWriter errors) {
        this.authenticators = authenticators;
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        boolean protectedRoute = path.startsWith("/api/") || path.equals("/graphql") || path.startsWith("/graphql/");
        return !protectedRoute || PUBLIC_ROUTES.contains(path) || PUBLIC_SSO_ROUTE.matcher(path).matches()
                || SIGNED_DOWNLOAD.matcher(path).matches() || graphqlWebSocketHandshake(request, path);
    }

    /**
     * The GraphQL WebSocket handshake carries no header browsers could set: the graphql-ws session
     * authenticates in its connection_init message instead, with the same credentials.
     */
    private static boolean graphqlWebSocketHandshake(HttpServletRequest request, String path) {
        return path.equals("/graphql") && "GET".equals(request.getMethod())
                && "websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            reject(response, "Authentication required: send 'Authorization: Bearer <API key or login token>'");
            return;
        }
        String bearer = header.substring(7).trim();
        Optional<Caller> caller = authenticators.stream()
                .map(a -> a.authenticate(bearer))
                .flatMap(Optional::stream)
                .findFirst();
        if (caller.isEmpty()) {
            reject(response, "The credential is not valid: it is unknown, expired or revoked");
            return;
        }
        request.setAttribute(Caller.REQUEST_ATTRIBUTE, caller.get());
        chain.doFilter(request, response);
    }

    private void reject(HttpServletResponse response, String message) throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        errors.write(response, HttpStatus.UNAUTHORIZED, message);
    }
}
