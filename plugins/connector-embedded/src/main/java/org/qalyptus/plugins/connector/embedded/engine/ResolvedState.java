package org.qalyptus.plugins.connector.embedded.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.qalyptus.plugins.connector.embedded.expr.Sql;
import org.qalyptus.plugins.connector.embedded.manifest.AppManifest;
import org.qalyptus.plugins.connector.embedded.manifest.AppManifest.BookmarkDef;
import org.qalyptus.plugins.connector.embedded.manifest.AppManifest.FieldDef;
import org.qalyptus.plugins.connector.embedded.manifest.AppManifest.FieldType;
import org.qalyptus.spi.ExtensionException;
import org.qalyptus.spi.app.AppModel.SelectionState;

/**
 * A selection state made concrete: the bookmark's selections and variable values first, the state's
 * own on top (a field mapped to no values clears it). Every field and variable named must exist.
 * Selected texts become typed parameters; a text that cannot be a value of its field matches nothing.
 */
public final class ResolvedState {

    static final int MAX_VALUES_PER_FIELD = 100_000;
    /** Above this many values, a field's condition binds them as one array parameter instead of one each. */
    static final int LIST_PARAMETER_ABOVE = 16;

    private final LoadedApp app;
    private final Map<String, List<String>> fields;
    private final Map<String, String> variables;

    private ResolvedState(LoadedApp app, Map<String, List<String>> fields, Map<String, String> variables) {
        this.app = app;
        this.fields = fields;
        this.variables = variables;
    }

    public static ResolvedState of(LoadedApp app, SelectionState state) {
        AppManifest manifest = app.manifest();
        Map<String, List<String>> fields = new LinkedHashMap<>();
        Map<String, String> variables = new LinkedHashMap<>();
        if (state.bookmarkId() != null) {
            BookmarkDef bookmark = manifest.bookmark(state.bookmarkId()).orElseThrow(() -> new ExtensionException(
                    "Bookmark '" + shorten(state.bookmarkId()) + "' does not exist in app '" + manifest.name() + "'", false));
            fields.putAll(bookmark.selections());
            bookmark.variables().forEach((k, v) -> variables.put(k.toLowerCase(Locale.ROOT), v));
        }
        state.fields().forEach((field, values) -> {
            requireField(app, field);
            if (values.size() > MAX_VALUES_PER_FIELD) {
                throw new ExtensionException("Too many values selected in field '" + field + "' (at most "
                        + MAX_VALUES_PER_FIELD + ")", false);
            }
            if (values.isEmpty()) {
                fields.remove(field);
            } else {
                fields.put(field, values);
            }
        });
        state.variables().forEach((name, value) -> {
            if (manifest.variable(name).isEmpty()) {
                throw new ExtensionException("Variable '" + shorten(name) + "' does not exist in app '" + manifest.name() + "'",
                        false);
            }
            variables.put(name.toLowerCase(Locale.ROOT), value);
        });
        return new ResolvedState(app, fields, variables);
    }

    static FieldDef requireField(LoadedApp app, String field) {
        FieldDef def = app.fields().get(field);
        if (def == null) {
            throw new ExtensionException("Field '" + shorten(field) + "' does not exist in app '" + app.manifest().name() + "'",
                    false);
        }
        return def;
    }

    static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }

    /** The definition of a variable in this state: the value set for it, or its definition. Null if unknown. */
    public String variableDefinition(String name) {
        String set = variables.get(name.toLowerCase(Locale.ROOT));
        if (set != null) {
            return set;
        }
        return app.manifest().variable(name).map(AppManifest.VariableDef::definition).orElse(null);
    }

    public Map<String, List<String>> fields() {
        return fields;
    }

    /** The typed values a selection stands for; empty when none of the texts can be a value. */
    static List<Object> values(FieldDef field, List<String> texts, Formats formats) {
        Set<Object> values = new LinkedHashSet<>();
        for (String text : texts) {
            Object value = formats.parseSelection(field, text);
            if (value != null) {
                values.add(value);
            }
        }
        return new ArrayList<>(values);
    }

    /** The condition rows must meet: every selected field (but {@code except}, if given) in its values. */
    public Sql where(String except, Formats formats) {
        List<Sql> conditions = new ArrayList<>();
        fields.forEach((name, texts) -> {
            if (name.equals(except)) {
                return;
            }
            conditions.add(in(app.fields().get(name), values(app.fields().get(name), texts, formats)));
        });
        if (conditions.isEmpty()) {
            return Sql.of("TRUE");
        }
        return Sql.join("(", " AND ", ")", conditions);
    }

    /** Typed values of a field as one array parameter of the field's SQL type ({@code CAST(? AS VARCHAR[])}...). */
    static Sql array(FieldDef field, List<Object> values) {
        boolean date = field.type() == FieldType.DATE;
        List<Object> elements = date ? values.stream().map(v -> (Object) v.toString()).toList() : values;
        return Sql.array(date ? "VARCHAR" : field.type().sqlType(), elements).wrap("CAST(", " AS " + field.type().sqlType() + "[])");
    }

    static Sql in(FieldDef field, List<Object> values) {
        if (values.isEmpty()) {
            return Sql.of("FALSE");
        }
        if (values.size() > LIST_PARAMETER_ABOVE) {
            // One array parameter (a long selection): see Sql.array.
            return Sql.concat(Sql.identifier(field.name()) + " IN (SELECT unnest(", array(field, values), "))");
        }
        List<Sql> params = new ArrayList<>();
        for (Object value : values) {
            params.add(new Sql("CAST(? AS " + field.type().sqlType() + ")",
                    List.of(value instanceof java.time.LocalDate d ? d.toString() : value)));
        }
        return Sql.join(Sql.identifier(field.name()) + " IN (", ", ", ")", params);
    }
}
