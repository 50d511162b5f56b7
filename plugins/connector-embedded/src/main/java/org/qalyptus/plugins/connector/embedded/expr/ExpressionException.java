package org.qalyptus.plugins.connector.embedded.expr;

/**
 * An expression that cannot be expanded, parsed or compiled. The message says where (a 1-based
 * character position in the text that was parsed) and why.
 */
public class ExpressionException extends RuntimeException {

    private final int position;

    public ExpressionException(int position, String cause) {
        super("Expression error at position " + position + ": " + cause);
        this.position = position;
    }

    /** 1-based position in the (expanded) expression text. */
    public int position() {
        return position;
    }
}
