package org.qalyptus.server.store;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/** Matches when no external MongoDB is configured, so the embedded store must be started. */
class NoMongoUriConfigured implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return !StringUtils.hasText(context.getEnvironment().getProperty("spring.mongodb.uri"))
                && !StringUtils.hasText(context.getEnvironment().getProperty("spring.mongodb.host"));
    }
}
