package org.qalyptus.render;

import java.util.HashMap;
import java.util.Map;
import org.qalyptus.spi.app.AppModel.DataPage;
import org.qalyptus.spi.app.AppModel.ObjectData;
import org.qalyptus.spi.app.AppModel.SelectionState;
import org.qalyptus.spi.app.AppSession;

/**
 * Benchmark only: a real session whose object data are read once and then answered from memory, to time the
 * rendering path apart from the connector's query (the embedded engine's DuckDB query is most of S).
 */
final class MemoizedSession extends ForwardingSession {

    private record Key(String objectId, SelectionState state, DataPage page) {}

    private final Map<Key, ObjectData> data = new HashMap<>();

    MemoizedSession(AppSession session) {
        super(session);
    }

    @Override
    public ObjectData objectData(String objectId, SelectionState state, DataPage page) {
        return data.computeIfAbsent(new Key(objectId, state, page), k -> session.objectData(objectId, state, page));
    }
}
