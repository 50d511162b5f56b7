package org.qalyptus.server.execution;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A file published on the hub by a task run. Its id is derived from (execution, file key), so publishing
 * again after a takeover changes nothing. The content is the execution's stored output.
 *
 * @param visibleTo lower-case addresses that may see it (a per-value hub visibility variable); empty: every
 *     recipient of the task
 */
@Document("hub")
@CompoundIndex(name = "hub_task_report", def = "{'taskId': 1, 'taskReportId': 1, 'createdAt': -1}")
@CompoundIndex(name = "hub_organization", def = "{'organizationId': 1, 'createdAt': -1}")
public record HubEntry(@Id String id, String organizationId, String projectId, String taskId, String taskName,
        String taskReportId, String reportName, String executionId, String fileName, String mediaType, long size,
        String gridFsId, List<String> visibleTo, Instant createdAt) {

    public HubEntry {
        visibleTo = visibleTo == null ? List.of() : List.copyOf(visibleTo);
    }
}
