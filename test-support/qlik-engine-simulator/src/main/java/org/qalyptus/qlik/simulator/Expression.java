package org.qalyptus.qlik.simulator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The part of Qlik's chart expression language the simulated app uses, evaluated over rows in memory: numbers,
 * 'text', field names (bare or in brackets), {@code Sum Count Count(DISTINCT) Avg Min Max Only If}, arithmetic,
 * {@code &}, comparisons and {@code and/or/not}. A field outside an aggregation is {@code Only(field)}, as in Qlik.
 * Dollar expansion is done before parsing, by {@link SimulatedApp}. Values are {@link Double}, {@link String} or null.
 */
final class Expression {

    /** Thrown for a syntax error or a bad field name; {@code position} counts from 1, like Qlik's qFrom + 1. */
    static final class ExpressionError extends RuntimeException {
        final int position;
        final String badField;

        ExpressionError(int position, String message, String badField) {
            super(message);
            this.position = position;
            this.badField = badField;
        }
    }

    interface Node {
        Object eval(List<Row> rows);
    }

    /** A row of the app's data: field name to typed value (Double, String or null). */
    interface Row {
        Object get(String field);
    }

    private final String text;
    private final Set<String> fields;
    private int pos;

    private Expression(String text, Set<String> fields) {
        this.text = text;
        this.fields = fields;
    }

    static Node parse(String text, Set<String> fields) {
        Expression parser = new Expression(text, fields);
        parser.skip();
        if (parser.pos < text.length() && text.charAt(parser.pos) == '=') {
            parser.pos++;
        }
        Node node = parser.or();
        parser.skip();
        if (parser.pos < text.length()) {
            throw new ExpressionError(parser.pos + 1, "Unexpected '" + text.charAt(parser.pos) + "'", null);
        }
        return node;
    }

