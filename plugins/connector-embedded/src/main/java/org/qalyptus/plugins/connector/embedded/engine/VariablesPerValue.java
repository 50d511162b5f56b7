package org.qalyptus.plugins.connector.embedded.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qalyptus.plugins.connector.embedded.expr.ExpressionCompiler.Compiled;
import org.qalyptus.plugins.connector.embedded.expr.ExpressionException;
import org.qalyptus.plugins.connector.embedded.expr.Sql;
import org.qalyptus.plugins.connector.embedded.manifest.AppManifest.FieldDef;
import org.qalyptus.plugins.connector.embedded.manifest.AppManifest.VariableDef;
import org.qalyptus.spi.ExtensionException;
import org.qalyptus.spi.app.AppModel.FormatOptions;
import org.qalyptus.spi.app.AppModel.SelectionState;
import org.qalyptus.spi.app.AppModel.VariableInfo;

/**
 * Variables evaluated for every value of an iteration field at once (a burst's per-value recipients, folders...).
 * A variable is first expanded as text alone ({@link Evaluation#textOnly}):
 * <ul>
 * <li>defined as text and expanding to the same text under any selections: one value for every iteration value;</li>
 * <li>defined as an expression ({@code =Only(email)}) whose expansion needs no evaluation: the expression is the same
 * for every value, so it is evaluated for all of them in one query grouped by the value (the values join the model as
 * one array parameter, as in {@link ObjectQuery}); a value with no rows gets the expression over no rows;</li>
 * <li>otherwise (expansion that evaluates under the selections, {@code $(=...)}): value by value, as
 * {@link EmbeddedSession#variables} does.</li>
 * </ul>
 * Each answer is what evaluating under that value's state alone gives: an error makes the value null, as there.
 */
final class VariablesPerValue {

    private final LoadedApp app;
    private final Statements statements;

    VariablesPerValue(LoadedApp app, Statements statements) {
        this.app = app;
        this.statements = statements;
    }

    /** The app's variables with these names (exact, as {@code variables()} names them), in the order of the names. */
    List<VariableDef> named(List<String> names) {
        List<VariableDef> defs = new ArrayList<>();
        for (String name : new java.util.LinkedHashSet<>(names)) {
            app.manifest().variables().stream().filter(v -> v.name().equals(name)).findFirst().ifPresent(defs::add);
        }
        return defs;
    }

    Map<String, List<VariableInfo>> evaluate(List<String> names, SelectionState state, String field, List<String> values) {
        SelectionState base = state == null ? SelectionState.EMPTY : state;
        FieldDef iteration = ResolvedState.requireField(app, field);
        List<VariableDef> defs = named(names);
        // Resolved once for the whole burst; each value's state differs only in the iteration field, which the
        // grouped query replaces by the values.
        ResolvedState resolved = ResolvedState.of(app, base);
        Evaluation text = Evaluation.textOnly(app, resolved, statements);
        Map<VariableDef, String> constant = new LinkedHashMap<>();
        Map<VariableDef, Compiled> grouped = new LinkedHashMap<>();
        List<VariableDef> oneByOne = new ArrayList<>();
        for (VariableDef def : defs) {
            try {
                String expression = text.variableExpression(def.name());
                if (expression == null) {
                    constant.put(def, text.variableValue(def.name()));
                } else {
                    grouped.put(def, text.measure(expression));
                }
            } catch (Evaluation.NeedsSelections e) {
                oneByOne.add(def);
            } catch (ExpressionException | ExtensionException e) {
                // The same text under every value, hence the same error: no value, as variables() answers.
                constant.put(def, null);
            }
        }
        Map<String, Map<VariableDef, String>> byValue = new LinkedHashMap<>();
        values.forEach(v -> byValue.put(v, new HashMap<>(constant)));
        if (!grouped.isEmpty()) {
            Map<String, List<String>> groupedValues = grouped(new Evaluation(app, resolved, FormatOptions.DEFAULT, statements),
                    iteration, List.copyOf(grouped.values()), values);
            if (groupedValues == null) {
                oneByOne.addAll(grouped.keySet());
            } else {
                List<VariableDef> order = List.copyOf(grouped.keySet());
                groupedValues.forEach((value, texts) -> {
                    for (int k = 0; k < order.size(); k++) {
                        byValue.get(value).put(order.get(k), texts.get(k));
                    }
                });
            }
        }
        if (!oneByOne.isEmpty()) {
            for (String value : values) {
                Map<String, List<String>> fields = new LinkedHashMap<>(base.fields());
                fields.put(field, List.of(value));
                Evaluation ev = new Evaluation(app, ResolvedState.of(app, new SelectionState(fields, base.variables(), base.bookmarkId())),
                        FormatOptions.DEFAULT, statements);
                for (VariableDef def : oneByOne) {
                    String v;
                    try {
                        v = ev.variableValue(def.name());
                    } catch (ExpressionException | ExtensionException e) {
                        v = null;
                    }
                    byValue.get(value).put(def, v);
                }
            }
        }
        Map<String, List<VariableInfo>> result = new LinkedHashMap<>();
        byValue.forEach((value, texts) -> {
            List<VariableInfo> infos = new ArrayList<>(defs.size());
            for (VariableDef def : defs) {
                infos.add(new VariableInfo(def.name(), def.definition(), texts.get(def)));
            }
            result.put(value, infos);
        });
        return result;
    }

