package org.qalyptus.server.task;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.qalyptus.server.app.OrganizationApp;
import org.qalyptus.server.asset.AssetNames;
import org.qalyptus.server.asset.InProject;
import org.qalyptus.server.asset.Located;
import org.qalyptus.server.asset.ProjectAssets;
import org.qalyptus.server.asset.Versions;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.web.ApiException;
import org.qalyptus.server.web.ApiResponse.FieldError;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Tasks themselves, their email settings and their recipients. The rules: tasks are project assets
 * (404 outside the caller's organizations, the {@code viewTask}, {@code createTask}, {@code editTask},
 * {@code deleteTask}, {@code duplicateTask} flags, license caps, unique names in a project); recipients
 * are users and groups of the task's organization or valid addresses; updates are refused with 409 when
 * based on a stale version.
 */
@Service
public class TaskService {

    static final int MAX_RECIPIENTS = 5000;
    static final int MAX_RECIPIENTS_PER_REQUEST = 1000;

    private final ProjectAssets assets;
    private final TaskStore store;
    private final TaskAnswers answers;
    private final TaskContent content;
    private final TaskApps apps;
    private final MongoTemplate mongo;

    TaskService(ProjectAssets assets, TaskStore store, TaskAnswers answers, TaskContent content, TaskApps apps,
            MongoTemplate mongo) {
        this.assets = assets;
        this.store = store;
        this.answers = answers;
        this.content = content;
        this.apps = apps;
        this.mongo = mongo;
    }

    // ---- tasks ----

