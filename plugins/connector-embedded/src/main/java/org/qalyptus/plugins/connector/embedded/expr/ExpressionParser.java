package org.qalyptus.plugins.connector.embedded.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.qalyptus.plugins.connector.embedded.expr.Expr.Binary;
import org.qalyptus.plugins.connector.embedded.expr.Expr.Call;
import org.qalyptus.plugins.connector.embedded.expr.Expr.FieldRef;
import org.qalyptus.plugins.connector.embedded.expr.Expr.NumberLiteral;
import org.qalyptus.plugins.connector.embedded.expr.Expr.StringLiteral;
import org.qalyptus.plugins.connector.embedded.expr.Expr.Unary;

/**
 * Parses the Qlik expression subset into an {@link Expr}. Precedence, lowest first: {@code or},
 * {@code and}, {@code not}, comparisons ({@code = <> != < <= > >=}), {@code &}, {@code + -},
 * {@code * /}, unary minus. A leading {@code =} is allowed and ignored. Nesting is limited so deep input
 * fails with a message instead of a stack overflow.
 */
public final class ExpressionParser {

    /** Longest expression text accepted, after variable expansion. */
    public static final int MAX_LENGTH = 10_000;
    private static final int MAX_DEPTH = 64;

    private enum Kind { NUMBER, STRING, NAME, QUOTED_NAME, OPERATOR, LEFT, RIGHT, COMMA, END }

    private record Token(Kind kind, String text, int position) {}

    private final String source;
    private final List<Token> tokens;
    private int next;
    private int depth;

    private ExpressionParser(String source) {
        this.source = source;
        this.tokens = tokenize(source);
    }

