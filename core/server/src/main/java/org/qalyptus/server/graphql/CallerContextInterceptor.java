package org.qalyptus.server.graphql;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.auth.CallerAuthenticator;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlInterceptor;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.server.WebSocketSessionInfo;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Hands the caller to GraphQL handlers, which take it as {@code @ContextValue Caller caller}: over HTTP
 * the one the bearer filter authenticated; over WebSocket the one authenticated from the connection_init
 * payload ({@code {"Authorization": "Bearer ..."}}) with the same credentials. A session whose init
 * carries no valid credential is closed (4401) before any operation.
 */
@Component
class CallerContextInterceptor implements WebSocketGraphQlInterceptor {

    /** The context key of the server's base URL as the caller reached it. */
    static final String BASE_URL = "baseUrl";

    private final List<CallerAuthenticator> authenticators;

    CallerContextInterceptor(List<CallerAuthenticator> authenticators) {
        this.authenticators = authenticators;
    }

    @Override
    public Mono<Object> handleConnectionInitialization(WebSocketSessionInfo session, Map<String, Object> payload) {
        Object header = payload == null ? null : payload.getOrDefault("Authorization", payload.get("authorization"));
        Optional<Caller> caller = header instanceof String h && h.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authenticate(h.substring(7).trim()) : Optional.empty();
        if (caller.isEmpty()) {
            return Mono.error(new IllegalStateException("Authentication required"));
        }
        session.getAttributes().put(Caller.REQUEST_ATTRIBUTE, caller.get());
        return Mono.empty();
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        Object caller = request instanceof WebSocketGraphQlRequest ws
                ? ws.getSessionInfo().getAttributes().get(Caller.REQUEST_ATTRIBUTE)
                : request.getAttributes().get(Caller.REQUEST_ATTRIBUTE);
        // the base of links the answers give (signed downloads), as REST builds it from the request
        java.net.URI uri = request.getUri().toUri();
        String baseUrl = uri.getScheme().replace("ws", "http") + "://" + uri.getHost()
                + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        if (caller instanceof Caller c) {
            request.configureExecutionInput((input, builder) -> builder.graphQLContext(ctx -> ctx.put("caller", c)
                    .put(BASE_URL, baseUrl)).build());
        }
        return chain.next(request);
    }

    private Optional<Caller> authenticate(String bearer) {
        return authenticators.stream().map(a -> a.authenticate(bearer)).flatMap(Optional::stream).findFirst();
    }
}
