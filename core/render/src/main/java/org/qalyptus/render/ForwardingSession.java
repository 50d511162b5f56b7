package org.qalyptus.render;

import java.io.OutputStream;
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
 * A session that forwards every call to another, for sessions that change a few of them (bursts, tests).
 * Closing it closes the session it wraps unless a subclass says otherwise.
 */
abstract class ForwardingSession implements AppSession {

    final AppSession session;

    ForwardingSession(AppSession session) {
        this.session = session;
    }

    @Override
    public ObjectData objectData(String objectId, SelectionState state, DataPage page) {
        return session.objectData(objectId, state, page);
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
    public List<VariableInfo> variables(List<String> names, SelectionState state) {
        return session.variables(names, state);
    }

    @Override
    public Map<String, List<VariableInfo>> variablesPerValue(List<String> names, SelectionState state, String field,
            List<String> values) {
        return session.variablesPerValue(names, state, field, values);
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
    public Map<String, ObjectData> objectDataPerValue(String objectId, SelectionState state, String field, List<String> values,
            DataPage page) {
        return session.objectDataPerValue(objectId, state, field, values, page);
    }

    @Override
    public List<String> takeNotes() {
        return session.takeNotes();
    }

    @Override
    public void close() {
        session.close();
    }
}
