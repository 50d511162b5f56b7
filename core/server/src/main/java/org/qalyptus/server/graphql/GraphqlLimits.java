package org.qalyptus.server.graphql;

import graphql.ExecutionResult;
import graphql.analysis.QueryTraverser;
import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.analysis.QueryVisitorStub;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.AstTransformer;
import graphql.language.Field;
import graphql.language.Node;
import graphql.language.NodeVisitorStub;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Refuses, before anything runs, operations that would cost too much: too deep, too many aliases, too
 * many nodes (GitHub style: each connection counts its first/last times the nodes of the connections it
 * sits in) or too complex (every field costs 1, times the page sizes of the connections around it). The
 * answer is one error with code LIMIT and the figures, never a partial run.
 */
@Component
class GraphqlLimits extends SimplePerformantInstrumentation {

    private final GraphqlProperties limits;

    GraphqlLimits(GraphqlProperties limits) {
        this.limits = limits;
    }

    /** What an operation would cost. */
    record Cost(int depth, int aliases, long nodes, long complexity) {}

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
            InstrumentationState state) {
        ExecutionContext context = parameters.getExecutionContext();
        Cost cost = cost(context);
        String refusal = null;
        if (cost.depth() > limits.maxDepth()) {
            refusal = "The query is " + cost.depth() + " levels deep; at most " + limits.maxDepth() + " are allowed";
        } else if (cost.aliases() > limits.maxAliases()) {
            refusal = "The query uses " + cost.aliases() + " aliases; at most " + limits.maxAliases() + " are allowed";
        } else if (cost.nodes() > limits.maxNodes()) {
            refusal = "The query could return " + cost.nodes() + " nodes; at most " + limits.maxNodes()
                    + " are allowed (lower first/last)";
        } else if (cost.complexity() > limits.maxComplexity()) {
            refusal = "The query's complexity is " + cost.complexity() + "; at most " + limits.maxComplexity()
                    + " is allowed (lower first/last or ask for fewer fields)";
        }
        if (refusal != null) {
            throw new LimitExceeded(refusal);
        }
        return SimpleInstrumentationContext.noOp();
    }

    /** The refusal: an error of the request, classified as a validation failure with code LIMIT. */
    static final class LimitExceeded extends AbortExecutionException {
        LimitExceeded(String message) {
            super(message);
        }

        @Override
        public java.util.Map<String, Object> getExtensions() {
            return java.util.Map.of("code", "LIMIT", "classification", "ValidationError");
        }
    }

    static Cost cost(ExecutionContext context) {
        AtomicInteger depth = new AtomicInteger();
        AtomicLong nodes = new AtomicLong();
        AtomicLong complexity = new AtomicLong();
        QueryTraverser traverser = QueryTraverser.newQueryTraverser()
                .schema(context.getGraphQLSchema())
                .document(context.getDocument())
                .operationName(context.getOperationDefinition().getName())
                .coercedVariables(context.getCoercedVariables())
                .build();
        traverser.visitPreOrder(new QueryVisitorStub() {
            @Override
            public void visitField(QueryVisitorFieldEnvironment env) {
                if (env.isTypeNameIntrospectionField()) {
                    return;
                }
                int level = 1;
                long multiplier = 1;
                for (QueryVisitorFieldEnvironment p = env.getParentEnvironment(); p != null; p = p.getParentEnvironment()) {
                    level++;
                    multiplier = saturatedTimes(multiplier, pageSize(p));
                }
                depth.accumulateAndGet(level, Math::max);
                complexity.addAndGet(multiplier);
                long size = pageSize(env);
                if (size > 1) {
                    nodes.addAndGet(saturatedTimes(multiplier, size));
                }
            }
        });
        AtomicInteger aliases = new AtomicInteger();
        new AstTransformer().transform(context.getDocument(), new NodeVisitorStub() {
            @Override
            public TraversalControl visitField(Field node, TraverserContext<Node> ctx) {
                if (node.getAlias() != null) {
                    aliases.incrementAndGet();
                }
                return TraversalControl.CONTINUE;
            }
        });
        return new Cost(depth.get(), aliases.get(), nodes.get(), complexity.get());
    }

    /** How many items a field may answer: first/last of a connection (20 when neither is given), 1 otherwise. */
    private static long pageSize(QueryVisitorFieldEnvironment env) {
        GraphQLType type = GraphQLTypeUtil.unwrapNonNull(env.getFieldDefinition().getType());
        boolean connection = type instanceof GraphQLNamedType named && named.getName().endsWith("Connection");
        if (!connection) {
            return 1;
        }
        Object first = env.getArguments().get("first");
        Object last = env.getArguments().get("last");
        long size = Math.max(first instanceof Number n ? n.longValue() : 0, last instanceof Number n ? n.longValue() : 0);
        return size > 0 ? size : Connections.DEFAULT_PAGE;
    }

    private static long saturatedTimes(long a, long b) {
        long product = a * b;
        return (a != 0 && product / a != b) || product < 0 ? Long.MAX_VALUE / 4 : product;
    }
}
