package org.qalyptus.server.task;

import java.util.Arrays;
import java.util.Optional;

/** How often a schedule fires. The names are the API's {@code frequency} values. */
public enum Frequency {
    Once, Hourly, Daily, Weekly, Monthly, Yearly;

    /** The frequency named {@code value}, ignoring case and surrounding blanks. */
    public static Optional<Frequency> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String trimmed = value.trim();
        return Arrays.stream(values()).filter(f -> f.name().equalsIgnoreCase(trimmed)).findFirst();
    }
}
