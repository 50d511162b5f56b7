package org.qalyptus.server.task;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.qalyptus.server.app.OrganizationApp;
import org.qalyptus.server.asset.Located;
import org.qalyptus.server.asset.ProjectAssets;
import org.qalyptus.server.asset.ProjectSummary;
import org.qalyptus.server.project.ProjectDocument;
import org.springframework.stereotype.Component;

/**
 * Builds the answers of the task routes from task documents, reading what they refer to (owners, users,
 * groups, reports, filters, conditions, storage services, apps) with one query per kind.
 */
@Component
class TaskAnswers {

    static final int PREVIEWED_RUNS = 5;

    private final ProjectAssets assets;
    private final TaskContent content;
    private final TaskApps apps;
    private final TaskStore store;

    TaskAnswers(ProjectAssets assets, TaskContent content, TaskApps apps, TaskStore store) {
        this.assets = assets;
        this.content = content;
        this.apps = apps;
        this.store = store;
    }

    // ---- tasks ----

    TaskViews.Task task(Located<TaskDocument> located) {
        return task(located.asset(), located.project(), located.user().id(), assets.ownerName(located));
    }

    /** A task as changed by a write, seen by the caller who found it. */
    TaskViews.Task task(Located<TaskDocument> found, TaskDocument changed) {
        return task(changed, found.project(), found.user().id(), assets.ownerName(found));
    }

    List<TaskViews.Task> tasks(List<Located<TaskDocument>> located) {
        Map<String, String> owners = assets.ownerNames(located);
        return located.stream()
                .map(l -> task(l.asset(), l.project(), l.user().id(), owners.get(l.asset().ownerId())))
                .toList();
    }

    private static TaskViews.Task task(TaskDocument t, ProjectDocument project, String callerId, String ownerName) {
        boolean scheduled = t.schedules().stream().anyMatch(TaskSchedule::isActive)
                || t.externalEvents().stream().anyMatch(TaskExternalEvent::isActive);
        return new TaskViews.Task(t.id(), t.name(), t.description(), t.ownerId(), ownerName, t.ownerId().equals(callerId),
                ProjectSummary.of(project), project.id(), t.organizationId(), t.isActive(), t.testMode(),
                t.testModeRecipients(), scheduled, t.sendNotifications(), t.notifyIfError(), t.notifyIfWarning(),
                t.notifyIfSuccess(), t.notificationRecipients(), t.notificationCc(), t.notificationBcc(), null, t.version(),
                t.createdAt(), t.updatedAt());
    }

    // ---- email and recipients ----

    TaskViews.Email email(TaskDocument t) {
        TaskEmail e = t.email();
        return new TaskViews.Email(t.id(), e.from(), e.ccBcc(), e.cc(), e.bcc(),
                e.ccQlikVariable() == null ? null : e.ccQlikVariable().id(),
                e.bccQlikVariable() == null ? null : e.bccQlikVariable().id(), e.subject(), e.message(), e.isActive(),
                e.oneToAll(), t.version());
    }

    List<TaskViews.Recipient> recipients(TaskDocument t) {
        return recipients(List.of(t)).get(t.id());
    }

    /** The recipients of several tasks, reading users and groups once per organization. */
    Map<String, List<TaskViews.Recipient>> recipients(List<TaskDocument> tasks) {
        Map<String, List<TaskViews.Recipient>> answers = new java.util.HashMap<>();
        tasks.stream().collect(java.util.stream.Collectors.groupingBy(TaskDocument::organizationId)).forEach((org, ofOrg) -> {
            List<String> userIds = ofOrg.stream().flatMap(t -> t.recipients().stream())
                    .filter(r -> TaskRecipient.USER.equals(r.type())).map(TaskRecipient::recipientId).distinct().toList();
            List<String> groupIds = ofOrg.stream().flatMap(t -> t.recipients().stream())
                    .filter(r -> TaskRecipient.GROUP.equals(r.type())).map(TaskRecipient::recipientId).distinct().toList();
            Map<String, TaskContent.Member> users = content.users(userIds, org);
            Map<String, TaskContent.Member> groups = content.groups(groupIds, org);
            ofOrg.forEach(t -> answers.put(t.id(), recipients(t, users, groups)));
        });
        return answers;
    }

