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
    static final Set<String> TODO_ROUTES = Set.of(
            "GET /api/v1/reports/{id}/html-content", "GET /api/v1/reports/{id}/variables",
            "GET /api/v1/reports/{id}/qlik-apps", "GET /api/v1/reports/{id}/qlik-objects",
            "GET /api/v1/reports/{id}/template-items", "GET /api/v1/filters/items/{id}",
            "GET /api/v1/tasks/{id}/email", "PUT /api/v1/tasks/{id}/email", "PUT /api/v1/tasks/{id}/recipients",
            "DELETE /api/v1/tasks/{id}/recipients", "PUT /api/v1/tasks/{id}/schedules", "DELETE /api/v1/tasks/{id}/schedules",
            "PUT /api/v1/tasks/{id}/external-events", "DELETE /api/v1/tasks/{id}/external-events",
            "DELETE /api/v1/tasks/{id}/external-events/{externalEventId}", "DELETE /api/v1/tasks/{id}/triggers",
            "PUT /api/v1/tasks/{id}/reports", "DELETE /api/v1/tasks/{id}/reports",
            "GET /api/v1/status/tasks/{id}/log", "GET /api/v1/status/tasks/{id}/smtp-log",
            "GET /api/v1/status/requests/{id}/log", "GET /api/v1/status/requests/{id}/smtp-log",
            "GET /api/v1/status/{id}/download", "GET /api/v1/status/{id}/download/stream");

    /** Our routes beyond the reference (connections, app uploads, hub, events, smtp settings): not mapped yet. */
    static final List<String> TODO_EXTENSIONS = List.of("/api/v1/connections", "/api/v1/hub", "/api/v1/events",
            "/api/v1/audit", "/api/v1/settings/smtp");

    /** Our routes beyond the reference that have their operation (the others wait in TODO_EXTENSIONS). */
    static final Set<String> EXTENSION_ROUTES = Set.of("POST /api/v1/storage-services",
            "POST /api/v1/storage-services/{id}/test");

    /**
     * The mapping's word for a route that stays REST-only. Accepted only with a reason saying the route moves
     * files ({@code multipart: ...} for an upload, {@code binary: ...} for a download): GraphQL carries no
     * files (large data travels as links), everything else must have its operation.
     */
    static final String REST_ONLY = "REST-only";

    @Test
    void everyRouteOfADoneGroupHasAGraphqlFieldThatExists() throws IOException {
        Map<String, String> mapping = mapping();
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
            if (field.startsWith(REST_ONLY)) {
                if (!restOnlyWithAFileReason(field)) {
                    unknownFields.add(key + " -> " + field + " (REST-only needs a multipart: or binary: reason)");
                }
                continue;
            }
            if (!exists(schema, field)) {
                unknownFields.add(key + " -> " + field);
            }
        }
        assertThat(missing).as("routes without a GraphQL operation").isEmpty();
        assertThat(unknownFields).as("mapped to fields the schema lacks").isEmpty();
        assertThat(mapped).isGreaterThanOrEqualTo(100);
    }

    @Test
    void everyMappingRowNamesARouteAndAnExistingField() throws IOException {
        TypeDefinitionRegistry schema = schema();
        Set<String> routes = new java.util.HashSet<>();
        RestRoutes.all().forEach(r -> routes.add(r.method() + " " + r.pathOnly()));
        List<String> wrong = new ArrayList<>();
        mapping().forEach((route, field) -> {
            boolean extension = EXTENSION_ROUTES.contains(route) || TODO_EXTENSIONS.stream().anyMatch(route::contains);
            boolean known = field.startsWith(REST_ONLY) ? restOnlyWithAFileReason(field) : exists(schema, field);
            if (!routes.contains(route) && !extension || !known) {
                wrong.add(route + " -> " + field);
            }
        });
        assertThat(wrong).isEmpty();
    }

    /** {@code REST-only<TAB>multipart: why} or {@code REST-only<TAB>binary: why}, as the mapping row reads. */
    private static boolean restOnlyWithAFileReason(String field) {
        String reason = field.substring(REST_ONLY.length()).trim();
        return (reason.startsWith("multipart:") || reason.startsWith("binary:")) && reason.length() > "multipart: ".length() + 10;
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
        Map<String, String> rows = new HashMap<>();
        try (InputStream in = RestMappingTest.class.getResourceAsStream("/graphql/rest-mapping.tsv")) {
            assertThat(in).isNotNull();
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).toList();
            for (String line : lines) {
                String[] cells = line.split("\t");
                // a REST-only row carries its reason in a fourth column
                rows.put(cells[0] + " " + cells[1], cells[2].equals(REST_ONLY) && cells.length > 3
                        ? cells[2] + " " + cells[3] : cells[2]);
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
