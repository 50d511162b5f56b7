package org.qalyptus.server.graphql;

import org.qalyptus.server.auth.Caller;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Hands the caller authenticated by the bearer filter to GraphQL handlers, which take it as
 * {@code @ContextValue Caller caller}.
 */
@Component
class CallerContextInterceptor implements WebGraphQlInterceptor {

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        Object caller = request.getAttributes().get(Caller.REQUEST_ATTRIBUTE);
        if (caller instanceof Caller c) {
            request.configureExecutionInput((input, builder) -> builder.graphQLContext(ctx -> ctx.put("caller", c)).build());
        }
        return chain.next(request);
    }
}
