package org.qalyptus.render;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.qalyptus.spi.app.AppModel.DataPage;
import org.qalyptus.spi.app.AppModel.ObjectData;
import org.qalyptus.spi.app.AppModel.SelectionState;
import org.qalyptus.spi.app.AppSession;

/**
 * A session for rendering a burst over one iteration field: the first time an object page is asked for one
 * of the burst's values, the page of every value is evaluated at once ({@link AppSession#objectDataPerValue},
 * one grouped evaluation in the connectors that can) and each value's page is then handed out once, when its
 * document asks for it. Any other request (another state, a value outside the burst, a page already handed
 * out) goes to the session as usual, so answers are always the session's own.
 *
 * <p>Thread-safe. Closing it does not close the session it wraps.
 */
public final class BurstSession extends ForwardingSession {

    private record Batch(String objectId, DataPage page) {}

    private final SelectionState base;
    private final String field;
    private final List<String> values;
    private final Map<Batch, Map<String, ObjectData>> pending = new ConcurrentHashMap<>();

    /**
     * @param base the selection state the iteration values are selected on top of
     * @param values the burst's values of {@code field}, each rendered once
     */
    public BurstSession(AppSession session, SelectionState base, String field, List<String> values) {
        super(session);
        this.base = base;
        this.field = field;
        this.values = List.copyOf(values);
    }

    @Override
    public ObjectData objectData(String objectId, SelectionState state, DataPage page) {
        String value = burstValue(state);
        if (value == null) {
            return session.objectData(objectId, state, page);
        }
        Map<String, ObjectData> batch = pending.computeIfAbsent(new Batch(objectId, page),
                key -> new ConcurrentHashMap<>(session.objectDataPerValue(objectId, base, field, values, page)));
        ObjectData data = batch.remove(value);
        return data != null ? data : session.objectData(objectId, state, page);
    }

    /** The burst value {@code state} selects on top of the base state, or null when it is another state. */
    private String burstValue(SelectionState state) {
        List<String> selected = state.fields().get(field);
        if (selected == null || selected.size() != 1 || !values.contains(selected.get(0))) {
            return null;
        }
        String value = selected.get(0);
        return IterationValues.of(field, value).applyTo(base).equals(state) ? value : null;
    }

    /** Leaves the wrapped session open: its owner closes it. */
    @Override
    public void close() {
        pending.clear();
    }
}
