package org.qalyptus.server.graphql;

import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * Puts the server's address as the request reached it ({@code https://host:port}, with any context path)
 * in the GraphQL context as {@code requestBaseUrl}: invitation links need it, as REST takes it from the request,
 * when no public URL is configured.
 */
@Component
class RequestBaseUrl implements WebGraphQlInterceptor {

    static final String KEY = "requestBaseUrl";

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        var uri = request.getUri();
        String path = uri.getPath() == null ? "" : uri.getPath();
        int graphql = path.lastIndexOf("/graphql");
        String base = UriComponentsBuilder.newInstance().scheme(uri.getScheme()).host(uri.getHost()).port(uri.getPort())
                .path(graphql < 0 ? "" : path.substring(0, graphql)).build().toUriString();
        request.configureExecutionInput((input, builder) -> builder.graphQLContext(ctx -> ctx.put(KEY, base)).build());
        return chain.next(request);
    }
}
