package org.qalyptus.plugins.connector.embedded.engine;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.qalyptus.plugins.connector.embedded.expr.ExpressionCompiler;
import org.qalyptus.plugins.connector.embedded.expr.ExpressionCompiler.Compiled;
import org.qalyptus.plugins.connector.embedded.expr.ExpressionException;
import org.qalyptus.plugins.connector.embedded.expr.ExpressionParser;
import org.qalyptus.plugins.connector.embedded.expr.Sql;
import org.qalyptus.plugins.connector.embedded.expr.VariableExpander;
import org.qalyptus.plugins.connector.embedded.manifest.AppManifest.FieldDef;
import org.qalyptus.spi.ExtensionException;
import org.qalyptus.spi.app.AppModel.FormatOptions;

/**
 * One request's work on an app: a resolved state, the variable expander bound to it (so self-referring
 * variables are caught across nested evaluations), and the connection queries run on.
 */
final class Evaluation {

    final LoadedApp app;
    final ResolvedState state;
    final Formats formats;
    final Statements statements;
    private final VariableExpander expander;
    private final ExpressionCompiler compiler;

    /**
     * Thrown by an evaluation made for text alone ({@link #textOnly}) when expanding needs a value computed under
     * the selections.
     */
    static final class NeedsSelections extends RuntimeException {
        NeedsSelections() {
            super("needs a value under the selections", null, false, false);
        }
    }

    Evaluation(LoadedApp app, ResolvedState state, FormatOptions format, Statements statements) {
        this(app, state, format, statements, false);
    }

    /**
     * An evaluation that expands variables as text only: where expansion would evaluate an expression under the
     * selections ({@code $(=...)}, a variable defined as {@code =...}), it throws {@link NeedsSelections}. What it
     * expands without throwing is the same under any selections.
     */
    static Evaluation textOnly(LoadedApp app, ResolvedState state, Statements statements) {
        return new Evaluation(app, state, FormatOptions.DEFAULT, statements, true);
    }

    private Evaluation(LoadedApp app, ResolvedState state, FormatOptions format, Statements statements, boolean textOnly) {
        this.app = app;
        this.state = state;
        this.formats = new Formats(format);
        this.statements = statements;
        this.compiler = new ExpressionCompiler(app.fields().values().stream()
                .collect(Collectors.toMap(FieldDef::name, FieldDef::type)));
        this.expander = new VariableExpander(new VariableExpander.Resolver() {
            @Override
            public String definition(String name) {
                return state.variableDefinition(name);
            }

            @Override
            public String evaluate(String expression) {
                if (textOnly) {
                    throw new NeedsSelections();
                }
                return text(scalar(expression));
            }
        });
    }

    /** Expands variables in a label or other text; an expansion error leaves the text as written. */
    String expandLabel(String text) {
        try {
            return expander.expand(text);
        } catch (ExpressionException | ExtensionException e) {
            return text;
        }
    }

    String variableValue(String name) {
        return expander.valueOf(name);
    }

    /** The expanded expression of a variable defined as {@code =...}; null for one defined as text. */
    String variableExpression(String name) {
        return expander.expressionOf(name);
    }

    /** A scalar's value as variable text: numbers plain, nothing as empty text. */
    static String text(Object value) {
        if (value == null) {
            return "";
        }
        return value instanceof Number n ? Formats.plain(n.doubleValue()) : String.valueOf(value);
    }

    /** Expands, parses and compiles a measure expression. */
    Compiled measure(String expression) {
        String expanded = expander.expand(expression);
        try {
            return compiler.compileAggregate(ExpressionParser.parse(expanded));
        } catch (ExpressionException e) {
            if (!expanded.equals(expression)) {
                throw new ExpressionException(e.position(), e.getMessage().substring(e.getMessage().indexOf(": ") + 2)
                        + " (in the expression after variable expansion: " + shorten(expanded) + ")");
            }
            throw e;
        }
    }

    /** The value of an expression under the state: a Number, a String, a LocalDate, or null. */
    Object scalar(String expression) {
        Compiled compiled = measure(expression);
        Sql sql = Sql.concat("SELECT ", compiled.sql(), " FROM " + LoadedApp.MODEL + " WHERE ", state.where(null, formats));
        return query(sql, rs -> {
            rs.next();
            return normalize(rs.getObject(1));
        });
    }

    static Object normalize(Object value) {
        if (value instanceof Boolean b) {
            return b ? -1d : 0d;
        }
        if (value instanceof java.math.BigInteger || value instanceof java.math.BigDecimal) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof java.sql.Date || value instanceof java.sql.Timestamp) {
            return Formats.toLocalDate(value);
        }
        return value;
    }

    interface Rows<T> extends Statements.Rows<T> {}

    <T> T query(Sql sql, Rows<T> reader) {
        try {
            return statements.query(sql, reader);
        } catch (SQLException e) {
            throw new ExtensionException("The embedded engine could not evaluate this: " + LoadedApp.firstLine(e), false, e);
        }
    }

    static String shorten(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    static <T> List<T> map(List<String> in, Function<String, T> f) {
        List<T> out = new ArrayList<>();
        in.forEach(x -> out.add(f.apply(x)));
        return out;
    }

    static Map<String, FieldDef> fields(LoadedApp app) {
        return app.fields();
    }
}
