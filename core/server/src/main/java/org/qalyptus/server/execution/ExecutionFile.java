package org.qalyptus.server.execution;

import java.time.Instant;
import java.util.Map;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A file an execution produced, stored in the GridFS bucket {@code outputs}. Recorded once per
 * (execution, file key): a node that takes an execution over finds the files already rendered here and does
 * not render them again.
 *
 * @param fileKey the task report and iteration values the file is for ({@link FileKeys})
 * @param taskReportId the task report, or null for an on-demand request
 * @param iteration the iteration field values of the file, empty without iteration
 * @param gridFsId the content in the bucket {@code outputs}
 */
@Document("executionFiles")
@CompoundIndex(name = "execution_file", def = "{'executionId': 1, 'fileKey': 1}", unique = true)
// An execution's files by its id alone (status views, a resumed run's recorded files): the embedded store answers a
// query from a unique index only when it pins every field of it, so without this one it scanned every run's files.
@CompoundIndex(name = "execution_files", def = "{'executionId': 1, 'order': 1}")
public record ExecutionFile(@Id String id, String executionId, String fileKey, String taskReportId, String reportId,
        String reportName, String fileName, String mediaType, long size, String gridFsId, Map<String, String> iteration,
        int order, Instant createdAt) {

    public ExecutionFile {
        iteration = iteration == null ? Map.of() : Map.copyOf(iteration);
    }
}