    public static Expr parse(String text) {
        if (text == null || text.isBlank()) {
            throw new ExpressionException(1, "the expression is empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new ExpressionException(MAX_LENGTH + 1, "the expression is longer than " + MAX_LENGTH + " characters");
        }
        String body = text;
        int leading = 0;
        while (leading < body.length() && Character.isWhitespace(body.charAt(leading))) {
            leading++;
        }
        if (leading < body.length() && body.charAt(leading) == '=') {
            body = " ".repeat(leading + 1) + body.substring(leading + 1);
        }
        ExpressionParser parser = new ExpressionParser(body);
        Expr expr = parser.or();
        Token end = parser.peek();
        if (end.kind != Kind.END) {
            throw new ExpressionException(end.position, "unexpected '" + end.text + "' after a complete expression");
        }
        return expr;
    }

    private static List<Token> tokenize(String s) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            int pos = i + 1;
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
                int start = i;
                while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                    i++;
                }
                if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
                    int save = i;
                    i++;
                    if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                        i++;
                    }
                    if (i < s.length() && Character.isDigit(s.charAt(i))) {
                        while (i < s.length() && Character.isDigit(s.charAt(i))) {
                            i++;
                        }
                    } else {
                        i = save;
                    }
                }
                tokens.add(new Token(Kind.NUMBER, s.substring(start, i), pos));
            } else if (c == '\'') {
                StringBuilder text = new StringBuilder();
                i++;
                while (true) {
                    if (i >= s.length()) {
                        throw new ExpressionException(pos, "the text starting here has no closing quote (')");
                    }
                    char d = s.charAt(i);
                    if (d == '\'') {
                        if (i + 1 < s.length() && s.charAt(i + 1) == '\'') {
                            text.append('\'');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    text.append(d);
                    i++;
                }
                tokens.add(new Token(Kind.STRING, text.toString(), pos));
            } else if (c == '[' || c == '"') {
                char close = c == '[' ? ']' : '"';
                int end = s.indexOf(close, i + 1);
                if (end < 0) {
                    throw new ExpressionException(pos, "the field name starting here has no closing " + close);
                }
                tokens.add(new Token(Kind.QUOTED_NAME, s.substring(i + 1, end), pos));
                i = end + 1;
            } else if (Character.isLetter(c) || c == '_' || c == '$' || c == '#') {
                int start = i;
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_'
                        || s.charAt(i) == '.' || s.charAt(i) == '#' || s.charAt(i) == '$')) {
                    i++;
                }
                tokens.add(new Token(Kind.NAME, s.substring(start, i), pos));
            } else if (c == '(') {
                tokens.add(new Token(Kind.LEFT, "(", pos));
                i++;
            } else if (c == ')') {
                tokens.add(new Token(Kind.RIGHT, ")", pos));
                i++;
            } else if (c == ',') {
                tokens.add(new Token(Kind.COMMA, ",", pos));
                i++;
            } else {
                String two = i + 1 < s.length() ? s.substring(i, i + 2) : "";
                if (two.equals("<=") || two.equals(">=") || two.equals("<>") || two.equals("!=")) {
                    tokens.add(new Token(Kind.OPERATOR, two, pos));
                    i += 2;
                } else if ("+-*/&=<>".indexOf(c) >= 0) {
                    tokens.add(new Token(Kind.OPERATOR, String.valueOf(c), pos));
                    i++;
                } else {
                    throw new ExpressionException(pos, "unexpected character '" + c + "'");
                }
            }
        }
        tokens.add(new Token(Kind.END, "end of expression", s.length() + 1));
        return tokens;
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token take() {
        return tokens.get(next++);
    }

    private boolean isWord(Token t, String word) {
        return t.kind == Kind.NAME && t.text.equalsIgnoreCase(word);
    }

    private boolean isOperator(Token t, String... ops) {
        if (t.kind != Kind.OPERATOR) {
            return false;
        }
        for (String op : ops) {
            if (t.text.equals(op)) {
                return true;
            }
        }
        return false;
    }

    private void enter(Token at) {
        if (++depth > MAX_DEPTH) {
            throw new ExpressionException(at.position, "the expression is nested more than " + MAX_DEPTH + " levels deep");
        }
    }

    private Expr or() {
        Expr left = and();
        while (isWord(peek(), "or")) {
            Token op = take();
            left = new Binary(op.position, "or", left, and());
        }
        return left;
    }

    private Expr and() {
        Expr left = not();
        while (isWord(peek(), "and")) {
            Token op = take();
            left = new Binary(op.position, "and", left, not());
        }
        return left;
    }

    private Expr not() {
        if (isWord(peek(), "not")) {
            Token op = take();
            enter(op);
            Expr operand = not();
            depth--;
            return new Unary(op.position, "not", operand);
        }
        return comparison();
    }

    private Expr comparison() {
        Expr left = concat();
        if (isOperator(peek(), "=", "<>", "!=", "<", "<=", ">", ">=")) {
            Token op = take();
            String operator = op.text.equals("!=") ? "<>" : op.text;
            left = new Binary(op.position, operator, left, concat());
        }
        return left;
    }

    private Expr concat() {
        Expr left = additive();
        while (isOperator(peek(), "&")) {
            Token op = take();
            left = new Binary(op.position, "&", left, additive());
        }
        return left;
    }

    private Expr additive() {
        Expr left = multiplicative();
        while (isOperator(peek(), "+", "-")) {
            Token op = take();
            left = new Binary(op.position, op.text, left, multiplicative());
        }
        return left;
    }

    private Expr multiplicative() {
        Expr left = unary();
        while (isOperator(peek(), "*", "/")) {
            Token op = take();
            left = new Binary(op.position, op.text, left, unary());
        }
        return left;
    }

    private Expr unary() {
        if (isOperator(peek(), "-", "+")) {
            Token op = take();
            enter(op);
            Expr operand = unary();
            depth--;
            return op.text.equals("-") ? new Unary(op.position, "-", operand) : operand;
        }
        return primary();
    }

    private Expr primary() {
        Token t = take();
        switch (t.kind) {
            case NUMBER -> {
                try {
                    return new NumberLiteral(t.position, Double.parseDouble(t.text));
                } catch (NumberFormatException e) {
                    throw new ExpressionException(t.position, "'" + t.text + "' is not a number");
                }
            }
            case STRING -> {
                return new StringLiteral(t.position, t.text);
            }
            case QUOTED_NAME -> {
                return new FieldRef(t.position, t.text);
            }
            case LEFT -> {
                enter(t);
                Expr inner = or();
                depth--;
                expect(Kind.RIGHT, "a closing ')' for the '(' at position " + t.position);
                return inner;
            }
            case NAME -> {
                if (peek().kind == Kind.LEFT) {
                    return call(t);
                }
                if (isWord(t, "and") || isWord(t, "or") || isWord(t, "not")) {
                    throw new ExpressionException(t.position, "expected a value before '" + t.text + "'");
                }
                return new FieldRef(t.position, t.text);
            }
            default -> throw new ExpressionException(t.position, t.kind == Kind.END
                    ? "the expression ends where a value was expected"
                    : "expected a value, found '" + t.text + "'");
        }
    }

    private Expr call(Token name) {
        Token open = take();
        enter(open);
        boolean distinct = false;
        if (isWord(peek(), "distinct") && tokens.get(next + 1).kind != Kind.LEFT && tokens.get(next + 1).kind != Kind.COMMA
                && tokens.get(next + 1).kind != Kind.RIGHT) {
            take();
            distinct = true;
        }
        List<Expr> arguments = new ArrayList<>();
        if (peek().kind != Kind.RIGHT) {
            arguments.add(or());
            while (peek().kind == Kind.COMMA) {
                take();
                arguments.add(or());
            }
        }
        expect(Kind.RIGHT, "a ',' or a closing ')' for " + name.text + "( at position " + name.position);
        depth--;
        return new Call(name.position, name.text.toLowerCase(Locale.ROOT), distinct, arguments);
    }

    private void expect(Kind kind, String what) {
        Token t = take();
        if (t.kind != kind) {
            throw new ExpressionException(t.position, "expected " + what + ", found '" + t.text + "'");
        }
    }

    @Override
    public String toString() {
        return source;
    }
}
