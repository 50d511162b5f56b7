package org.qalyptus.server.graphql;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import java.util.Map;
import org.qalyptus.server.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.stereotype.Component;

/**
 * Errors of queries: a service refusal keeps its message and says its code (as REST would answer the
 * same status); anything else is logged here and answered without internals (no class names, messages
 * or stack traces).
 */
@Component
class GraphqlErrors extends DataFetcherExceptionResolverAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(GraphqlErrors.class);

    @Override
    protected GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
        if (ex instanceof ApiException refused) {
            String code = UserErrors.code(refused.status());
            ErrorType type = switch (refused.status()) {
                case NOT_FOUND -> ErrorType.NOT_FOUND;
                case FORBIDDEN -> ErrorType.FORBIDDEN;
                case UNAUTHORIZED -> ErrorType.UNAUTHORIZED;
                default -> ErrorType.BAD_REQUEST;
            };
            var builder = GraphqlErrorBuilder.newError(env).errorType(type).message(refused.getMessage());
            var fields = UserErrors.of(refused).stream().filter(e -> e.field() != null)
                    .map(e -> Map.of("field", e.field().replace("input.", ""), "message", e.message())).toList();
            return builder.extensions(fields.isEmpty() ? Map.of("code", code) : Map.of("code", code, "fields", fields))
                    .build();
        }
        LOG.error("GraphQL field {} failed", env.getExecutionStepInfo().getPath(), ex);
        return GraphqlErrorBuilder.newError(env).errorType(ErrorType.INTERNAL_ERROR)
                .message("Internal error").extensions(Map.of("code", "INTERNAL")).build();
    }
}
