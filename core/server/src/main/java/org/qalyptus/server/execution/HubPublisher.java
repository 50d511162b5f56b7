package org.qalyptus.server.execution;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.qalyptus.server.task.TaskDocument;
import org.qalyptus.server.task.TaskReport;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Publishes files on the hub and keeps the last N runs per task report (the task report's retention count):
 * entries of older runs are removed after each publication.
 */
@Component
class HubPublisher {

    private final MongoTemplate mongo;
    private final Deliveries deliveries;

    HubPublisher(MongoTemplate mongo, Deliveries deliveries) {
        this.mongo = mongo;
        this.deliveries = deliveries;
    }

    boolean publish(Run run, TaskDocument task, TaskReport taskReport, ExecutionFile file, List<String> visibleTo) {
        if (deliveries.begin(run.id(), file.fileKey(), "hub", "-", run.node).isEmpty()) {
            return true;
        }
        String id = UUID.nameUUIDFromBytes((run.id() + "\u0000" + file.fileKey()).getBytes(StandardCharsets.UTF_8)).toString();
        try {
            mongo.insert(new HubEntry(id, task.organizationId(), task.projectId(), task.id(), task.name(), taskReport.id(),
                    file.reportName(), run.id(), file.fileName(), file.mediaType(), file.size(), file.gridFsId(),
                    visibleTo.stream().map(a -> a.trim().toLowerCase(java.util.Locale.ROOT)).toList(), file.createdAt()));
        } catch (DuplicateKeyException publishedBefore) {
            // published by the node that ran this execution before
        }
        deliveries.end(run.id(), file.fileKey(), "hub", "-", DeliveryDocument.DONE, null, id);
        run.log.info("'" + file.fileName() + "' published on the hub");
        return true;
    }

    /** Keeps the entries of the last {@code keep} runs of a task report. */
    void retain(Run run, String taskId, String taskReportId, int keep) {
        Query query = new Query(Criteria.where("taskId").is(taskId).and("taskReportId").is(taskReportId))
                .with(Sort.by(Sort.Order.desc("createdAt")));
        query.fields().include("executionId").include("createdAt");
        Set<String> runs = new LinkedHashSet<>();
        for (org.bson.Document entry : mongo.find(query, org.bson.Document.class, "hub")) {
            runs.add(entry.getString("executionId"));
        }
        List<String> older = new ArrayList<>(runs).subList(Math.min(Math.max(keep, 1), runs.size()), runs.size());
        if (!older.isEmpty()) {
            mongo.remove(new Query(Criteria.where("taskId").is(taskId).and("taskReportId").is(taskReportId)
                    .and("executionId").in(older)), HubEntry.class);
            run.log.info("Hub: " + older.size() + " older version(s) removed (keeping " + keep + ")");
        }
    }
}
