package org.qalyptus.server.graphql;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import org.qalyptus.server.web.ApiException;
import org.qalyptus.server.web.ApiResponse.FieldError;

/** Relay connections over the lists the services answer (already filtered by permission and sorted). */
final class Connections {

    static final int DEFAULT_PAGE = 20;
    static final int MAX_PAGE = 100;

    private Connections() {}

    record Connection<T>(List<Edge<T>> edges, List<T> nodes, PageInfo pageInfo, int totalCount) {}

    record Edge<T>(String cursor, T node) {}

    record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {}

    /** The arguments of a connection field. */
    record Page(Integer first, String after, Integer last, String before) {

        static Page firstOf(int n) {
            return new Page(n, null, null, null);
        }

        /** @throws ApiException 400 naming the argument when first/last are outside 1..100 */
        Page checked() {
            List<FieldError> errors = new java.util.ArrayList<>();
            if (first != null && (first < 1 || first > MAX_PAGE)) {
                errors.add(new FieldError("first", "must be between 1 and " + MAX_PAGE));
            }
            if (last != null && (last < 1 || last > MAX_PAGE)) {
                errors.add(new FieldError("last", "must be between 1 and " + MAX_PAGE));
            }
            if (!errors.isEmpty()) {
                throw ApiException.invalid(errors);
            }
            return this;
        }
    }

    static String cursor(String id) {
        return Base64.getEncoder().encodeToString(("cursor:" + id).getBytes(StandardCharsets.UTF_8));
    }

    static <T> Connection<T> of(List<T> all, Function<T, String> id, Page page) {
        page = page.checked();
        int start = 0;
        int end = all.size();
        if (page.after() != null) {
            start = indexOf(all, id, page.after(), "after") + 1;
        }
        if (page.before() != null) {
            end = Math.max(start, indexOf(all, id, page.before(), "before"));
        }
        if (page.first() != null) {
            end = Math.min(end, start + page.first());
        }
        if (page.last() != null) {
            start = Math.max(start, end - page.last());
        }
        if (page.first() == null && page.last() == null) {
            end = Math.min(end, start + DEFAULT_PAGE);
        }
        List<T> slice = all.subList(start, end);
        List<Edge<T>> edges = slice.stream().map(n -> new Edge<>(cursor(id.apply(n)), n)).toList();
        PageInfo info = new PageInfo(end < all.size(), start > 0,
                edges.isEmpty() ? null : edges.get(0).cursor(), edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor());
        return new Connection<>(edges, List.copyOf(slice), info, all.size());
    }

    private static <T> int indexOf(List<T> all, Function<T, String> id, String cursor, String argument) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(argument, "is not a cursor of this list");
        }
        if (decoded.startsWith("cursor:")) {
            String wanted = decoded.substring("cursor:".length());
            for (int i = 0; i < all.size(); i++) {
                if (wanted.equals(id.apply(all.get(i)))) {
                    return i;
                }
            }
        }
        throw ApiException.invalid(argument, "is not a cursor of this list");
    }
}