    private static List<TaskViews.Recipient> recipients(TaskDocument t, Map<String, TaskContent.Member> users,
            Map<String, TaskContent.Member> groups) {
        List<TaskViews.Recipient> views = new ArrayList<>();
        for (TaskRecipient r : t.recipients()) {
            switch (r.type()) {
                case TaskRecipient.USER -> {
                    TaskContent.Member user = users.get(r.recipientId());
                    views.add(new TaskViews.Recipient(r.id(), user == null ? null : user.name(),
                            user == null ? TaskRecipient.USER : user.type(), user == null ? null : user.email(),
                            r.recipientId()));
                }
                case TaskRecipient.GROUP -> {
                    TaskContent.Member group = groups.get(r.recipientId());
                    views.add(new TaskViews.Recipient(r.id(), group == null ? null : group.name(), TaskRecipient.GROUP,
                            null, r.recipientId()));
                }
                default -> views.add(new TaskViews.Recipient(r.id(), r.email(), TaskRecipient.EMAIL, r.email(), null));
            }
        }
        return views;
    }

    // ---- triggers ----

    List<TaskViews.Trigger> triggers(TaskDocument t) {
        List<TaskViews.Trigger> views = new ArrayList<>(schedules(t));
        views.addAll(events(t));
        return views;
    }

    List<TaskViews.Trigger> schedules(TaskDocument t) {
        Instant now = store.now();
        return t.schedules().stream().map(s -> schedule(t, s, now)).toList();
    }

    TaskViews.Trigger schedule(TaskDocument t, TaskSchedule s) {
        return schedule(t, s, store.now());
    }

    private static TaskViews.Trigger schedule(TaskDocument t, TaskSchedule s, Instant now) {
        List<Instant> runs = Schedules.nextRuns(t, s, now, PREVIEWED_RUNS);
        return new TaskViews.Trigger(s.id(), s.name(), s.description(), "Schedule", s.isActive(), s.frequency(),
                s.startDate(), s.endDate(), s.timeZone(), Schedules.offset(s.timeZone(), now), s.day(), s.month(),
                s.weeklyDays(), s.atHour(), s.atMinut(), s.fromHour(), s.fromMinut(), s.toHour(), s.toMinut(),
                s.everyHours(), s.execution(), s.priority(), runs.isEmpty() ? null : runs.get(0), runs, null, null, null,
                t.version());
    }

    /** The triggers of several tasks, reading the apps once per organization that has external events. */
    Map<String, List<TaskViews.Trigger>> triggers(List<TaskDocument> tasks) {
        Instant now = store.now();
        Map<String, Map<String, OrganizationApp>> appsOf = new java.util.HashMap<>();
        Map<String, List<TaskViews.Trigger>> answers = new java.util.HashMap<>();
        for (TaskDocument t : tasks) {
            List<TaskViews.Trigger> views = new ArrayList<>();
            t.schedules().forEach(s -> views.add(schedule(t, s, now)));
            if (!t.externalEvents().isEmpty()) {
                Map<String, OrganizationApp> known = appsOf.computeIfAbsent(t.organizationId(), apps::of);
                t.externalEvents().forEach(e -> views.add(event(t, e, known, now)));
            }
            answers.put(t.id(), views);
        }
        return answers;
    }

    List<TaskViews.Trigger> events(TaskDocument t) {
        if (t.externalEvents().isEmpty()) {
            return List.of();
        }
        Map<String, OrganizationApp> known = apps.of(t.organizationId());
        Instant now = store.now();
        return t.externalEvents().stream().map(e -> event(t, e, known, now)).toList();
    }

    TaskViews.Trigger event(TaskDocument t, TaskExternalEvent e) {
        return event(t, e, apps.of(t.organizationId()), store.now());
    }

    private static TaskViews.Trigger event(TaskDocument t, TaskExternalEvent e, Map<String, OrganizationApp> known,
            Instant now) {
        OrganizationApp app = known.get(e.appId());
        return new TaskViews.Trigger(e.id(), e.name(), e.description(), "ExternalEvent", e.isActive(), null, e.startDate(),
                e.endDate(), e.timeZone(), Schedules.offset(e.timeZone(), now), null, null, null, null, null, null, null,
                null, null, null, e.execution(), e.priority(), null, List.of(), e.appId(), "QlikEvent",
                new TaskViews.QlikEvent(e.qlikEvent(), e.appId(), app == null ? null : app.name()), t.version());
    }

    // ---- task reports ----

