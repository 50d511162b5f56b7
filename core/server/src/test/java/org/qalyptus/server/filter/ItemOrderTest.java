package org.qalyptus.server.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qalyptus.server.filter.ItemOrder.Direction;
import org.qalyptus.server.web.ApiException;

/** Moving one item of an ordered list: one step, to a position, at the ends. */
class ItemOrderTest {

    private static final List<String> ITEMS = List.of("a", "b", "c", "d");

    private static List<String> move(String item, Direction direction, Integer position) {
        int from = ITEMS.indexOf(item);
        return ItemOrder.move(ITEMS, from, ItemOrder.target(from, ITEMS.size(), direction, position));
    }

    @Test
    void oneStepUpOrDownSwapsWithTheNeighbour() {
        assertThat(move("c", Direction.UP, null)).containsExactly("a", "c", "b", "d");
        assertThat(move("b", Direction.DOWN, null)).containsExactly("a", "c", "b", "d");
    }

    @Test
    void theFirstGoesNoHigherAndTheLastNoLower() {
        assertThat(move("a", Direction.UP, null)).isEqualTo(ITEMS);
        assertThat(move("d", Direction.DOWN, null)).isEqualTo(ITEMS);
        assertThat(ItemOrder.target(0, 1, Direction.DOWN, null)).isZero();
    }

    @Test
    void aPositionMovesTheItemThereAndKeepsTheOthersInOrder() {
        assertThat(move("d", null, 0)).containsExactly("d", "a", "b", "c");
        assertThat(move("a", null, 3)).containsExactly("b", "c", "d", "a");
        assertThat(move("b", null, 1)).isEqualTo(ITEMS);
        assertThatThrownBy(() -> ItemOrder.target(0, 4, null, 4)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> ItemOrder.target(0, 4, null, -1)).isInstanceOf(ApiException.class);
    }

    @Test
    void directionsAreUpOrDownInAnyCase() {
        assertThat(ItemOrder.direction("Up")).isEqualTo(Direction.UP);
        assertThat(ItemOrder.direction(" DOWN ")).isEqualTo(Direction.DOWN);
        assertThat(ItemOrder.direction(null)).isNull();
        assertThatThrownBy(() -> ItemOrder.direction("Left")).isInstanceOf(ApiException.class);
    }
}
