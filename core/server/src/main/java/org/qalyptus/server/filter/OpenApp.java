package org.qalyptus.server.filter;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.qalyptus.server.app.AppElementIds;
import org.qalyptus.server.app.OrganizationApp;
import org.qalyptus.spi.ExtensionException;
import org.qalyptus.spi.app.AppModel.BookmarkInfo;
import org.qalyptus.spi.app.AppModel.FieldInfo;
import org.qalyptus.spi.app.AppModel.FieldValue;
import org.qalyptus.spi.app.AppModel.FieldValuePage;
import org.qalyptus.spi.app.AppModel.ObjectInfo;
import org.qalyptus.spi.app.AppModel.SelectionState;
import org.qalyptus.spi.app.AppModel.SheetInfo;
import org.qalyptus.spi.app.AppModel.ValueQuery;
import org.qalyptus.spi.app.AppModel.VariableInfo;
import org.qalyptus.spi.app.AppSession;

/**
 * A session on an app, for validating what a filter or condition names in it: elements are found by
 * their stable id ({@link AppElementIds}) or by name, values and expressions are checked by asking the
 * app. Reads the app's lists once. A connector failure is a 502 ({@link AppElements#unreachable}).
 */
public final class OpenApp implements AutoCloseable {

    /** How many values of a field are read at most to check values by their exact text. */
    static final int LISTED_VALUES = 100_000;
    private static final int PAGE = 10_000;
    /** Up to this many values are checked one by one; more are first looked up in one listing of the field. */
    private static final int FEW_VALUES = 10;
    /** How many search matches are looked through at most for one value. */
    private static final int SEARCHED_VALUES = 20_000;

    /** What the app says of a value given for a field. */
    public enum ValueCheck { KNOWN, UNKNOWN, CANNOT_TELL }

    private final OrganizationApp app;
    private final AppSession session;
    private List<FieldInfo> fields;
    private List<VariableInfo> variables;
    private List<BookmarkInfo> bookmarks;
    private List<SheetInfo> sheets;

    OpenApp(OrganizationApp app, AppSession session) {
        this.app = app;
        this.session = session;
    }

    public String id() {
        return app.id();
    }

    public String name() {
        return app.name();
    }

    // ---- fields ----

    public List<FieldInfo> fields() {
        if (fields == null) {
            fields = read(session::fields);
        }
        return fields;
    }

    /** The field whose stable id is {@code elementId} (when given) or, else, named {@code name}. */
    public Optional<FieldInfo> field(String elementId, String name) {
        return fields().stream().filter(f -> elementId != null
                ? AppElementIds.field(id(), f.name()).equals(elementId) : f.name().equals(name)).findFirst();
    }

    /**
     * Which of {@code values} the field has, asked of the app: first by exact text among the field's values
     * (one listing when the field is small enough), then, for the rest, by letting the app match each value
     * as a selection would (a number in plain form, a date in ISO form match the formatted value).
     */
    public Map<String, ValueCheck> checkValues(FieldInfo field, List<String> values) {
        Map<String, ValueCheck> checks = new java.util.LinkedHashMap<>();
        boolean listOnce = values.size() > FEW_VALUES && field.cardinality() <= LISTED_VALUES;
        Set<String> texts = listOnce ? texts(field.name()) : Set.of();
        for (String value : values) {
            checks.put(value, texts.contains(value) ? ValueCheck.KNOWN : matches(field.name(), value));
        }
        return checks;
    }

    /**
     * One page of a field's values under no selection, in the app's order, with how many match the search in all.
     *
     * @throws org.qalyptus.server.web.ApiException 502 when the app cannot list them
     */
    public FieldValuePage values(FieldInfo field, String search, int offset, int limit) {
        return read(() -> session.fieldValues(field.name(), SelectionState.EMPTY, new ValueQuery(search, offset, limit)));
    }

