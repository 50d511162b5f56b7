package org.qalyptus.server.task;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.qalyptus.server.asset.AssetNames;

/**
 * Copies of tasks: every element gets a new id (so the copy's schedules, events, recipients and task
 * reports are its own), and every reference to an app of {@code appMapping} moves to the mapped app:
 * external events' apps and the Qlik variables of the email and of the iteration options (the same
 * variable, by name, in the target app).
 */
final class TaskCopies {

    private TaskCopies() {}

    static TaskDocument copy(TaskDocument source, String id, String name, String ownerId, Map<String, String> appMapping,
            Instant now) {
        TaskEmail e = source.email();
        TaskEmail email = new TaskEmail(e.from(), e.ccBcc(), e.cc(), e.bcc(), mapped(e.ccQlikVariable(), appMapping),
                mapped(e.bccQlikVariable(), appMapping), e.subject(), e.message(), e.isActive(), e.oneToAll());
        return new TaskDocument(id, source.projectId(), source.organizationId(), name, AssetNames.key(name),
                source.description(), ownerId, null, false, source.testMode(), source.testModeRecipients(),
                source.sendNotifications(), source.notifyIfError(), source.notifyIfWarning(), source.notifyIfSuccess(),
                source.notificationRecipients(), source.notificationCc(), source.notificationBcc(), email,
                source.recipients().stream().map(r -> new TaskRecipient(newId(), r.type(), r.recipientId(), r.email())).toList(),
                source.schedules().stream().map(s -> new TaskSchedule(newId(), s.name(), s.description(), s.isActive(),
                        s.frequency(), s.execution(), s.priority(), s.timeZone(), s.day(), s.month(), s.atHour(), s.atMinut(),
                        s.everyHours(), s.fromHour(), s.fromMinut(), s.toHour(), s.toMinut(), s.weeklyDays(), s.startDate(),
                        s.endDate())).toList(),
                source.externalEvents().stream().map(ev -> new TaskExternalEvent(newId(), ev.name(), ev.description(),
                        ev.isActive(), ev.qlikEvent(), appMapping.getOrDefault(ev.appId(), ev.appId()), ev.execution(),
                        ev.priority(), ev.startDate(), ev.endDate(), ev.timeZone())).toList(),
                source.reports().stream().map(r -> copy(r, appMapping)).toList(),
                now, now);
    }

    private static TaskReport copy(TaskReport r, Map<String, String> appMapping) {
        TaskReport.IterationOptions it = r.iterationOptions();
        TaskReport.IterationOptions iteration = new TaskReport.IterationOptions(it.zipForEmail(), it.zipForFolder(),
                it.conditionPerIterationValue(), mapped(it.emailVisibilityVariable(), appMapping),
                mapped(it.folderVisibilityVariable(), appMapping), mapped(it.hubVisibilityVariable(), appMapping));
        return new TaskReport(newId(), r.reportId(), r.format(), r.emailEmbedment(), r.emailAttachment(), r.filterIds(),
                r.conditionIds(), r.storageServices(), r.hub(), r.fileStorage(), iteration, r.separatorOptions(),
                r.openPassword(), r.writePassword(), r.imageQuality());
    }

    static VariableRef mapped(VariableRef variable, Map<String, String> appMapping) {
        if (variable == null || !appMapping.containsKey(variable.appId())) {
            return variable;
        }
        return variable.inApp(appMapping.get(variable.appId()));
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }
}