    List<TaskViews.TaskReport> reports(TaskDocument t) {
        return reports(t, t.reports());
    }

    TaskViews.TaskReport report(TaskDocument t, TaskReport r) {
        return reports(t, List.of(r)).get(0);
    }

    /** The task reports of several tasks, reading what they refer to once for all. */
    Map<String, List<TaskViews.TaskReport>> reports(List<TaskDocument> tasks) {
        List<TaskDocument> owners = tasks.stream()
                .flatMap(t -> java.util.Collections.nCopies(t.reports().size(), t).stream()).toList();
        List<TaskViews.TaskReport> all = reports(owners, tasks.stream().flatMap(t -> t.reports().stream()).toList());
        Map<String, List<TaskViews.TaskReport>> answers = new java.util.HashMap<>();
        int next = 0;
        for (TaskDocument t : tasks) {
            answers.put(t.id(), all.subList(next, next + t.reports().size()));
            next += t.reports().size();
        }
        return answers;
    }

    private List<TaskViews.TaskReport> reports(TaskDocument t, List<TaskReport> taskReports) {
        return reports(java.util.Collections.nCopies(taskReports.size(), t), taskReports);
    }

    /** The views of task reports, {@code owners.get(i)} being the task of {@code taskReports.get(i)}. */
    private List<TaskViews.TaskReport> reports(List<TaskDocument> owners, List<TaskReport> taskReports) {
        Map<String, TaskContent.Report> reports = content.reports(taskReports.stream().map(TaskReport::reportId).toList());
        Map<String, TaskContent.Asset> filters = content.filters(
                taskReports.stream().flatMap(r -> r.filterIds().stream()).toList());
        Map<String, TaskContent.Asset> conditions = content.conditions(
                taskReports.stream().flatMap(r -> r.conditionIds().stream()).toList());
        Map<String, TaskContent.StorageService> storage = content.storageServices(taskReports.stream()
                .flatMap(r -> r.storageServices().stream()).map(TaskReport.StorageDelivery::storageServiceId).toList());
        List<TaskViews.TaskReport> views = new ArrayList<>();
        for (int i = 0; i < taskReports.size(); i++) {
            TaskReport r = taskReports.get(i);
            TaskDocument t = owners.get(i);
            TaskContent.Report report = reports.get(r.reportId());
            List<TaskViews.Filter> filterViews = new ArrayList<>();
            for (String filterId : r.filterIds()) {
                TaskContent.Asset filter = filters.get(filterId);
                filterViews.add(new TaskViews.Filter(filterId, filter == null ? null : filter.name(), filterViews.size() + 1));
            }
            List<TaskViews.Named> conditionViews = r.conditionIds().stream()
                    .map(id -> new TaskViews.Named(id, conditions.containsKey(id) ? conditions.get(id).name() : null))
                    .toList();
            List<TaskViews.StorageService> storageViews = r.storageServices().stream().map(s -> {
                TaskContent.StorageService service = storage.get(s.storageServiceId());
                return new TaskViews.StorageService(s.storageServiceId(), service == null ? null : service.name(),
                        service == null ? null : service.type(), s.folder());
            }).toList();
            TaskReport.IterationOptions it = r.iterationOptions();
            views.add(new TaskViews.TaskReport(r.id(), r.reportId(), report == null ? null : report.name(),
                    report == null ? null : report.description(), report == null ? null : report.type(),
                    report == null ? List.of() : report.outputFormats(), report != null && report.isIteration(), r.format(),
                    r.emailEmbedment(), r.emailAttachment(), filterViews, conditionViews, storageViews,
                    new TaskViews.Separators(r.separatorOptions().numberDecimalSeparator(),
                            r.separatorOptions().numberGroupSeparator()),
                    r.openPassword() != null, r.writePassword() != null, r.imageQuality(),
                    new TaskViews.Iteration(it.zipForEmail(), it.zipForFolder(), it.conditionPerIterationValue(),
                            idOf(it.emailVisibilityVariable()), idOf(it.folderVisibilityVariable()),
                            idOf(it.hubVisibilityVariable())),
                    new TaskViews.Hub(r.hub().publish(), r.hub().retentionCount()),
                    new TaskViews.FileStorage(r.fileStorage().enabled(), r.fileStorage().folder()), t.version()));
        }
        return views;
    }

    private static String idOf(VariableRef variable) {
        return variable == null ? null : variable.id();
    }
}
