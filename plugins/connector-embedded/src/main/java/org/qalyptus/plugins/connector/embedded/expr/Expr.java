package org.qalyptus.plugins.connector.embedded.expr;

import java.util.List;

/** The syntax tree of an expression. {@code position} is the 1-based offset of the node's first character. */
public sealed interface Expr {

    int position();

    record NumberLiteral(int position, double value) implements Expr {}

    record StringLiteral(int position, String value) implements Expr {}

    /** A field, written as a plain name, {@code [a name]} or {@code "a name"}. */
    record FieldRef(int position, String name) implements Expr {}

    /** {@code -x} or {@code not x}. */
    record Unary(int position, String operator, Expr operand) implements Expr {}

    /** Arithmetic, {@code &} (text concatenation), comparisons, {@code and}, {@code or}. */
    record Binary(int position, String operator, Expr left, Expr right) implements Expr {}

    /** A function call; {@code distinct} for {@code Count(DISTINCT x)} and the like. */
    record Call(int position, String name, boolean distinct, List<Expr> arguments) implements Expr {
        public Call {
            arguments = List.copyOf(arguments);
        }
    }
}
