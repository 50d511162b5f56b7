package org.qalyptus.server.task;

import java.util.List;
import java.util.UUID;
import org.qalyptus.server.web.ApiException;

/** The id lists of the bulk delete routes. */
final class TaskIds {

    static final int MAX = 1000;

    private TaskIds() {}

    /** The distinct ids, in order. @throws ApiException 400 when the list is missing, empty, too long or holds a null */
    static List<String> of(List<UUID> ids, String field, String what) {
        if (ids == null || ids.isEmpty()) {
            throw ApiException.invalid(field, "must list at least one " + what + " id");
        }
        if (ids.size() > MAX) {
            throw ApiException.invalid(field, "must list at most " + MAX + " ids");
        }
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i) == null) {
                throw ApiException.invalid(field + "[" + i + "]", "must be a " + what + " id");
            }
        }
        return ids.stream().map(UUID::toString).distinct().toList();
    }
}
