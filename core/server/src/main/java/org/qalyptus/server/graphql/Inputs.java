package org.qalyptus.server.graphql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.qalyptus.server.web.ApiException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

/** Reading mutation inputs: ids may be global or plain. */
final class Inputs {

    private Inputs() {}

    /**
     * Reads REST request bodies from GraphQL inputs: the input fields are the body's JSON fields spelt the
     * GraphQL way ({@code reportId} for {@code reportID}), so names match ignoring case. Unknown fields fail
     * (a schema field the REST body lacks is a mistake to see in tests, not to drop).
     */
    private static final JsonMapper BODIES = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /**
     * The REST request body a mutation input carries: every input field except the {@code routing} ones
     * (the ids REST puts in the path or query), converted to {@code type}.
     */
    static <T> T body(Map<String, Object> input, Class<T> type, String... routing) {
        Map<String, Object> fields = new java.util.LinkedHashMap<>(input);
        for (String key : routing) {
            fields.remove(key);
        }
        return BODIES.convertValue(fields, type);
    }

    /** The REST bodies a list input carries. */
    @SuppressWarnings("unchecked")
    static <T> List<T> bodies(Map<String, Object> input, String key, Class<T> type) {
        Object value = input.get(key);
        if (value == null) {
            return List.of();
        }
        return ((List<Object>) value).stream().map(o -> body((Map<String, Object>) o, type)).toList();
    }

    /** An optional plain id: null when absent. @throws ApiException 404 when given but not a UUID, as REST's query parameter */
    static String optionalUuid(Map<String, Object> input, String key, String type) {
        return input.get(key) == null ? null : uuid(input, key, type);
    }

    static String string(Map<String, Object> input, String key) {
        Object value = input.get(key);
        return value == null ? null : value.toString();
    }

    static String id(Map<String, Object> input, String key, String type) {
        return GlobalId.plain(string(input, key), type);
    }

    static Long version(Map<String, Object> input) {
        return input.get("version") instanceof Number n ? n.longValue() : null;
    }

    @SuppressWarnings("unchecked")
    static List<String> strings(Map<String, Object> input, String key) {
        Object value = input.get(key);
        return value == null ? null : ((List<Object>) value).stream().map(o -> o == null ? null : o.toString()).toList();
    }

    /** The ids as UUIDs. @throws ApiException 400 naming the first that is not one */
    static List<UUID> uuids(Map<String, Object> input, String key, String type) {
        List<UUID> ids = optionalUuids(input, key, type);
        if (ids == null || ids.isEmpty()) {
            throw ApiException.invalid(key, "must list at least one id");
        }
        return ids;
    }

    /** The ids as UUIDs; null when not given. @throws ApiException 400 naming the first that is not one */
    static List<UUID> optionalUuids(Map<String, Object> input, String key, String type) {
        List<String> given = strings(input, key);
        if (given == null) {
            return null;
        }
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            try {
                ids.add(UUID.fromString(GlobalId.plain(given.get(i), type)));
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid(key + "[" + i + "]", "must be an id");
            }
        }
        return ids;
    }

    /** A single plain id that must be a UUID, as REST's path variables. @throws ApiException 404 otherwise */
    static String uuid(Map<String, Object> input, String key, String type) {
        String id = id(input, key, type);
        try {
            return UUID.fromString(id).toString();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ApiException.notFound(type + " " + id);
        }
    }
}
