package org.qalyptus.server.graphql;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The filters and orderings of asset lists (name search, owner, order by name or dates), applied to what
 * the services answer (already limited to what the caller may see).
 */
record AssetQuery<T>(Function<T, String> name, Function<T, String> owner, Function<T, Instant> createdAt,
        Function<T, Instant> updatedAt) {

    List<T> apply(List<T> all, String search, String ownerId, Map<String, Object> orderBy, Predicate<T> more) {
        String needle = search == null || search.isBlank() ? null : search.trim().toLowerCase(Locale.ROOT);
        String ownerPlain = ownerId == null ? null : GlobalId.plain(ownerId, "User");
        List<T> kept = all.stream()
                .filter(t -> needle == null || (name.apply(t) != null && name.apply(t).toLowerCase(Locale.ROOT).contains(needle)))
                .filter(t -> ownerPlain == null || ownerPlain.equals(owner.apply(t)))
                .filter(more)
                .toList();
        if (orderBy == null) {
            return kept;
        }
        Comparator<T> order = switch (String.valueOf(orderBy.get("field"))) {
            case "CREATED_AT" -> Comparator.comparing(createdAt, Comparator.nullsFirst(Comparator.naturalOrder()));
            case "UPDATED_AT" -> Comparator.comparing(updatedAt, Comparator.nullsFirst(Comparator.naturalOrder()));
            default -> Comparator.comparing(name, String.CASE_INSENSITIVE_ORDER);
        };
        if ("DESC".equals(String.valueOf(orderBy.get("direction")))) {
            order = order.reversed();
        }
        return kept.stream().sorted(order).toList();
    }
}
