package org.qalyptus.server.graphql;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import java.util.Map;
import org.qalyptus.server.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.execution.SubscriptionExceptionResolverAdapter;
import org.springframework.stereotype.Component;

/** Errors ending a subscription: as {@link GraphqlErrors} for queries (service refusals keep their code; nothing internal). */
@Component
class SubscriptionErrors extends SubscriptionExceptionResolverAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionErrors.class);

    @Override
    protected GraphQLError resolveToSingleError(Throwable ex) {
        if (ex instanceof ApiException refused) {
            ErrorType type = switch (refused.status()) {
                case NOT_FOUND -> ErrorType.NOT_FOUND;
                case FORBIDDEN -> ErrorType.FORBIDDEN;
                case UNAUTHORIZED -> ErrorType.UNAUTHORIZED;
                default -> ErrorType.BAD_REQUEST;
            };
            return GraphqlErrorBuilder.newError().errorType(type).message(refused.getMessage())
                    .extensions(Map.of("code", UserErrors.code(refused.status()))).build();
        }
        LOG.error("GraphQL subscription failed", ex);
        return GraphqlErrorBuilder.newError().errorType(ErrorType.INTERNAL_ERROR).message("Internal error")
                .extensions(Map.of("code", "INTERNAL")).build();
    }
}
