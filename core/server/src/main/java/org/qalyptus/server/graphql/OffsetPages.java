package org.qalyptus.server.graphql;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.qalyptus.server.graphql.Connections.Connection;
import org.qalyptus.server.graphql.Connections.Edge;
import org.qalyptus.server.graphql.Connections.Page;
import org.qalyptus.server.graphql.Connections.PageInfo;
import org.qalyptus.server.web.ApiException;

/** Connections over lists the store pages by offset (executions, the audit log): cursors carry the offset. */
final class OffsetPages {

    private OffsetPages() {}

    /** A slice read from an offset, with how many items the whole list holds. */
    record Slice<T>(List<T> items, long total) {}

    /** Reads {@code limit} items from {@code skip} on. */
    interface Reader<T> {
        Slice<T> read(long skip, int limit);
    }

    /** The page the arguments ask for; {@code last} without {@code before} reads the total first. */
    static <T> Connection<T> window(Page page, Reader<T> reader) {
        long start = page.after() == null ? 0 : offset(page.after(), "after") + 1;
        long end = page.before() == null ? Long.MAX_VALUE : offset(page.before(), "before");
        int size = page.first() != null ? page.first() : page.last() != null ? page.last() : Connections.DEFAULT_PAGE;
        if (page.first() == null && page.last() != null && page.before() != null) {
            start = Math.max(start, end - size);
        }
        int limit = (int) Math.max(0, Math.min(size, end - start));
        Slice<T> slice = reader.read(start, limit);
        if (page.first() == null && page.last() != null && page.before() == null) {
            start = Math.max(start, slice.total() - size);
            slice = reader.read(start, size);
        }
        List<Edge<T>> edges = new ArrayList<>();
        for (int i = 0; i < slice.items().size(); i++) {
            edges.add(new Edge<>(cursor(start + i), slice.items().get(i)));
        }
        long last = start + slice.items().size();
        return new Connection<>(edges, slice.items(), new PageInfo(last < slice.total(), start > 0,
                edges.isEmpty() ? null : edges.get(0).cursor(), edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()),
                (int) slice.total());
    }

    private static String cursor(long offset) {
        return Base64.getEncoder().encodeToString(("offset:" + offset)
                .getBytes(StandardCharsets.UTF_8));
    }

    private static long offset(String cursor, String argument) {
        try {
            String decoded = new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (decoded.startsWith("offset:")) {
                long offset = Long.parseLong(decoded.substring("offset:".length()));
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // refused below
        }
        throw ApiException.invalid(argument, "is not a cursor of this list");
    }
}
