package org.qalyptus.server.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.language.FieldDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.qalyptus.server.support.RestRoutes;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Every route of rest-routes.tsv (and our extension routes) has its query or mutation in
 * graphql/rest-mapping.tsv, and the field named there exists in the schema.
 */
class RestMappingTest {

    /** Groups whose GraphQL operations are not written yet: honest about what is missing. */
    static final Set<String> TODO_GROUPS = Set.of();

    /** Routes of done groups still without a GraphQL operation. */
    static final Set<String> TODO_ROUTES = Set.of();

    /**
     * Our routes beyond the reference that stay REST by design, by path prefix: signing in, the OpenID Connect
     * redirects and accepting an invitation hand out the credential every GraphQL call needs. Every other
     * extension route found in the controllers must be mapped.
     */
    static final List<String> SIGN_IN_ROUTES = List.of("/api/v1/login", "/api/v1/auth", "/api/v1/invitations");

    /** The graphql cell of a route that stays REST-only; the test accepts it only for multipart or binary routes. */
    static final String REST_ONLY = "REST-only";

    @Test
    void everyRouteOfADoneGroupHasAGraphqlFieldThatExists() throws IOException {
        Map<String, String> mapping = mapping();
        Map<String, String> reasons = reasons();
        TypeDefinitionRegistry schema = schema();
        List<String> missing = new ArrayList<>();
        List<String> unknownFields = new ArrayList<>();
        int mapped = 0;
        for (RestRoutes.Route route : RestRoutes.all()) {
            String key = route.method() + " " + route.pathOnly();
            if (TODO_GROUPS.contains(route.group()) && !mapping.containsKey(key) || TODO_ROUTES.contains(key)) {
                continue;
            }
            String field = mapping.get(key);
            if (field == null) {
                missing.add(key);
                continue;
            }
            mapped++;
            if (field.equals(REST_ONLY) ? !movesFiles(reasons.getOrDefault(key, "")) : !exists(schema, field)) {
                unknownFields.add(key + " -> " + field);
            }
        }
        assertThat(missing).as("routes without a GraphQL operation").isEmpty();
        assertThat(unknownFields).as("mapped to fields the schema lacks, or REST-only without a file reason").isEmpty();
        assertThat(mapped).isGreaterThanOrEqualTo(100);
    }

    @Test
    void everyExtensionRouteHasAGraphqlFieldOrIsRestOnlyForAReason() throws IOException {
        Map<String, String> mapping = mapping();
        Map<String, String> reasons = reasons();
        List<String> missing = new ArrayList<>();
        List<String> wrongRestOnly = new ArrayList<>();
        for (ControllerRoutes.Handler route : ControllerRoutes.extensions()) {
            if (SIGN_IN_ROUTES.stream().anyMatch(route.path()::startsWith)) {
                continue;
            }
            String field = mapping.get(route.key());
            if (field == null) {
                missing.add(route.key());
            } else if (field.equals(REST_ONLY)
                    && (!route.multipartOrBinary() || reasons.getOrDefault(route.key(), "").isBlank())) {
                wrongRestOnly.add(route.key());
            }
        }
        assertThat(missing).as("extension routes without a GraphQL operation").isEmpty();
        assertThat(wrongRestOnly).as("REST-only rows need a multipart or binary route and a reason").isEmpty();
    }

    @Test
    void everyMappingRowNamesARouteAndAnExistingField() throws IOException {
        TypeDefinitionRegistry schema = schema();
        Set<String> routes = new java.util.HashSet<>();
        RestRoutes.all().forEach(r -> routes.add(r.method() + " " + r.pathOnly()));
        ControllerRoutes.extensions().forEach(r -> routes.add(r.key()));
        List<String> wrong = new ArrayList<>();
        mapping().forEach((route, field) -> {
            if (!routes.contains(route) || !field.equals(REST_ONLY) && !exists(schema, field)) {
                wrong.add(route + " -> " + field);
            }
        });
        assertThat(wrong).isEmpty();
    }

    /**
     * A reference route may stay REST-only only when it moves a file ({@code multipart: ...} for an upload,
     * {@code binary: ...} for a download): GraphQL carries no files, everything else must have its operation.
     */
    private static boolean movesFiles(String reason) {
        return reason.startsWith("multipart: ") || reason.startsWith("binary: ");
    }

    private static boolean exists(TypeDefinitionRegistry schema, String field) {
        String[] parts = field.split("\\.");
        Stream<ObjectTypeDefinition> definitions = Stream.concat(
                schema.getType(parts[0], ObjectTypeDefinition.class).stream(),
                schema.objectTypeExtensions().getOrDefault(parts[0], List.of()).stream());
        return definitions.flatMap(t -> t.getFieldDefinitions().stream()).map(FieldDefinition::getName)
                .anyMatch(parts[1]::equals);
    }

    private static Map<String, String> mapping() throws IOException {
        return column(2);
    }

    /** The reason column of REST-only rows. */
    private static Map<String, String> reasons() throws IOException {
        return column(3);
    }

    private static Map<String, String> column(int index) throws IOException {
        Map<String, String> rows = new HashMap<>();
        try (InputStream in = RestMappingTest.class.getResourceAsStream("/graphql/rest-mapping.tsv")) {
            assertThat(in).isNotNull();
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).toList();
            for (String line : lines) {
                String[] cells = line.split("\t");
                String key = cells[0] + " " + cells[1];
                assertThat(rows).as("one row per route").doesNotContainKey(key);
                rows.put(key, cells.length > index ? cells[index] : "");
            }
        }
        return rows;
    }

    static TypeDefinitionRegistry schema() throws IOException {
        TypeDefinitionRegistry registry = new TypeDefinitionRegistry();
        for (Resource file : new PathMatchingResourcePatternResolver().getResources("classpath*:graphql/*.graphqls")) {
            try (InputStream in = file.getInputStream()) {
                registry.merge(new SchemaParser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
        }
        return registry;
    }
}
