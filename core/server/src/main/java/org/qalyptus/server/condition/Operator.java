package org.qalyptus.server.condition;

import java.util.Arrays;
import java.util.Optional;

/** The comparison operators of condition rules, written as in the API. */
public enum Operator {
    EQUAL("="), NOT_EQUAL("!="), GREATER(">"), GREATER_OR_EQUAL(">="), LESS("<"), LESS_OR_EQUAL("<=");

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public static Optional<Operator> of(String symbol) {
        return symbol == null ? Optional.empty()
                : Arrays.stream(values()).filter(o -> o.symbol.equals(symbol.trim())).findFirst();
    }

    static String symbols() {
        return String.join(", ", Arrays.stream(values()).map(Operator::symbol).toList());
    }
}
