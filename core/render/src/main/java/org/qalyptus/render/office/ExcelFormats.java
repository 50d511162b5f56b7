package org.qalyptus.render.office;

import java.util.regex.Pattern;

/** App number formats (Java DecimalFormat patterns, as connectors declare them) as Excel number formats. */
final class ExcelFormats {

    private static final Pattern NUMBER_PATTERN = Pattern.compile("[#0,.%\\u2030 ]+");

    private ExcelFormats() {}

    /** The Excel format for a DecimalFormat pattern, or null when it is not a plain number pattern. */
    static String of(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            return null;
        }
        String positive = pattern.split(";", 2)[0];
        return NUMBER_PATTERN.matcher(positive).matches() ? positive : null;
    }
}