    private void skip() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private boolean word(String w) {
        skip();
        int end = pos + w.length();
        if (end <= text.length() && text.regionMatches(true, pos, w, 0, w.length())
                && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)))) {
            pos = end;
            return true;
        }
        return false;
    }

    private boolean symbol(String s) {
        skip();
        if (text.startsWith(s, pos)) {
            pos += s.length();
            return true;
        }
        return false;
    }

    private Node or() {
        Node left = and();
        while (word("or")) {
            Node l = left;
            Node r = and();
            left = rows -> bool(truthy(l.eval(rows)) || truthy(r.eval(rows)));
        }
        return left;
    }

    private Node and() {
        Node left = not();
        while (word("and")) {
            Node l = left;
            Node r = not();
            left = rows -> bool(truthy(l.eval(rows)) && truthy(r.eval(rows)));
        }
        return left;
    }

    private Node not() {
        if (word("not")) {
            Node inner = not();
            return rows -> bool(!truthy(inner.eval(rows)));
        }
        return comparison();
    }

    private Node comparison() {
        Node left = concat();
        for (String op : new String[] {"<=", ">=", "<>", "=", "<", ">"}) {
            if (symbol(op)) {
                Node l = left;
                Node r = concat();
                return rows -> compare(op, l.eval(rows), r.eval(rows));
            }
        }
        return left;
    }

    private Node concat() {
        Node left = additive();
        while (symbol("&")) {
            Node l = left;
            Node r = additive();
            left = rows -> text(l.eval(rows)) + text(r.eval(rows));
        }
        return left;
    }

    private Node additive() {
        Node left = multiplicative();
        while (true) {
            if (symbol("+")) {
                left = arithmetic(left, multiplicative(), '+');
            } else if (symbol("-")) {
                left = arithmetic(left, multiplicative(), '-');
            } else {
                return left;
            }
        }
    }

    private Node multiplicative() {
        Node left = unary();
        while (true) {
            if (symbol("*")) {
                left = arithmetic(left, unary(), '*');
            } else if (symbol("/")) {
                left = arithmetic(left, unary(), '/');
            } else {
                return left;
            }
        }
    }

    private static Node arithmetic(Node l, Node r, char op) {
        return rows -> {
            Double a = number(l.eval(rows));
            Double b = number(r.eval(rows));
            if (a == null || b == null) {
                return null;
            }
            return switch (op) {
                case '+' -> a + b;
                case '-' -> a - b;
                case '*' -> a * b;
                default -> b == 0 ? null : a / b;
            };
        };
    }

    private Node unary() {
        if (symbol("-")) {
            Node inner = unary();
            return rows -> {
                Double d = number(inner.eval(rows));
                return d == null ? null : -d;
            };
        }
        return primary();
    }

    private Node primary() {
        skip();
        if (pos >= text.length()) {
            throw new ExpressionError(pos + 1, "Unexpected end of expression", null);
        }
        char c = text.charAt(pos);
        if (c == '(') {
            pos++;
            Node inner = or();
            expect(")");
            return inner;
        }
        if (c == '\'') {
            int end = text.indexOf('\'', pos + 1);
            if (end < 0) {
                throw new ExpressionError(pos + 1, "Unterminated string", null);
            }
            String value = text.substring(pos + 1, end);
            pos = end + 1;
            return rows -> value;
        }
        if (Character.isDigit(c) || c == '.') {
            int start = pos;
            while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
                pos++;
            }
            double value = Double.parseDouble(text.substring(start, pos));
            return rows -> value;
        }
        if (c == '[') {
            int end = text.indexOf(']', pos);
            if (end < 0) {
                throw new ExpressionError(pos + 1, "Unterminated field name", null);
            }
            int start = pos;
            String name = text.substring(pos + 1, end);
            pos = end + 1;
            return field(name, start);
        }
        if (Character.isLetter(c) || c == '_') {
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_'
                    || text.charAt(pos) == '.')) {
                pos++;
            }
            String name = text.substring(start, pos);
            skip();
            if (pos < text.length() && text.charAt(pos) == '(') {
                pos++;
                return function(name, start);
            }
            return field(name, start);
        }
        throw new ExpressionError(pos + 1, "Unexpected '" + c + "'", null);
    }

    private void expect(String s) {
        if (!symbol(s)) {
            throw new ExpressionError(pos + 1, "'" + s + "' expected", null);
        }
    }

    private Node field(String name, int start) {
        if (!fields.contains(name)) {
            throw new ExpressionError(start + 1, "Bad field name: " + name, name);
        }
        return rows -> only(rows, r -> r.get(name));
    }

    private Node function(String name, int start) {
        String fn = name.toLowerCase(Locale.ROOT);
        if (fn.equals("if")) {
            Node condition = or();
            expect(",");
            Node then = or();
            Node otherwise = symbol(",") ? or() : rows -> null;
            expect(")");
            return rows -> truthy(condition.eval(rows)) ? then.eval(rows) : otherwise.eval(rows);
        }
        boolean distinct = fn.equals("count") && word("distinct");
        Node argument = or();
        expect(")");
        // Aggregations evaluate their argument row by row.
        Function<Row, Object> perRow = row -> argument.eval(List.of(row));
        return switch (fn) {
            case "sum" -> rows -> {
                double sum = 0;
                boolean any = false;
                for (Row row : rows) {
                    Double d = number(perRow.apply(row));
                    if (d != null) {
                        sum += d;
                        any = true;
                    }
                }
                return any ? sum : 0.0;
            };
            case "count" -> rows -> {
                if (distinct) {
                    Set<Object> seen = new HashSet<>();
                    for (Row row : rows) {
                        Object v = perRow.apply(row);
                        if (v != null) {
                            seen.add(v);
                        }
                    }
                    return (double) seen.size();
                }
                long n = 0;
                for (Row row : rows) {
                    if (perRow.apply(row) != null) {
                        n++;
                    }
                }
                return (double) n;
            };
            case "avg" -> rows -> {
                double sum = 0;
                long n = 0;
                for (Row row : rows) {
                    Double d = number(perRow.apply(row));
                    if (d != null) {
                        sum += d;
                        n++;
                    }
                }
                return n == 0 ? null : sum / n;
            };
            case "min", "max" -> rows -> {
                Double best = null;
                for (Row row : rows) {
                    Double d = number(perRow.apply(row));
                    if (d != null && (best == null || (fn.equals("min") ? d < best : d > best))) {
                        best = d;
                    }
                }
                return best;
            };
            case "only" -> rows -> only(rows, perRow);
            default -> throw new ExpressionError(start + 1, "Unknown function: " + name, null);
        };
    }

    private static Object only(List<Row> rows, Function<Row, Object> value) {
        Object found = null;
        for (Row row : rows) {
            Object v = value.apply(row);
            if (v == null) {
                continue;
            }
            if (found != null && !found.equals(v)) {
                return null;
            }
            found = v;
        }
        return found;
    }

    static boolean truthy(Object value) {
        Double d = number(value);
        return d != null && d != 0;
    }

    private static Object bool(boolean b) {
        return b ? -1.0 : 0.0;
    }

    static Double number(Object value) {
        if (value instanceof Double d) {
            return d;
        }
        if (value instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d) {
            return SimulatedApp.plain(d);
        }
        return value.toString();
    }

    private static Object compare(String op, Object a, Object b) {
        if (a == null || b == null) {
            return bool(false);
        }
        Double x = number(a);
        Double y = number(b);
        int c = x != null && y != null ? Double.compare(x, y) : text(a).compareToIgnoreCase(text(b));
        return bool(switch (op) {
            case "=" -> c == 0;
            case "<>" -> c != 0;
            case "<" -> c < 0;
            case ">" -> c > 0;
            case "<=" -> c <= 0;
            default -> c >= 0;
        });
    }

    /** The field names an expression text refers to, without evaluating it (for qBadFieldNames). */
    static List<String> unknownFields(String text, Set<String> fields) {
        List<String> bad = new ArrayList<>();
        try {
            parse(text, fields);
        } catch (ExpressionError e) {
            if (e.badField != null) {
                bad.add(e.badField);
            }
        }
        return bad;
    }

    static boolean same(Object a, Object b) {
        return Objects.equals(a, b);
    }
}
