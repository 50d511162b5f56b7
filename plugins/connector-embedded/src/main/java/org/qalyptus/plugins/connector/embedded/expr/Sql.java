package org.qalyptus.plugins.connector.embedded.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A piece of SQL and the values bound to its {@code ?} placeholders, in order. Text only ever comes
 * from constants in this plugin and from {@link #identifier(String) quoted identifiers} of declared
 * names; every value the user wrote (numbers, texts, selected values) travels as a parameter.
 */
public record Sql(String text, List<Object> params) {

    private static final Pattern SAFE_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_ ]{0,127}");

    public Sql {
        params = List.copyOf(params);
    }

    public static Sql of(String text) {
        return new Sql(text, List.of());
    }

    /** A typed parameter: {@code CAST(? AS DOUBLE)} for numbers, {@code CAST(? AS VARCHAR)} for text. */
    public static Sql param(Object value) {
        if (value instanceof Double || value instanceof Long || value instanceof Integer) {
            return new Sql("CAST(? AS DOUBLE)", List.of(((Number) value).doubleValue()));
        }
        if (value instanceof String) {
            return new Sql("CAST(? AS VARCHAR)", List.of(value));
        }
        return new Sql("?", java.util.Collections.singletonList(value));
    }

    /**
     * Many values of one SQL type as a single array parameter ({@code ?}, bound with
     * {@code Connection.createArrayOf}). A long IN list of separate parameters costs DuckDB far more to
     * prepare than the query costs to run, and its text changes with the count, so no prepared statement
     * can be reused for it; one array parameter keeps the statement small and its text the same.
     *
     * @param elementType the JDBC type name of the elements: {@code VARCHAR}, {@code BIGINT} or {@code DOUBLE}
     */
    public static Sql array(String elementType, List<?> values) {
        return new Sql("?", List.of(new ArrayParam(elementType, List.copyOf(values))));
    }

    /** The value of an {@link #array} parameter. */
    public record ArrayParam(String elementType, List<Object> values) {}

    /**
     * A double-quoted identifier. Only names already checked against the manifest's rules reach here;
     * anything else is a programming error, refused rather than escaped.
     */
    public static String identifier(String name) {
        if (!SAFE_IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("not a safe identifier: " + name.length() + " characters");
        }
        return "\"" + name + "\"";
    }

    /** Joins pieces with constant text around and between them. */
    public static Sql join(String prefix, String separator, String suffix, List<Sql> parts) {
        StringBuilder text = new StringBuilder(prefix);
        List<Object> params = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                text.append(separator);
            }
            text.append(parts.get(i).text);
            params.addAll(parts.get(i).params);
        }
        return new Sql(text.append(suffix).toString(), params);
    }

    /** Builds SQL from constants and pieces: {@code Sql.concat("SUM(", x, ")")}. */
    public static Sql concat(Object... parts) {
        StringBuilder text = new StringBuilder();
        List<Object> params = new ArrayList<>();
        for (Object part : parts) {
            if (part instanceof Sql sql) {
                text.append(sql.text);
                params.addAll(sql.params);
            } else if (part instanceof String constant) {
                text.append(constant);
            } else {
                throw new IllegalArgumentException("only constants and Sql pieces: " + (part == null ? "null" : part.getClass()));
            }
        }
        return new Sql(text.toString(), params);
    }

    public Sql wrap(String before, String after) {
        return new Sql(before + text + after, params);
    }

    @Override
    public String toString() {
        return text.toLowerCase(Locale.ROOT).length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