    public TaskViews.Task create(Caller caller, TaskRequests.CreateTask request) {
        List<FieldError> errors = new ArrayList<>();
        String name = AssetNames.valid(request.name(), false, errors);
        String description = AssetNames.validDescription(request.description(), errors);
        if (request.projectID() == null || request.projectID().isBlank()) {
            errors.add(new FieldError("projectID", "is required"));
        } else if (TaskInput.uuid(request.projectID()).isEmpty()) {
            errors.add(new FieldError("projectID", "must be a UUID"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        InProject target = assets.projectForNew(caller, TaskDocument.KIND, "projectID", request.projectID());
        if (assets.nameTaken(TaskDocument.KIND, target.project().id(), name, null)) {
            throw TaskStore.duplicateName(name);
        }
        Instant now = store.now();
        TaskDocument task = store.insert(new TaskDocument(UUID.randomUUID().toString(), target.project().id(),
                target.project().organizationId(), name, AssetNames.key(name), description, target.user().id(), null, true,
                false, null, false, false, false, false, null, null, null, TaskEmail.DEFAULT, List.of(), List.of(),
                List.of(), List.of(), now, now));
        assets.created(target, task);
        return answers.task(assets.find(caller, TaskDocument.KIND, task.id()));
    }

    public List<TaskViews.Task> list(Caller caller) {
        return answers.tasks(assets.visible(caller, TaskDocument.KIND, null));
    }

    /** The tasks the caller may see in several projects at once (the same store queries for any number). */
    public List<TaskViews.Task> listInProjects(Caller caller, java.util.Collection<String> projectIds) {
        return answers.tasks(assets.visibleInProjects(caller, TaskDocument.KIND, projectIds));
    }

    public TaskViews.Task get(Caller caller, String id) {
        return answers.task(store.viewable(caller, id));
    }

    public TaskViews.Task update(Caller caller, String id, TaskRequests.UpdateTask request, String ifMatch) {
        List<FieldError> errors = new ArrayList<>();
        String name = AssetNames.valid(request.name(), false, errors);
        String description = AssetNames.validDescription(request.description(), errors);
        if (request.isActive() == null) {
            errors.add(new FieldError("isActive", "is required"));
        }
        if (request.sendNotifications() == null) {
            errors.add(new FieldError("sendNotifications", "is required"));
        }
        boolean notify = Boolean.TRUE.equals(request.sendNotifications());
        String notifyTo = TaskInput.emailList(request.notificationRecipients(), "notificationRecipients", false, errors);
        if (notify && notifyTo == null && errors.stream().noneMatch(e -> e.field().equals("notificationRecipients"))) {
            errors.add(new FieldError("notificationRecipients", "is required when sendNotifications is true"));
        }
        String notifyCc = TaskInput.emailList(request.notificationCc(), "notificationCc", false, errors);
        String notifyBcc = TaskInput.emailList(request.notificationBcc(), "notificationBcc", false, errors);
        boolean testMode = Boolean.TRUE.equals(request.testMode());
        String testRecipients = TaskInput.emailList(request.testModeRecipients(), "testModeRecipients", testMode, errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        Located<TaskDocument> located = store.editable(caller, id, Versions.expected(request.version(), ifMatch));
        TaskDocument current = located.asset();
        if (!AssetNames.key(name).equals(current.nameKey())
                && assets.nameTaken(TaskDocument.KIND, current.projectId(), name, current.id())) {
            throw TaskStore.duplicateName(name);
        }
        TaskDocument saved = store.save(current.withSettings(name, description, request.isActive(), testMode, testRecipients,
                notify, Boolean.TRUE.equals(request.notifyIfError()), Boolean.TRUE.equals(request.notifyIfWarning()),
                Boolean.TRUE.equals(request.notifyIfSuccess()), notifyTo, notifyCc, notifyBcc, store.now()));
        return answers.task(located, saved);
    }

    public void delete(Caller caller, String id) {
        Located<TaskDocument> located = store.require(caller, id, TaskDocument.KIND.delete());
        remove(located);
    }

    /** Deletes several tasks, all or none. @return the deleted ids */
    public List<String> deleteMany(Caller caller, List<UUID> ids) {
        List<Located<TaskDocument>> located = assets.requireAll(caller, TaskDocument.KIND, ids, "ids",
                TaskDocument.KIND.delete());
        located.forEach(this::remove);
        return located.stream().map(l -> l.asset().id()).toList();
    }

    private void remove(Located<TaskDocument> located) {
        mongo.remove(new Query(Criteria.where("_id").is(located.asset().id())), TaskDocument.class);
        assets.deleted(located);
    }

    /**
     * A copy of the task in its project, owned by the caller, inactive (so it sends nothing before it is
     * looked at), named "Name - Copy". With an app mapping, every app reference of the copy to a mapped
     * app moves to its target; reports, filters and conditions stay the same assets.
     */
    public TaskViews.Task duplicate(Caller caller, String id, TaskRequests.DuplicateTask request) {
        Map<String, String> mapping = request == null || request.appMapping() == null ? Map.of() : request.appMapping();
        List<FieldError> errors = new ArrayList<>();
        if (mapping.size() > 100) {
            errors.add(new FieldError("appMapping", "must map at most 100 apps"));
        }
        for (Map.Entry<String, String> entry : mapping.entrySet()) {
            if (entry.getKey().isBlank() || entry.getKey().length() > 200) {
                errors.add(new FieldError("appMapping", "must map app ids (at most 200 characters) to app ids"));
            } else if (entry.getValue() == null || entry.getValue().isBlank()) {
                errors.add(new FieldError("appMapping." + entry.getKey(), "must be an app id"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        Located<TaskDocument> located = store.require(caller, id, TaskDocument.KIND.duplicate());
        TaskDocument source = located.asset();
        if (!mapping.isEmpty()) {
            Map<String, OrganizationApp> known = apps.of(source.organizationId());
            for (Map.Entry<String, String> entry : mapping.entrySet()) {
                if (!known.containsKey(entry.getValue())) {
                    errors.add(new FieldError("appMapping." + entry.getKey(), "'" + shorten(entry.getValue())
                            + "' is not an app of the task's organization"));
                }
            }
            if (!errors.isEmpty()) {
                throw ApiException.invalid(errors);
            }
        }
        String name = assets.copyName(TaskDocument.KIND, source.projectId(), source.name());
        Instant now = store.now();
        TaskDocument copy = store.insert(TaskCopies.copy(source, UUID.randomUUID().toString(), name, located.user().id(),
                mapping, now));
        assets.created(new InProject(located.project(), located.user(), located.subject()), copy);
        return answers.task(assets.find(caller, TaskDocument.KIND, copy.id()));
    }

    // ---- email ----

    public TaskViews.Email email(Caller caller, String id) {
        return answers.email(store.viewable(caller, id).asset());
    }

    public TaskViews.Email updateEmail(Caller caller, String id, TaskRequests.UpdateEmail request, String ifMatch) {
        List<FieldError> errors = new ArrayList<>();
        String from = TaskInput.email(request.from(), "from", true, errors);
        String subject = TaskInput.text(request.subject(), "subject", TaskInput.MAX_SUBJECT, true, errors);
        if (subject != null && subject.chars().anyMatch(c -> c == '\r' || c == '\n')) {
            errors.add(new FieldError("subject", "must be one line"));
        }
        String message = request.message() == null || request.message().isBlank() ? null : request.message();
        if (message != null && message.length() > TaskInput.MAX_MESSAGE) {
            errors.add(new FieldError("message", "must be at most " + TaskInput.MAX_MESSAGE + " characters"));
        }
        String cc = TaskInput.emailList(request.cc(), "cc", false, errors);
        String bcc = TaskInput.emailList(request.bcc(), "bcc", false, errors);
        String ccVariable = variableId(request.ccQlikVariable(), "ccQlikVariable", errors);
        String bccVariable = variableId(request.bccQlikVariable(), "bccQlikVariable", errors);
        if (request.isActive() == null) {
            errors.add(new FieldError("isActive", "is required"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        Located<TaskDocument> located = store.editable(caller, id, Versions.expected(request.version(), ifMatch));
        TaskDocument current = located.asset();
        VariableRef ccRef = resolveVariable(current, ccVariable, "ccQlikVariable", errors);
        VariableRef bccRef = resolveVariable(current, bccVariable, "bccQlikVariable", errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        TaskEmail email = new TaskEmail(from, Boolean.TRUE.equals(request.ccBcc()), cc, bcc, ccRef, bccRef, subject, message,
                request.isActive(), request.oneToAll() == null || request.oneToAll());
        return answers.email(store.save(current.withEmail(email, store.now())));
    }

    private static String variableId(String value, String field, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return TaskInput.uuid(value).orElseGet(() -> {
            errors.add(new FieldError(field, "must be the UUID of a variable"));
            return null;
        });
    }

    /** A variable of an app of the task's reports. */
    private VariableRef resolveVariable(TaskDocument task, String variableId, String field, List<FieldError> errors) {
        if (variableId == null) {
            return null;
        }
        List<String> appIds = content.reports(task.reports().stream().map(TaskReport::reportId).toList()).values().stream()
                .flatMap(r -> r.appIds().stream()).distinct().toList();
        return apps.variable(task.organizationId(), appIds, variableId).orElseGet(() -> {
            errors.add(new FieldError(field, "is not a variable of an app of the task's reports"));
            return null;
        });
    }

    // ---- recipients ----

    public List<TaskViews.Recipient> recipients(Caller caller, String id) {
        return answers.recipients(store.viewable(caller, id).asset());
    }

    /** The recipients of several tasks the caller may view, by task id, in a fixed number of reads. */
    public java.util.Map<String, List<TaskViews.Recipient>> recipients(Caller caller, java.util.Collection<String> ids) {
        return answers.recipients(store.viewable(caller, ids));
    }

    /** The emails of several tasks the caller may view, by task id, in one read. */
    public java.util.Map<String, TaskViews.Email> emails(Caller caller, java.util.Collection<String> ids) {
        java.util.Map<String, TaskViews.Email> emails = new java.util.HashMap<>();
        store.viewable(caller, ids).forEach(t -> emails.put(t.id(), answers.email(t)));
        return emails;
    }

    /**
     * Adds recipients (those already there are kept as they are). Users must be users or recipients of
     * the task's organization, groups its groups.
     *
     * @return every recipient of the task
     */
    public List<TaskViews.Recipient> addRecipients(Caller caller, String id, List<TaskRequests.Recipient> request,
            String ifMatch) {
        List<FieldError> errors = new ArrayList<>();
        Map<Integer, TaskRecipient> wanted = parseRecipients(request, errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        Located<TaskDocument> located = store.editable(caller, id, Versions.expected(null, ifMatch));
        TaskDocument current = located.asset();
        Map<String, TaskContent.Member> users = content.users(wanted.values().stream()
                .filter(r -> TaskRecipient.USER.equals(r.type())).map(TaskRecipient::recipientId).toList(),
                current.organizationId());
        Map<String, TaskContent.Member> groups = content.groups(wanted.values().stream()
                .filter(r -> TaskRecipient.GROUP.equals(r.type())).map(TaskRecipient::recipientId).toList(),
                current.organizationId());
        wanted.forEach((index, r) -> {
            if (TaskRecipient.USER.equals(r.type())
                    && (!users.containsKey(r.recipientId()) || !users.get(r.recipientId()).inOrganization())) {
                errors.add(new FieldError("[" + index + "].id", "is not a user of the task's organization"));
            } else if (TaskRecipient.GROUP.equals(r.type())
                    && (!groups.containsKey(r.recipientId()) || !groups.get(r.recipientId()).inOrganization())) {
                errors.add(new FieldError("[" + index + "].id", "is not a group of the task's organization"));
            }
        });
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        Set<String> present = new HashSet<>();
        current.recipients().forEach(r -> present.add(key(r)));
        List<TaskRecipient> merged = new ArrayList<>(current.recipients());
        for (TaskRecipient r : wanted.values()) {
            if (present.add(key(r))) {
                merged.add(r);
            }
        }
        if (merged.size() > MAX_RECIPIENTS) {
            throw ApiException.invalid("recipients", "a task has at most " + MAX_RECIPIENTS + " recipients");
        }
        return answers.recipients(store.save(current.withRecipients(merged, store.now())));
    }

    /**
     * Removes recipients, all or none: each id is a recipient entry's {@code id} or its {@code recipientID}.
     *
     * @return the removed entries' ids
     */
    public List<String> deleteRecipients(Caller caller, String id, List<UUID> ids, String ifMatch) {
        List<String> wanted = TaskIds.of(ids, "ids", "recipient");
        Located<TaskDocument> located = store.editable(caller, id, Versions.expected(null, ifMatch));
        TaskDocument current = located.asset();
        Set<String> removed = new java.util.LinkedHashSet<>();
        for (String wantedId : wanted) {
            List<String> matching = current.recipients().stream()
                    .filter(r -> r.id().equals(wantedId) || wantedId.equals(r.recipientId())).map(TaskRecipient::id).toList();
            if (matching.isEmpty()) {
                throw ApiException.notFound("Recipient " + wantedId + " of the task");
            }
            removed.addAll(matching);
        }
        store.save(current.withRecipients(current.recipients().stream().filter(r -> !removed.contains(r.id())).toList(),
                store.now()));
        return List.copyOf(removed);
    }

    /** The recipients by their index in the request, each once (the first of duplicates). */
    private static Map<Integer, TaskRecipient> parseRecipients(List<TaskRequests.Recipient> request,
            List<FieldError> errors) {
        if (request == null || request.isEmpty()) {
            errors.add(new FieldError("recipients", "must list at least one recipient"));
            return Map.of();
        }
        if (request.size() > MAX_RECIPIENTS_PER_REQUEST) {
            errors.add(new FieldError("recipients", "must list at most " + MAX_RECIPIENTS_PER_REQUEST + " recipients"));
            return Map.of();
        }
        Map<Integer, TaskRecipient> parsed = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < request.size(); i++) {
            TaskRequests.Recipient r = request.get(i);
            String at = "[" + i + "]";
            if (r == null) {
                errors.add(new FieldError(at, "must be a recipient"));
                continue;
            }
            String type = r.type() == null ? "" : r.type().trim().toLowerCase(Locale.ROOT);
            switch (type) {
                case "user", "recipient", "group" -> {
                    String recipientId = TaskInput.uuid(r.id()).orElse(null);
                    if (recipientId == null) {
                        errors.add(new FieldError(at + ".id", r.id() == null ? "is required" : "must be a UUID"));
                        continue;
                    }
                    String kind = type.equals("group") ? TaskRecipient.GROUP : TaskRecipient.USER;
                    TaskRecipient recipient = new TaskRecipient(UUID.randomUUID().toString(), kind, recipientId, null);
                    if (seen.add(key(recipient))) {
                        parsed.put(i, recipient);
                    }
                }
                case "email" -> {
                    String email = TaskInput.email(r.email() != null ? r.email() : r.id(), at + ".email", true, errors);
                    if (email != null) {
                        TaskRecipient recipient = new TaskRecipient(UUID.randomUUID().toString(), TaskRecipient.EMAIL, null, email);
                        if (seen.add(key(recipient))) {
                            parsed.put(i, recipient);
                        }
                    }
                }
                default -> errors.add(new FieldError(at + ".type", r.type() == null || r.type().isBlank() ? "is required"
                        : "must be User, Recipient, Group or Email"));
            }
        }
        return parsed;
    }

    private static String key(TaskRecipient r) {
        return r.type() + ":" + (TaskRecipient.EMAIL.equals(r.type()) ? r.email() : r.recipientId());
    }

    private static String shorten(String value) {
        return value.length() > 60 ? value.substring(0, 60) + "..." : value;
    }
}
