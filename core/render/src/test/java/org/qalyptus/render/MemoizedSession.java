package org.qalyptus.render;

import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.qalyptus.spi.app.AppModel.AppInfo;
import org.qalyptus.spi.app.AppModel.BookmarkInfo;
import org.qalyptus.spi.app.AppModel.DataPage;
import org.qalyptus.spi.app.AppModel.EvaluatedValue;
import org.qalyptus.spi.app.AppModel.FieldInfo;
import org.qalyptus.spi.app.AppModel.FieldValuePage;
import org.qalyptus.spi.app.AppModel.ImageRequest;
import org.qalyptus.spi.app.AppModel.ObjectData;
import org.qalyptus.spi.app.AppModel.SelectionState;
import org.qalyptus.spi.app.AppModel.SheetInfo;
import org.qalyptus.spi.app.AppModel.ValueQuery;
import org.qalyptus.spi.app.AppModel.VariableInfo;
import org.qalyptus.spi.app.AppSession;

/**
 * Benchmark only: a real session whose object data are read once and then answered from memory, to time the
 * rendering path apart from the connector's query (the embedded engine's DuckDB query is most of S).
 */
final class MemoizedSession implements AppSession {

    private record Key(String objectId, SelectionState state, DataPage page) {}

    private final AppSession session;
    private final Map<Key, ObjectData> data = new HashMap<>();

    MemoizedSession(AppSession session) {
        this.session = session;
    }

    @Override
    public ObjectData objectData(String objectId, SelectionState state, DataPage page) {
        return data.computeIfAbsent(new Key(objectId, state, page), k -> session.objectData(objectId, state, page));
    }

    @Override
    public AppInfo app() {
        return session.app();
    }

    @Override
    public List<FieldInfo> fields() {
        return session.fields();
    }

    @Override
    public FieldValuePage fieldValues(String field, SelectionState state, ValueQuery query) {
        return session.fieldValues(field, state, query);
    }

    @Override
    public List<VariableInfo> variables(SelectionState state) {
        return session.variables(state);
    }

    @Override
    public List<BookmarkInfo> bookmarks() {
        return session.bookmarks();
    }

    @Override
    public SelectionState bookmarkSelections(String bookmarkId) {
        return session.bookmarkSelections(bookmarkId);
    }

    @Override
    public List<SheetInfo> sheets() {
        return session.sheets();
    }

    @Override
    public void chartImage(String objectId, SelectionState state, ImageRequest request, OutputStream out) {
        session.chartImage(objectId, state, request, out);
    }

    @Override
    public EvaluatedValue evaluate(String expression, SelectionState state) {
        return session.evaluate(expression, state);
    }

    @Override
    public void close() {
        session.close();
    }
}
