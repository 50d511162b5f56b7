package org.qalyptus.server.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.qalyptus.server.web.ApiException;

/**
 * Moving one element of an ordered list, for filter items. The list's positions are the order, so the
 * order is dense (0..n-1) after every move and every removal, and the other elements keep their relative
 * order. Moving the first element up or the last one down changes nothing.
 */
final class ItemOrder {

    enum Direction { UP, DOWN }

    private ItemOrder() {}

    /**
     * The direction named by a request ({@code Up}/{@code Down}, any case), or null when absent.
     *
     * @throws ApiException 400 naming {@code direction} when it is neither
     */
    static Direction direction(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "up" -> Direction.UP;
            case "down" -> Direction.DOWN;
            default -> throw ApiException.invalid("direction", "must be Up or Down");
        };
    }

    /**
     * Where the element at {@code from} goes: one step in {@code direction}, kept within the list, or to
     * {@code position}.
     *
     * @throws ApiException 400 naming {@code position} when it is outside 0..size-1
     */
    static int target(int from, int size, Direction direction, Integer position) {
        if (position != null) {
            if (position < 0 || position >= size) {
                throw ApiException.invalid("position", "must be between 0 and " + (size - 1));
            }
            return position;
        }
        int to = direction == Direction.UP ? from - 1 : from + 1;
        return Math.max(0, Math.min(size - 1, to));
    }

    /** The list with the element at {@code from} moved to {@code to}, the others keeping their order. */
    static <T> List<T> move(List<T> items, int from, int to) {
        List<T> moved = new ArrayList<>(items);
        T item = moved.remove(from);
        moved.add(to, item);
        return moved;
    }
}
