package org.qalyptus.server.execution;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A batch of log lines of an execution: the log grows by inserting chunks, never by growing one document, so
 * a 1,000-value burst stays far below the document size limit. Read back ordered by {@code at}, then
 * {@code seq}.
 *
 * @param kind {@link #LOG} or {@link #SMTP}
 */
@Document("executionLogs")
@CompoundIndex(name = "execution_log", def = "{'executionId': 1, 'kind': 1, 'at': 1, 'seq': 1}")
public record LogChunk(@Id String id, String executionId, String kind, Instant at, long seq, String node,
        List<String> lines) {

    public static final String LOG = "log";
    public static final String SMTP = "smtp";
}