    /**
     * The expressions for every value in one query grouped by the value: value to the expressions' texts; null when
     * the query fails (the caller then evaluates value by value, where each failure is that value's own).
     */
    private static Map<String, List<String>> grouped(Evaluation ev, FieldDef iteration, List<Compiled> expressions,
            List<String> values) {
        List<Object> typed = ResolvedState.values(iteration, values, ev.formats);
        List<String> keys = new ArrayList<>(typed.size());
        for (Object value : typed) {
            keys.add(ev.formats.fieldText(iteration, value));
        }
        List<Sql> select = new ArrayList<>();
        select.add(Sql.of("__iv"));
        for (Compiled c : expressions) {
            select.add(c.sql());
        }
        Map<String, List<String>> byKey = new HashMap<>();
        List<String> none;
        try {
            if (!typed.isEmpty()) {
                Sql source = Sql.concat("SELECT __model.*, __values.__index AS __iv FROM (SELECT unnest(__list) AS __value,"
                        + " generate_subscripts(__list, 1) AS __index FROM (SELECT ", ResolvedState.array(iteration, typed),
                        " AS __list) __array) __values JOIN " + LoadedApp.MODEL + " __model ON __model."
                        + Sql.identifier(iteration.name()) + " = __values.__value WHERE ", ev.state.where(iteration.name(), ev.formats));
                Sql sql = Sql.concat(Sql.join("SELECT ", ", ", " FROM (", select), source, ") m GROUP BY __iv");
                ev.query(sql, rs -> {
                    while (rs.next()) {
                        List<String> texts = new ArrayList<>(expressions.size());
                        for (int k = 0; k < expressions.size(); k++) {
                            texts.add(Evaluation.text(Evaluation.normalize(rs.getObject(k + 2))));
                        }
                        byKey.put(keys.get(rs.getInt(1) - 1), texts);
                    }
                    return null;
                });
            }
            none = overNoRows(ev, expressions);
        } catch (ExtensionException e) {
            return null;
        }
        Map<String, List<String>> result = new LinkedHashMap<>();
        for (String value : values) {
            Object parsed = ev.formats.parseSelection(iteration, value);
            List<String> texts = parsed == null ? null : byKey.get(ev.formats.fieldText(iteration, parsed));
            result.put(value, texts != null ? texts : none);
        }
        return result;
    }

    /** The expressions over no rows: what a value without data gives. */
    private static List<String> overNoRows(Evaluation ev, List<Compiled> expressions) {
        List<Sql> select = new ArrayList<>();
        for (Compiled c : expressions) {
            select.add(c.sql());
        }
        return ev.query(Sql.join("SELECT ", ", ", " FROM " + LoadedApp.MODEL + " WHERE FALSE", select), rs -> {
            rs.next();
            List<String> texts = new ArrayList<>(expressions.size());
            for (int k = 1; k <= expressions.size(); k++) {
                texts.add(Evaluation.text(Evaluation.normalize(rs.getObject(k))));
            }
            return texts;
        });
    }
}