    private Set<String> texts(String field) {
        Set<String> texts = new HashSet<>();
        try {
            for (int offset = 0; offset < LISTED_VALUES; offset += PAGE) {
                FieldValuePage page = session.fieldValues(field, SelectionState.EMPTY, new ValueQuery(null, offset, PAGE));
                page.values().forEach(v -> texts.add(v.text()));
                if (page.values().size() < PAGE || offset + PAGE >= page.total()) {
                    break;
                }
            }
        } catch (ExtensionException cannotList) {
            return Set.of();
        }
        return texts;
    }

    private ValueCheck matches(String field, String value) {
        SelectionState selected = new SelectionState(Map.of(field, List.of(value)), Map.of(), null);
        try {
            int offset = 0;
            while (offset < SEARCHED_VALUES) {
                FieldValuePage page = session.fieldValues(field, selected, new ValueQuery(value, offset, PAGE));
                for (FieldValue candidate : page.values()) {
                    if (candidate.selected() || candidate.text().equals(value)) {
                        return ValueCheck.KNOWN;
                    }
                }
                offset += page.values().size();
                if (page.values().isEmpty() || offset >= page.total()) {
                    return ValueCheck.UNKNOWN;
                }
            }
            return ValueCheck.CANNOT_TELL;
        } catch (ExtensionException cannotSearch) {
            return ValueCheck.CANNOT_TELL;
        }
    }

    // ---- variables and bookmarks ----

    public List<VariableInfo> variables() {
        if (variables == null) {
            variables = read(() -> session.variables(SelectionState.EMPTY));
        }
        return variables;
    }

    /** The variable whose stable id is {@code elementId} (when given) or, else, named {@code name}. */
    public Optional<VariableInfo> variable(String elementId, String name) {
        return variables().stream().filter(v -> elementId != null
                ? AppElementIds.variable(id(), v.name()).equals(elementId) : v.name().equals(name)).findFirst();
    }

    public List<BookmarkInfo> bookmarks() {
        if (bookmarks == null) {
            bookmarks = read(session::bookmarks);
        }
        return bookmarks;
    }

    /** The bookmark whose stable id is {@code elementId} (when given) or, else, named {@code name} (or with that app id). */
    public Optional<BookmarkInfo> bookmark(String elementId, String name) {
        if (elementId != null) {
            return bookmarks().stream().filter(b -> AppElementIds.bookmark(id(), b.id()).equals(elementId)).findFirst();
        }
        return bookmarks().stream().filter(b -> b.name().equals(name)).findFirst()
                .or(() -> bookmarks().stream().filter(b -> b.id().equals(name)).findFirst());
    }

    // ---- objects and expressions ----

    public List<SheetInfo> sheets() {
        if (sheets == null) {
            sheets = read(session::sheets);
        }
        return sheets;
    }

    /** The object whose stable id is {@code elementId} (when given) or, else, with the app's object id {@code objectId}. */
    public Optional<ObjectInfo> object(String elementId, String objectId) {
        return sheets().stream().flatMap(s -> s.objects().stream()).filter(o -> elementId != null
                ? AppElementIds.object(id(), o.id()).equals(elementId) : o.id().equals(objectId)).findFirst();
    }

    /**
     * Why the app refuses the expression, or empty when it evaluates it (with no selections).
     *
     * @throws org.qalyptus.server.web.ApiException 502 when the app fails for a reason that may pass
     */
    public Optional<String> expressionError(String expression) {
        try {
            session.evaluate(expression, SelectionState.EMPTY);
            return Optional.empty();
        } catch (ExtensionException e) {
            if (e.isRetryable()) {
                throw AppElements.unreachable(name(), e);
            }
            return Optional.of(e.getMessage() == null ? "is not a valid expression" : e.getMessage());
        }
    }

    private <T> T read(Supplier<T> reading) {
        try {
            return reading.get();
        } catch (ExtensionException e) {
            throw AppElements.unreachable(name(), e);
        }
    }

    @Override
    public void close() {
        session.close();
    }
}
