package org.qalyptus.server.graphql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.qalyptus.server.web.ApiException;

/** Reading mutation inputs: ids may be global or plain. */
final class Inputs {

    private Inputs() {}

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
