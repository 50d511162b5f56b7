package org.qalyptus.server.graphql;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.ObjectTypeDefinition;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.idl.FieldWiringEnvironment;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.TypeRuntimeWiring;
import graphql.schema.idl.WiringFactory;
import java.lang.reflect.Method;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.stereotype.Component;

/**
 * What the SDL cannot say: the DateTime scalar, which Java answers are which Node type, global ids on
 * every Node, and reading the service answers (REST views whose JSON names are the wire contract, such as
 * {@code organizationID} or {@code owner}) under the GraphQL field names ({@code organizationId},
 * {@code ownerId}), so the views are shared rather than copied.
 */
@Component
class GraphqlWiring implements RuntimeWiringConfigurer {

    private final NodeTypes nodeTypes;

    GraphqlWiring(NodeTypes nodeTypes) {
        this.nodeTypes = nodeTypes;
    }

    static final GraphQLScalarType DATE_TIME = GraphQLScalarType.newScalar()
            .name("DateTime")
            .description("An instant, as an ISO-8601 text in UTC.")
            .coercing(new Coercing<Instant, String>() {
                @Override
                public String serialize(Object value, GraphQLContext context, Locale locale) {
                    if (value instanceof Instant instant) {
                        return instant.toString();
                    }
                    if (value instanceof OffsetDateTime odt) {
                        return odt.toInstant().toString();
                    }
                    if (value instanceof java.util.Date date) {
                        return date.toInstant().toString();
                    }
                    throw new CoercingSerializeException("Not an instant");
                }

                @Override
                public Instant parseValue(Object input, GraphQLContext context, Locale locale) {
                    try {
                        return Instant.parse(String.valueOf(input));
                    } catch (DateTimeParseException e) {
                        throw new CoercingParseValueException("Expected an ISO-8601 instant such as 2026-01-31T08:00:00Z");
                    }
                }

                @Override
                public Instant parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
                        Locale locale) {
                    if (input instanceof StringValue s) {
                        try {
                            return Instant.parse(s.getValue());
                        } catch (DateTimeParseException e) {
                            // fall through
                        }
                    }
                    throw new CoercingParseLiteralException("Expected an ISO-8601 instant such as 2026-01-31T08:00:00Z");
                }
            })
            .build();

    @Override
    public void configure(RuntimeWiring.Builder builder) {
        builder.scalar(DATE_TIME);
        builder.type(TypeRuntimeWiring.newTypeWiring("Node").typeResolver(env -> {
            String name = nodeTypes.typeOf(env.getObject());
            return name == null ? null : (GraphQLObjectType) env.getSchema().getType(name);
        }));
    }

    @Override
    public void configure(RuntimeWiring.Builder builder, List<WiringFactory> container) {
        container.add(new ViewFieldWiring(nodeTypes));
    }

    /** Default fetchers: global ids on Nodes, and the view's own names for fields named the GraphQL way. */
    static final class ViewFieldWiring implements WiringFactory {

        private final NodeTypes nodeTypes;
        private final Map<String, Method> accessors = new ConcurrentHashMap<>();

        ViewFieldWiring(NodeTypes nodeTypes) {
            this.nodeTypes = nodeTypes;
        }

        /** Used only for fields no controller maps. */
        @Override
        public DataFetcher<?> getDefaultDataFetcher(FieldWiringEnvironment environment) {
            String field = environment.getFieldDefinition().getName();
            boolean node = environment.getParentType() instanceof ObjectTypeDefinition type
                    && type.getImplements().stream()
                            .anyMatch(t -> t instanceof graphql.language.TypeName n && n.getName().equals("Node"));
            if (node && field.equals("id")) {
                String typeName = environment.getParentType().getName();
                return env -> {
                    Object id = read(env.getSource(), "id");
                    return id == null ? null : GlobalId.of(typeName, id.toString());
                };
            }
            String property = field.equals("uuid") ? "id" : field;
            return env -> read(env.getSource(), property);
        }

        Object read(Object source, String field) {
            if (source == null) {
                return null;
            }
            if (source instanceof Map<?, ?> map) {
                for (String name : candidates(field)) {
                    if (map.containsKey(name)) {
                        return map.get(name);
                    }
                }
                return null;
            }
            Method accessor = accessors.computeIfAbsent(source.getClass().getName() + "#" + field,
                    key -> find(source.getClass(), field));
            if (accessor == NONE) {
                return null;
            }
            try {
                return accessor.invoke(source);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot read " + field, e);
            }
        }

        private static final Method NONE;

        static {
            try {
                NONE = Object.class.getMethod("hashCode");
            } catch (NoSuchMethodException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private static Method find(Class<?> type, String field) {
            for (String name : candidates(field)) {
                for (String method : List.of(name, "get" + capital(name), "is" + capital(name))) {
                    try {
                        Method found = type.getMethod(method);
                        found.setAccessible(true);
                        return found;
                    } catch (NoSuchMethodException | RuntimeException e) {
                        // next candidate
                    }
                }
            }
            return NONE;
        }

        /** The field's name, then the spellings the REST views use for it. */
        static List<String> candidates(String field) {
            List<String> names = new ArrayList<>(List.of(field));
            if (field.endsWith("Id")) {
                names.add(field.substring(0, field.length() - 2) + "ID");
                names.add(field.substring(0, field.length() - 2));
            }
            if (field.endsWith("Ids")) {
                names.add(field.substring(0, field.length() - 3) + "IDs");
            }
            return names;
        }

        private static String capital(String name) {
            return Character.toUpperCase(name.charAt(0)) + name.substring(1);
        }
    }
}
