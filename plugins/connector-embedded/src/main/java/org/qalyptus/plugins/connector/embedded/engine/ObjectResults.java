package org.qalyptus.plugins.connector.embedded.engine;

import java.time.LocalDate;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.qalyptus.spi.app.AppModel.Cell;
import org.qalyptus.spi.app.AppModel.DataPage;
import org.qalyptus.spi.app.AppModel.ObjectData;
import org.qalyptus.spi.app.AppModel.SelectionState;

/**
 * The object pages already computed on one loaded app, as Qlik's engine keeps its result cache: the same
 * object under the same selection state, page and formats gives the same answer as long as the data does
 * not change, and a data change loads a new {@link LoadedApp} with an empty cache. The day is part of the
 * key because expressions may use {@code Today()}.
 *
 * <p>Bounded by cells, least recently used first out; a page larger than a tenth of the budget is not kept.
 * Thread-safe.
 */
public final class ObjectResults {

    static final long DEFAULT_MAX_CELLS = 500_000;

    record Key(String objectId, SelectionState state, DataPage page, LocalDate day) {}

    private final long maxCells;
    private final LinkedHashMap<Key, ObjectData> pages = new LinkedHashMap<>(64, 0.75f, true);
    private long cells;
    private long hits;
    private long misses;

    ObjectResults(long maxCells) {
        this.maxCells = maxCells;
    }

    static Key key(String objectId, SelectionState state, DataPage page) {
        return new Key(objectId, state == null ? SelectionState.EMPTY : state, page, LocalDate.now());
    }

    synchronized ObjectData get(Key key) {
        ObjectData page = pages.get(key);
        if (page == null) {
            misses++;
        } else {
            hits++;
        }
        return page;
    }

    synchronized void put(Key key, ObjectData page) {
        long weight = weight(page);
        if (maxCells <= 0 || weight > maxCells / 10) {
            return;
        }
        ObjectData previous = pages.put(key, page);
        cells += weight - (previous == null ? 0 : weight(previous));
        Iterator<Map.Entry<Key, ObjectData>> eldest = pages.entrySet().iterator();
        while (cells > maxCells && eldest.hasNext()) {
            cells -= weight(eldest.next().getValue());
            eldest.remove();
        }
    }

    /** Pages kept, cells kept, hits, misses: for tests and diagnostics. */
    synchronized long[] statistics() {
        return new long[] {pages.size(), cells, hits, misses};
    }

    private static long weight(ObjectData page) {
        long weight = 1 + page.totals().size();
        for (List<Cell> row : page.rows()) {
            weight += row.size();
        }
        return weight;
    }
}
