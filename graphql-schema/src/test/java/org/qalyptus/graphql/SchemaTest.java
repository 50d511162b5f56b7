package org.qalyptus.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.language.Description;
import graphql.language.FieldDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaTest {

    private TypeDefinitionRegistry registry() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/graphql/schema.graphqls")) {
            assertThat(in).as("schema on the classpath under graphql/").isNotNull();
            return new SchemaParser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void schemaParsesAndHasAQueryType() throws IOException {
        assertThat(registry().getType("Query")).isPresent();
    }

    @Test
    void everyTypeAndFieldIsDocumented() throws IOException {
        List<String> undocumented = new ArrayList<>();
        for (ObjectTypeDefinition type : registry().getTypes(ObjectTypeDefinition.class)) {
            if (!"Query".equals(type.getName()) && blank(type.getDescription())) {
                undocumented.add(type.getName());
            }
            for (FieldDefinition field : type.getFieldDefinitions()) {
                if (blank(field.getDescription())) {
                    undocumented.add(type.getName() + "." + field.getName());
                }
            }
        }
        assertThat(undocumented).isEmpty();
    }

    private static boolean blank(Description description) {
        return description == null || description.getContent().isBlank();
    }
}
