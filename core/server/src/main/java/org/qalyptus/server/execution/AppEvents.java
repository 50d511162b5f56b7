package org.qalyptus.server.execution;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.qalyptus.server.task.TaskDocument;
import org.qalyptus.server.task.TaskExternalEvent;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Runs the tasks whose external event matches an app reload: active task, active event on that app, reload
 * inside the event's start/end window. One run per (task, event, reload): the execution id is derived from
 * them, so the same reload reported twice (webhook and polling, two nodes) runs once.
 */
@Component
class AppEvents {

    private final MongoTemplate mongo;
    private final ExecutionService executions;

    AppEvents(MongoTemplate mongo, ExecutionService executions) {
        this.mongo = mongo;
        this.executions = executions;
    }

    /** @return the executions queued now (not those already queued for this reload) */
    List<String> reloaded(Collection<String> organizationIds, String appId, Instant reloadTime) {
        List<String> queued = new ArrayList<>();
        Query query = new Query(Criteria.where("organizationId").in(organizationIds).and("externalEvents.appId").is(appId));
        for (TaskDocument task : TaskReads.readable(mongo, query)) {
            if (!task.isActive()) {
                continue;
            }
            for (TaskExternalEvent event : task.externalEvents()) {
                if (!event.isActive() || !appId.equals(event.appId())
                        || (event.startDate() != null && reloadTime.isBefore(event.startDate()))
                        || (event.endDate() != null && reloadTime.isAfter(event.endDate()))) {
                    continue;
                }
                if ("Skip".equals(event.execution()) && executions.taskBusy(task.id())) {
                    continue;
                }
                String id = UUID.nameUUIDFromBytes((task.id() + "\u0000" + event.id() + "\u0000" + reloadTime.toEpochMilli())
                        .getBytes(StandardCharsets.UTF_8)).toString();
                executions.queueTask(id, task, new ExecutionDocument.Trigger(ExecutionDocument.Trigger.EVENT, event.id(),
                        reloadTime, null), event.priority(), null).ifPresent(e -> queued.add(e.id()));
            }
        }
        return queued;
    }
}
