package org.qalyptus.server.graphql;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The GraphQL endpoint's limits ({@code qalyptus.graphql.*}).
 *
 * @param introspection whether the schema can be introspected (also read by
 *     {@code spring.graphql.schema.introspection.enabled} in application.yml)
 * @param maxDepth the deepest field nesting allowed
 * @param maxAliases the most aliased fields in one document
 * @param maxNodes the most nodes all connections of an operation may return (page sizes multiplied down the tree)
 * @param maxComplexity the most field resolutions an operation may cost (each field times the page sizes around it)
 */
@ConfigurationProperties("qalyptus.graphql")
public record GraphqlProperties(@DefaultValue("true") boolean introspection, @DefaultValue("12") int maxDepth,
        @DefaultValue("30") int maxAliases, @DefaultValue("100000") long maxNodes,
        @DefaultValue("250000") long maxComplexity) {}
