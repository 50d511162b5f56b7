package org.qalyptus.server.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.language.Definition;
import graphql.language.Description;
import graphql.language.Document;
import graphql.language.EnumTypeDefinition;
import graphql.language.FieldDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.language.ObjectTypeExtensionDefinition;
import graphql.parser.Parser;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The administration SDL (users, groups, organizations, API keys, identity providers, storage services):
 * documented everywhere GraphiQL shows it, and without a field that could return a secret.
 */
class AdminSchemaTest {

    static final List<String> FILES = List.of("users", "groups", "organizations", "apikeys", "identityproviders",
            "storageservices");

    /**
     * Arguments documented by their type, as in the other SDL files: the page arguments of every connection,
     * and a mutation's one {@code input} (its input type is described field by field).
     */
    static final Set<String> PAGE_ARGUMENTS = Set.of("first", "after", "last", "before", "input");

    @Test
    void everyTypeFieldArgumentInputAndEnumValueIsDescribed() throws IOException {
        List<String> undescribed = new ArrayList<>();
        for (String file : FILES) {
            for (Definition<?> definition : parse(file).getDefinitions()) {
                if (definition instanceof ObjectTypeDefinition type) {
                    if (!(type instanceof ObjectTypeExtensionDefinition) && blank(type.getDescription())) {
                        undescribed.add(file + ": type " + type.getName());
                    }
                    for (FieldDefinition field : type.getFieldDefinitions()) {
                        if (blank(field.getDescription())) {
                            undescribed.add(file + ": " + type.getName() + "." + field.getName());
                        }
                        for (InputValueDefinition argument : field.getInputValueDefinitions()) {
                            if (!PAGE_ARGUMENTS.contains(argument.getName()) && blank(argument.getDescription())) {
                                undescribed.add(file + ": " + type.getName() + "." + field.getName() + "(" + argument.getName() + ")");
                            }
                        }
                    }
                } else if (definition instanceof InputObjectTypeDefinition input) {
                    if (blank(input.getDescription())) {
                        undescribed.add(file + ": input " + input.getName());
                    }
                    input.getInputValueDefinitions().stream().filter(v -> blank(v.getDescription()))
                            .forEach(v -> undescribed.add(file + ": " + input.getName() + "." + v.getName()));
                } else if (definition instanceof EnumTypeDefinition enumType) {
                    if (blank(enumType.getDescription())) {
                        undescribed.add(file + ": enum " + enumType.getName());
                    }
                    enumType.getEnumValueDefinitions().stream().filter(v -> blank(v.getDescription()))
                            .forEach(v -> undescribed.add(file + ": " + enumType.getName() + "." + v.getName()));
                }
            }
        }
        assertThat(undescribed).isEmpty();
    }

    @Test
    void noOutputTypeHasAFieldForASecret() throws IOException {
        TypeDefinitionRegistry schema = RestMappingTest.schema();
        List<String> secretLooking = new ArrayList<>();
        for (String type : List.of("ApiKey", "IdentityProvider", "StorageService", "User", "Organization",
                "IdentityProviderPayload", "ApiKeyPayload", "StorageServicePayload", "UserPayload")) {
            List<ObjectTypeDefinition> definitions = new ArrayList<>();
            schema.getType(type, ObjectTypeDefinition.class).ifPresent(definitions::add);
            definitions.addAll(schema.objectTypeExtensions().getOrDefault(type, List.of()));
            assertThat(definitions).as(type).isNotEmpty();
            definitions.stream().flatMap(d -> d.getFieldDefinitions().stream()).map(FieldDefinition::getName)
                    .filter(name -> name.matches("(?i)key|.*(secret|password|hash)"))
                    .forEach(name -> secretLooking.add(type + "." + name));
        }
        assertThat(secretLooking).isEmpty();
        // the one place a secret is answered: the new API key, once
        assertThat(schema.getType("CreateApiKeyPayload", ObjectTypeDefinition.class).orElseThrow().getFieldDefinitions())
                .extracting(FieldDefinition::getName).contains("key");
    }

    private static boolean blank(Description description) {
        return description == null || description.getContent() == null || description.getContent().isBlank();
    }

    private static Document parse(String file) throws IOException {
        try (InputStream in = AdminSchemaTest.class.getResourceAsStream("/graphql/" + file + ".graphqls")) {
            assertThat(in).as(file).isNotNull();
            return Parser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
