package org.qalyptus.server.execution;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * Stable keys of the files of an execution: the same task report and iteration values give the same key on
 * every node, so files and deliveries recorded before a takeover are found again.
 */
final class FileKeys {

    private FileKeys() {}

    static String of(String taskReportId, Map<String, String> iteration) {
        if (iteration.isEmpty()) {
            return taskReportId;
        }
        StringBuilder text = new StringBuilder(taskReportId);
        iteration.forEach((field, value) -> text.append('\u0000').append(field).append('\u0001').append(value));
        return taskReportId + ":" + UUID.nameUUIDFromBytes(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The zip of every value of a task report. */
    static String zip(String taskReportId) {
        return taskReportId + ":zip";
    }
}
