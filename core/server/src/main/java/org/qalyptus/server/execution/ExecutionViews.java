package org.qalyptus.server.execution;

import java.time.Instant;
import java.util.List;

/** What the Status routes answer. */
public final class ExecutionViews {

    private ExecutionViews() {}

    /**
     * One execution.
     *
     * @param type {@code Task} (scheduled task status) or {@code OnDemand} (on-demand request status)
     * @param taskID the task, for task executions
     * @param reportID the report, for on-demand requests
     * @param name the task's or report's name
     * @param status {@code Queued}, {@code Running}, {@code Completed}, {@code Warning}, {@code Failed}, {@code Aborted}
     * @param progress percent done
     * @param currentStep what is being done
     * @param triggeredBy {@code Schedule}, {@code Event}, {@code Manual} or {@code OnDemand}
     * @param files the files produced, in order
     * @param version the output version (the number of this run among those of the task or report that
     *     produced files), null until the run ended with files
     */
    public record Execution(String id, String type, String taskID, String reportID, String name, String status,
            int priority, int progress, String currentStep, String triggeredBy, String triggerID, Instant fireTime,
            String userID, String outputFormat, Instant createdAt, Instant startedAt, Instant finishedAt, Long durationMs,
            String node, int attempts, boolean stopRequested, String summary, int warnings, int errors, Long version,
            List<File> files) {}

    public record File(String fileName, String mediaType, long size, String taskReportID, String reportID,
            java.util.Map<String, String> iterationValues) {}

    /** A signed, expiring link to download an execution's file(s). */
    public record DownloadLink(String url, Instant expiresAt, String fileName, long version) {}

    /** A file on the hub. */
    public record HubFile(String id, String taskID, String taskName, String taskReportID, String reportName,
            String executionID, String fileName, String mediaType, long size, Instant createdAt, String downloadUrl) {}

    static Execution of(ExecutionDocument e, List<ExecutionFile> files) {
        Long duration = e.startedAt() == null ? null
                : java.time.Duration.between(e.startedAt(), e.finishedAt() == null ? Instant.now() : e.finishedAt()).toMillis();
        ExecutionDocument.Trigger t = e.trigger();
        return new Execution(e.id(), e.kind(), e.taskId(), e.reportId(), e.name(), e.status(), e.priority(), e.percent(),
                e.step(), t == null ? null : t.type(), t == null ? null : t.sourceId(), t == null ? null : t.fireTime(),
                t == null ? e.createdBy() : t.userId(), e.outputFormat(), e.createdAt(), e.startedAt(), e.finishedAt(),
                duration, e.leaseOwner(), e.claims(), e.stopRequested(), e.summary(), e.warnings(), e.errors(),
                e.outputVersion(), files.stream().map(f -> new File(f.fileName(), f.mediaType(), f.size(), f.taskReportId(),
                        f.reportId(), f.iteration())).toList());
    }
}
