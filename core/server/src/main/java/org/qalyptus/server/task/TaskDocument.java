package org.qalyptus.server.task;

import java.time.Instant;
import java.util.List;
import org.qalyptus.server.asset.AssetKind;
import org.qalyptus.server.asset.ProjectAsset;
import org.qalyptus.server.permission.AssetType;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A task: what to generate (task reports), for whom (recipients, email settings), when (schedules and
 * external events) and who hears about its runs (notifications). Everything a task holds is embedded,
 * so every change is one versioned single-document write.
 *
 * @param isActive a disabled task is skipped by every trigger
 * @param testMode every email goes to {@code testModeRecipients} only
 * @param testModeRecipients addresses separated by {@code ;} or {@code ,}
 * @param notificationRecipients addresses separated by {@code ;} or {@code ,} (as notificationCc/Bcc)
 */
@Document("tasks")
@CompoundIndex(name = "project_name", def = "{'projectId': 1, 'nameKey': 1}", unique = true)
@CompoundIndex(name = "task_report_reports", def = "{'reports.reportId': 1}")
@CompoundIndex(name = "task_report_storage", def = "{'organizationId': 1, 'reports.storageServices.storageServiceId': 1}")
public record TaskDocument(
        @Id String id,
        @Indexed String projectId,
        String organizationId,
        String name,
        String nameKey,
        String description,
        @Indexed String ownerId,
        @Version Long version,
        boolean isActive,
        boolean testMode,
        String testModeRecipients,
        boolean sendNotifications,
        boolean notifyIfError,
        boolean notifyIfWarning,
        boolean notifyIfSuccess,
        String notificationRecipients,
        String notificationCc,
        String notificationBcc,
        TaskEmail email,
        List<TaskRecipient> recipients,
        List<TaskSchedule> schedules,
        List<TaskExternalEvent> externalEvents,
        List<TaskReport> reports,
        Instant createdAt,
        Instant updatedAt) implements ProjectAsset {

    public static final AssetKind<TaskDocument> KIND = AssetKind.of(AssetType.Task, TaskDocument.class);

    @PersistenceCreator
    public TaskDocument {
        email = email == null ? TaskEmail.DEFAULT : email;
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
        schedules = schedules == null ? List.of() : List.copyOf(schedules);
        externalEvents = externalEvents == null ? List.of() : List.copyOf(externalEvents);
        reports = reports == null ? List.of() : List.copyOf(reports);
    }

    @Override
    public AssetKind<?> kind() {
        return KIND;
    }

    /** The task's settings (name, flags, notifications) replaced; what it holds kept. */
    TaskDocument withSettings(String newName, String newDescription, boolean active, boolean test, String testRecipients,
            boolean notify, boolean onError, boolean onWarning, boolean onSuccess, String notifyTo, String notifyCc,
            String notifyBcc, Instant now) {
        return new TaskDocument(id, projectId, organizationId, newName, org.qalyptus.server.asset.AssetNames.key(newName),
                newDescription, ownerId, version, active, test, testRecipients, notify, onError, onWarning, onSuccess,
                notifyTo, notifyCc, notifyBcc, email, recipients, schedules, externalEvents, reports, createdAt, now);
    }

    TaskDocument withEmail(TaskEmail changed, Instant now) {
        return new TaskDocument(id, projectId, organizationId, name, nameKey, description, ownerId, version, isActive,
                testMode, testModeRecipients, sendNotifications, notifyIfError, notifyIfWarning, notifyIfSuccess,
                notificationRecipients, notificationCc, notificationBcc, changed, recipients, schedules, externalEvents,
                reports, createdAt, now);
    }

    TaskDocument withRecipients(List<TaskRecipient> changed, Instant now) {
        return new TaskDocument(id, projectId, organizationId, name, nameKey, description, ownerId, version, isActive,
                testMode, testModeRecipients, sendNotifications, notifyIfError, notifyIfWarning, notifyIfSuccess,
                notificationRecipients, notificationCc, notificationBcc, email, changed, schedules, externalEvents,
                reports, createdAt, now);
    }

    TaskDocument withTriggers(List<TaskSchedule> changedSchedules, List<TaskExternalEvent> changedEvents, Instant now) {
        return new TaskDocument(id, projectId, organizationId, name, nameKey, description, ownerId, version, isActive,
                testMode, testModeRecipients, sendNotifications, notifyIfError, notifyIfWarning, notifyIfSuccess,
                notificationRecipients, notificationCc, notificationBcc, email, recipients, changedSchedules,
                changedEvents, reports, createdAt, now);
    }

    TaskDocument withReports(List<TaskReport> changed, Instant now) {
        return new TaskDocument(id, projectId, organizationId, name, nameKey, description, ownerId, version, isActive,
                testMode, testModeRecipients, sendNotifications, notifyIfError, notifyIfWarning, notifyIfSuccess,
                notificationRecipients, notificationCc, notificationBcc, email, recipients, schedules, externalEvents,
                changed, createdAt, now);
    }
}
