package org.qalyptus.server.execution;

import java.util.Arrays;
import java.util.List;

/** Address lists as tasks and variables write them: separated by {@code ;}, {@code ,} or blanks. */
final class Addresses {

    private Addresses() {}

    static List<String> split(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split("[;,\\s]+")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
    }
}
