package org.qalyptus.plugins.connector.embedded.expr;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Qlik's dollar-sign expansion, done on the expression text before it is parsed: {@code $(vName)} is
 * replaced by the variable's value (its definition, or, for a definition starting with {@code =}, that
 * expression evaluated under the current selections) and {@code $(=expr)} by the value of
 * {@code expr}. The result is parsed like any expression text, so an expanded value can only ever
 * become expression syntax or an error, never SQL.
 */
public final class VariableExpander {

    /** Resolves variables and evaluates the expressions that expansion needs. */
    public interface Resolver {
        /** The variable's definition or the value set for it; null when no such variable exists. */
        String definition(String name);

        /** The text of an expression's value under the current selections. */
        String evaluate(String expression);
    }

    private static final int MAX_DEPTH = 10;
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]{0,62}");

    private final Resolver resolver;
    private final Deque<String> expanding = new ArrayDeque<>();

    public VariableExpander(Resolver resolver) {
        this.resolver = resolver;
    }

    public String expand(String text) {
        return expand(text, 0);
    }

    /** The value of a variable as text: evaluated when its definition starts with {@code =}. */
    public String valueOf(String name) {
        return withVariable(name, definition -> {
            String trimmed = definition.stripLeading();
            if (trimmed.startsWith("=")) {
                return resolver.evaluate(expand(trimmed.substring(1), expanding.size()));
            }
            return expand(definition, expanding.size());
        });
    }

    /**
     * What {@link #valueOf} evaluates for a variable defined as an expression (a definition starting with {@code =}):
     * that expression after expansion, not evaluated; null for a variable defined as text.
     */
    public String expressionOf(String name) {
        return withVariable(name, definition -> {
            String trimmed = definition.stripLeading();
            return trimmed.startsWith("=") ? expand(trimmed.substring(1), expanding.size()) : null;
        });
    }

    /** Runs {@code read} on the variable's definition while it is being expanded (self-references and depth checked). */
    private String withVariable(String name, java.util.function.UnaryOperator<String> read) {
        String definition = resolver.definition(name);
        if (definition == null) {
            throw new ExpressionException(1, "unknown variable '" + name + "'");
        }
        String key = name.toLowerCase(Locale.ROOT);
        if (expanding.contains(key)) {
            throw new ExpressionException(1, "variable '" + name + "' refers to itself");
        }
        if (expanding.size() >= MAX_DEPTH) {
            throw new ExpressionException(1, "variables are nested more than " + MAX_DEPTH + " levels deep");
        }
        expanding.push(key);
        try {
            return read.apply(definition);
        } finally {
            expanding.pop();
        }
    }

    private String expand(String text, int depth) {
        if (text == null || !text.contains("$(")) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int start = text.indexOf("$(", i);
            if (start < 0) {
                out.append(text, i, text.length());
                break;
            }
            out.append(text, i, start);
            int level = 0;
            int end = -1;
            for (int j = start + 1; j < text.length(); j++) {
                char c = text.charAt(j);
                if (c == '(') {
                    level++;
                } else if (c == ')' && --level == 0) {
                    end = j;
                    break;
                }
            }
            if (end < 0) {
                throw new ExpressionException(start + 1, "'$(' has no closing ')'");
            }
            String inner = text.substring(start + 2, end).trim();
            String value;
            if (inner.startsWith("=")) {
                if (depth >= MAX_DEPTH) {
                    throw new ExpressionException(start + 1, "expansions are nested more than " + MAX_DEPTH + " levels deep");
                }
                value = resolver.evaluate(expand(inner.substring(1), depth + 1));
            } else {
                if (!NAME.matcher(inner).matches()) {
                    throw new ExpressionException(start + 3, "'$(" + shorten(inner) + ")' is not a variable name");
                }
                try {
                    value = valueOf(inner);
                } catch (ExpressionException e) {
                    if (e.getMessage().contains("unknown variable")) {
                        throw new ExpressionException(start + 3, "unknown variable '" + inner + "'");
                    }
                    throw e;
                }
            }
            out.append(value == null ? "" : value);
            if (out.length() > ExpressionParser.MAX_LENGTH) {
                throw new ExpressionException(start + 1, "the expanded expression is longer than "
                        + ExpressionParser.MAX_LENGTH + " characters");
            }
            i = end + 1;
        }
        return out.toString();
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
