package org.qalyptus.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.language.Description;
import graphql.language.EnumTypeDefinition;
import graphql.language.FieldDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.InterfaceTypeDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SchemaTest {

    private final TypeDefinitionRegistry registry = SchemaFiles.registry();

    @Test
    void theSchemaIsSplitByFeatureAndBuildsIntoOneSchema() {
        assertThat(SchemaFiles.names()).contains("schema.graphqls", "projects.graphqls", "reports.graphqls",
                "filters.graphqls", "tasks.graphqls", "executions.graphqls");
        var schema = UnExecutableSchemaGenerator.makeUnExecutableSchema(registry);
        assertThat(schema.getQueryType().getFieldDefinition("projects")).isNotNull();
        assertThat(schema.getMutationType()).isNotNull();
        assertThat(schema.getSubscriptionType()).isNotNull();
    }

    @Test
    void everyTypeFieldAndInputIsDocumented() {
        List<String> undocumented = new ArrayList<>();
        Stream.concat(registry.getTypes(ObjectTypeDefinition.class).stream(),
                registry.objectTypeExtensions().values().stream().flatMap(List::stream)).forEach(type -> {
            boolean extension = registry.objectTypeExtensions().containsKey(type.getName())
                    && registry.objectTypeExtensions().get(type.getName()).contains(type);
            if (!extension && !"Query".equals(type.getName()) && blank(type.getDescription())) {
                undocumented.add(type.getName());
            }
            for (FieldDefinition field : type.getFieldDefinitions()) {
                if (blank(field.getDescription())) {
                    undocumented.add(type.getName() + "." + field.getName());
                }
            }
        });
        for (InterfaceTypeDefinition type : registry.getTypes(InterfaceTypeDefinition.class)) {
            type.getFieldDefinitions().stream().filter(f -> blank(f.getDescription()))
                    .forEach(f -> undocumented.add(type.getName() + "." + f.getName()));
        }
        for (InputObjectTypeDefinition input : registry.getTypes(InputObjectTypeDefinition.class)) {
            if (blank(input.getDescription())) {
                undocumented.add(input.getName());
            }
            for (InputValueDefinition field : input.getInputValueDefinitions()) {
                if (blank(field.getDescription())) {
                    undocumented.add(input.getName() + "." + field.getName());
                }
            }
        }
        for (EnumTypeDefinition type : registry.getTypes(EnumTypeDefinition.class)) {
            if (blank(type.getDescription())) {
                undocumented.add(type.getName());
            }
        }
        assertThat(undocumented).isEmpty();
    }

    @Test
    void everyListOfEntitiesIsAConnectionWithTotalCountAndPageInfo() {
        List<String> wrong = new ArrayList<>();
        for (ObjectTypeDefinition type : registry.getTypes(ObjectTypeDefinition.class)) {
            if (type.getName().endsWith("Connection")) {
                List<String> fields = type.getFieldDefinitions().stream().map(FieldDefinition::getName).toList();
                if (!fields.containsAll(List.of("edges", "nodes", "pageInfo", "totalCount"))) {
                    wrong.add(type.getName());
                }
            }
        }
        assertThat(wrong).isEmpty();
        // every field answering a connection takes the four Relay arguments
        Stream.concat(registry.getTypes(ObjectTypeDefinition.class).stream(),
                registry.objectTypeExtensions().values().stream().flatMap(List::stream))
                .flatMap(t -> t.getFieldDefinitions().stream().map(f -> new Object[] {t.getName(), f}))
                .filter(o -> isRelayConnection(((FieldDefinition) o[1]).getType()))
                .forEach(o -> {
                    FieldDefinition f = (FieldDefinition) o[1];
                    List<String> args = f.getInputValueDefinitions().stream().map(InputValueDefinition::getName).toList();
                    if (!args.containsAll(List.of("first", "after", "last", "before"))) {
                        wrong.add(o[0] + "." + f.getName());
                    }
                });
        assertThat(wrong).isEmpty();
    }

    /** A Relay connection type ({@code ...Connection} with edges), not a data connection's own types. */
    private boolean isRelayConnection(graphql.language.Type<?> type) {
        String name = graphql.schema.idl.TypeUtil.unwrapAll(type).getName();
        return name.endsWith("Connection") && registry.getType(name, ObjectTypeDefinition.class)
                .map(t -> t.getFieldDefinitions().stream().anyMatch(f -> f.getName().equals("edges")))
                .orElse(false);
    }

    @Test
    void nodesHaveAnOpaqueIdAndThePlainUuid() {
        List<String> wrong = new ArrayList<>();
        for (ObjectTypeDefinition type : registry.getTypes(ObjectTypeDefinition.class)) {
            boolean node = type.getImplements().stream().anyMatch(t -> t.toString().contains("Node"));
            if (node && type.getFieldDefinitions().stream().noneMatch(f -> f.getName().equals("uuid"))) {
                wrong.add(type.getName());
            }
        }
        assertThat(wrong).isEmpty();
    }

    private static boolean blank(Description description) {
        return description == null || description.getContent().isBlank();
    }
}
