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
    static final String EXCEL_REPORT_NAME = "Sales workbook";
    static final String MONTHLY_NAME = "Monthly sales";
    static final String MONTHLY_DESCRIPTION = "The sales reports as PDF and Excel on the first of every month, by email, "
            + "on the hub and in the file storage folder";

    private final MongoTemplate mongo;
    private final PermissionService permissions;
    private final Clock clock;

    DemoTask(MongoTemplate mongo, PermissionService permissions, Clock clock) {
        this.mongo = mongo;
        this.permissions = permissions;
        this.clock = clock;
    }

    public void ensure(ProjectDocument project) {
        ensureDaily(project);
        ensureMonthly(project);
    }

    /**
     * "Monthly sales", active: the demo HTML report as PDF and the demo Excel report as XLSX, attached to an email
     * to the project's owner on the 1st of every month at 07:00 Paris time, published on the hub (5 versions kept)
     * and kept in the file storage folder (inside the data folder). With no SMTP server its emails are reported as
     * skipped and the run still completes.
     */
    private void ensureMonthly(ProjectDocument project) {
        if (mongo.exists(new Query(Criteria.where("projectId").is(project.id()).and("nameKey").is(AssetNames.key(MONTHLY_NAME))),
                TaskDocument.class)) {
            return;
        }
        List<TaskReport> reports = new java.util.ArrayList<>();
        monthlyReport(project, REPORT_NAME, "Pdf").ifPresent(reports::add);
        monthlyReport(project, EXCEL_REPORT_NAME, "Xlsx").ifPresent(reports::add);
        if (reports.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        Document owner = mongo.findById(project.ownerId(), Document.class, "users");
        String ownerEmail = owner == null ? null : owner.getString("email");
        TaskEmail email = new TaskEmail(TaskInput.isEmail(ownerEmail) ? ownerEmail : "reports@qalyptus.local", false, null,
                null, null, null, "Monthly sales", "Hello,\n\nHere are this month's sales reports.", true, true);
        TaskSchedule monthly = new TaskSchedule(UUID.randomUUID().toString(), "First of the month", null, true,
                Frequency.Monthly.name(), TriggerExecution.Queue.name(), 0, "Europe/Paris", 1, null, 7, 0, null, null, null,
                null, null, null, null, null);
        TaskDocument task = new TaskDocument(UUID.randomUUID().toString(), project.id(), project.organizationId(), MONTHLY_NAME,
                AssetNames.key(MONTHLY_NAME), MONTHLY_DESCRIPTION, project.ownerId(), null, true, false, null, false, false,
                false, false, null, null, null, email,
                List.of(new TaskRecipient(UUID.randomUUID().toString(), TaskRecipient.USER, project.ownerId(), null)),
                List.of(monthly), List.of(), reports, now, now);
        try {
            mongo.insert(task);
        } catch (DuplicateKeyException createdMeanwhile) {
            return;
        }
        permissions.assetCreated(project.ref(), task.ref());
    }

    private java.util.Optional<TaskReport> monthlyReport(ProjectDocument project, String reportName, String format) {
        Query query = new Query(Criteria.where("projectId").is(project.id()).and("nameKey").is(AssetNames.key(reportName)));
        query.fields().include("_id");
        Document report = mongo.findOne(query, Document.class, "reports");
        if (report == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new TaskReport(UUID.randomUUID().toString(), report.getString("_id"), format, false,
                true, List.of(), List.of(), List.of(), new TaskReport.Hub(true, 5),
                new TaskReport.FileStorage(true, MONTHLY_NAME), null, null, null, null, TaskReportService.DEFAULT_IMAGE_QUALITY));
    }

    private void ensureDaily(ProjectDocument project) {
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
