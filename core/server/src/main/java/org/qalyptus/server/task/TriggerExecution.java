package org.qalyptus.server.task;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a trigger does when it fires while the task is still running from an earlier run: {@code Queue}
 * the new run behind it (the default), or {@code Skip} it.
 */
public enum TriggerExecution {
    Queue, Skip;

    public static Optional<TriggerExecution> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String trimmed = value.trim();
        return Arrays.stream(values()).filter(e -> e.name().equalsIgnoreCase(trimmed)).findFirst();
    }
}
