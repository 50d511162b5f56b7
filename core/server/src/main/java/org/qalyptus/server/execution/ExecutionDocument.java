package org.qalyptus.server.execution;

import java.time.Instant;
import java.util.List;
import org.qalyptus.server.report.ReportRendering.FieldSelection;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One run: of a task (scheduled, event, manual) or of an on-demand report request. Every change after the
 * insert is one single-document update through {@link ExecutionStore} (claim, heartbeat, progress, finish),
 * so two nodes never overwrite each other's fields. What grows with the size of a run (files, deliveries,
 * log lines) lives in its own collections, keyed by the execution id.
 *
 * @param kind {@link #TASK} or {@link #ON_DEMAND}
 * @param name the task's or report's name when the execution was queued (kept after renames/deletions)
 * @param status {@link ExecutionStatus} name
 * @param priority higher runs first; ties by age
 * @param percent progress, 0 to 100
 * @param step what is being done now, for people
 * @param leaseOwner the node running it, or null
 * @param leaseExpiry when another node may take it over
 * @param stopRequested stop between steps
 * @param claims how many times a node claimed it (more than one: a takeover happened)
 * @param outputVersion the number of this run among the runs of the same task or report that produced files
 * @param createdBy the user who asked for it (manual and on-demand), or null
 */
@Document("executions")
@CompoundIndex(name = "claim", def = "{'status': 1, 'priority': -1, 'createdAt': 1}")
// conditional updates by id ({_id, status, leaseOwner...}): the embedded store's unique _id index answers a filter on the
// id alone; this one lets its in-memory secondary index find the document instead of every queued execution
@CompoundIndex(name = "id_status", def = "{'_id': 1, 'status': 1}")
@CompoundIndex(name = "task_created", def = "{'taskId': 1, 'createdAt': -1}")
@CompoundIndex(name = "report_created", def = "{'reportId': 1, 'createdAt': -1}")
public record ExecutionDocument(
        @Id String id,
        String kind,
        String organizationId,
        String projectId,
        String taskId,
        String reportId,
        String name,
        Trigger trigger,
        String status,
        int priority,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        int percent,
        String step,
        String leaseOwner,
        Instant leaseExpiry,
        Instant heartbeatAt,
        boolean stopRequested,
        int claims,
        String outputFormat,
        OnDemandRequest request,
        Long outputVersion,
        String createdBy,
        String summary,
        int warnings,
        int errors) {

    public static final String TASK = "Task";
    public static final String ON_DEMAND = "OnDemand";

    /**
     * What started the run.
     *
     * @param type {@code Schedule}, {@code Event}, {@code Manual} or {@code OnDemand}
     * @param sourceId the schedule or external event id, or null
     * @param fireTime the schedule's fire time or the app reload time, or null
     */
    public record Trigger(String type, String sourceId, Instant fireTime, String userId) {
        public static final String SCHEDULE = "Schedule";
        public static final String EVENT = "Event";
        public static final String MANUAL = "Manual";
        public static final String ON_DEMAND = "OnDemand";
    }

    /** What an on-demand request renders: the caller's selections on an app of the report, and a bookmark. */
    public record OnDemandRequest(List<FieldSelection> selections, String appId, String bookmarkId) {
        public OnDemandRequest {
            selections = selections == null ? List.of() : List.copyOf(selections);
        }
    }

    public boolean isTask() {
        return TASK.equals(kind);
    }

    public ExecutionStatus statusValue() {
        return ExecutionStatus.valueOf(status);
    }
}
