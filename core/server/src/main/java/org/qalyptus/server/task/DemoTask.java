package org.qalyptus.server.task;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.qalyptus.server.asset.AssetNames;
import org.qalyptus.server.permission.PermissionService;
import org.qalyptus.server.project.ProjectDocument;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The demo project's task, made on the first start: inactive (no mail server is configured yet), run
 * every day at 07:00 Paris time, sent to the project's owner, generating the demo HTML report "Sales by
 * region" (embedded in the email) when the demo project has it. Idempotent: a setup run again finds the
 * task by its unique name and creates nothing twice.
 */
@Component
public class DemoTask {

    static final String NAME = "Daily sales";
    static final String DESCRIPTION = "Sales by region every morning; activate it once a mail server is configured";
    static final String REPORT_NAME = "Sales by region";

    private final MongoTemplate mongo;
    private final PermissionService permissions;
    private final Clock clock;

    DemoTask(MongoTemplate mongo, PermissionService permissions, Clock clock) {
        this.mongo = mongo;
        this.permissions = permissions;
        this.clock = clock;
    }

    public void ensure(ProjectDocument project) {
        if (mongo.exists(new Query(Criteria.where("projectId").is(project.id()).and("nameKey").is(AssetNames.key(NAME))),
                TaskDocument.class)) {
            return;
        }
        Instant now = clock.instant();
        Document owner = mongo.findById(project.ownerId(), Document.class, "users");
        String ownerEmail = owner == null ? null : owner.getString("email");
        TaskEmail email = new TaskEmail(TaskInput.isEmail(ownerEmail) ? ownerEmail : "reports@qalyptus.local", false, null,
                null, null, null, "Sales by region", "Good morning,\n\nHere are the sales by region.", true, true);
        TaskSchedule daily = new TaskSchedule(UUID.randomUUID().toString(), "Every morning", null, true,
                Frequency.Daily.name(), TriggerExecution.Queue.name(), 0, "Europe/Paris", null, null, 7, 0, null, null, null,
                null, null, null, null, null);
        TaskDocument task = new TaskDocument(UUID.randomUUID().toString(), project.id(), project.organizationId(), NAME,
                AssetNames.key(NAME), DESCRIPTION, project.ownerId(), null, false, false, null, false, false, false, false,
                null, null, null, email,
                List.of(new TaskRecipient(UUID.randomUUID().toString(), TaskRecipient.USER, project.ownerId(), null)),
                List.of(daily), List.of(), demoReport(project), now, now);
        try {
            mongo.insert(task);
        } catch (DuplicateKeyException createdMeanwhile) {
            return;
        }
        permissions.assetCreated(project.ref(), task.ref());
    }

    private List<TaskReport> demoReport(ProjectDocument project) {
        Query query = new Query(Criteria.where("projectId").is(project.id()).and("nameKey").is(AssetNames.key(REPORT_NAME)));
        query.fields().include("type");
        Document report = mongo.findOne(query, Document.class, "reports");
        if (report == null) {
            return List.of();
        }
        boolean html = "HTML".equals(report.getString("type"));
        String format = html ? "Html" : "Pdf";
        return List.of(new TaskReport(UUID.randomUUID().toString(), report.getString("_id"), format, html, !html, List.of(),
                List.of(), List.of(), null, null, null, null, null, null, TaskReportService.DEFAULT_IMAGE_QUALITY));
    }
}
