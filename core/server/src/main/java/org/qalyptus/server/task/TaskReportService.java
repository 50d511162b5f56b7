package org.qalyptus.server.task;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.qalyptus.server.asset.Located;
import org.qalyptus.server.asset.Versions;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.permission.AssetRef;
import org.qalyptus.server.permission.AssetType;
import org.qalyptus.server.permission.Permission;
import org.qalyptus.server.permission.PermissionService;
import org.qalyptus.server.secret.SecretCipher;
import org.qalyptus.server.web.ApiException;
import org.qalyptus.server.web.ApiResponse.FieldError;
import org.springframework.stereotype.Service;

/**
 * The reports a task generates. A task report names a report of the task's project the caller may use
 * ({@code useReport}), an output format of the report's type, filters and conditions of the same project
 * the caller may use (applied in order), storage services of the task's organization, and how the file
 * is delivered and protected. File passwords are stored encrypted and never returned.
 */
@Service
public class TaskReportService {

    static final int MAX_PER_TASK = 100;
    static final int MAX_FILTERS = 50;
    static final int MAX_CONDITIONS = 50;
    static final int MAX_STORAGE_SERVICES = 20;
    static final int DEFAULT_IMAGE_QUALITY = 90;
    /** Formats a mail body can show. */
    static final Set<String> EMBEDDABLE = Set.of("Html", "Png", "Jpeg");
    /** Formats that can carry an open or write password. */
    static final Set<String> PROTECTABLE = Set.of("Pdf", "Xlsx", "Docx", "Pptx");

    private final TaskStore store;
    private final TaskAnswers answers;
    private final TaskContent content;
    private final TaskApps apps;
    private final PermissionService permissions;
    private final SecretCipher cipher;

    TaskReportService(TaskStore store, TaskAnswers answers, TaskContent content, TaskApps apps,
            PermissionService permissions, SecretCipher cipher) {
        this.store = store;
        this.answers = answers;
        this.content = content;
        this.apps = apps;
        this.permissions = permissions;
        this.cipher = cipher;
    }

    public List<TaskViews.TaskReport> reports(Caller caller, String taskId) {
        return answers.reports(store.viewable(caller, taskId).asset());
    }

    /** The task reports of several tasks the caller may view, by task id, in a fixed number of reads. */
    public Map<String, List<TaskViews.TaskReport>> reports(Caller caller, java.util.Collection<String> taskIds) {
        return answers.reports(store.viewable(caller, taskIds));
    }

    public TaskViews.TaskReport report(Caller caller, String taskId, String taskReportId) {
        TaskDocument task = store.viewable(caller, taskId).asset();
        return answers.report(task, find(task, taskReportId));
    }

    /** @return the deleted task reports' ids */
    public List<String> deleteReports(Caller caller, String taskId, List<UUID> ids, String ifMatch) {
        List<String> wanted = TaskIds.of(ids, "ids", "task report");
        TaskDocument task = store.editable(caller, taskId, Versions.expected(null, ifMatch)).asset();
        wanted.forEach(id -> find(task, id));
        store.save(task.withReports(task.reports().stream().filter(r -> !wanted.contains(r.id())).toList(), store.now()));
        return wanted;
    }

    /** Adds a task report ({@code taskReportId} null) or replaces one of the task's. */
    public TaskViews.TaskReport save(Caller caller, String taskId, String taskReportId, TaskRequests.TaskReport request,
            String ifMatch) {
        if (request == null) {
            throw ApiException.badRequest("The request body is missing");
        }
        Parsed parsed = parse(request);
        Located<TaskDocument> located = store.editable(caller, taskId, Versions.expected(request.version(), ifMatch));
        TaskDocument task = located.asset();
        TaskReport existing = taskReportId == null ? null : find(task, taskReportId);
        if (existing == null && task.reports().size() >= MAX_PER_TASK) {
            throw ApiException.invalid("taskReportID", "a task has at most " + MAX_PER_TASK + " reports");
        }
        List<FieldError> errors = new ArrayList<>();
        TaskContent.Report report = content.reports(List.of(parsed.reportId())).get(parsed.reportId());
        if (report == null || !task.projectId().equals(report.projectId())) {
            throw ApiException.invalid("reportID", "is not a report of the task's project");
        }
        String format = report.outputFormats().stream().filter(f -> f.equalsIgnoreCase(parsed.format())).findFirst()
                .orElse(null);
        if (format == null) {
            errors.add(new FieldError("format", "must be one of " + String.join(", ", report.outputFormats()) + " for "
                    + article(report.type()) + " report"));
        } else {
            if (parsed.emailEmbedment() && !EMBEDDABLE.contains(format)) {
                errors.add(new FieldError("emailEmbedment", "only Html, Png and Jpeg files can be embedded in an email"));
            }
        }
        String openPassword = password(parsed.openProtected(), parsed.openPassword(),
                existing == null ? null : existing.openPassword(), format, "isOpenFilePasswordProtected",
                "fileOpenPassword", errors);
        String writePassword = password(parsed.writeProtected(), parsed.writePassword(),
                existing == null ? null : existing.writePassword(), format, "isWriteFilePasswordProtected",
                "fileWritePassword", errors);
        checkAssets(parsed.filterIds(), content.filters(parsed.filterIds()), task, report, "filters", "filter", errors);
        checkAssets(parsed.conditionIds(), content.conditions(parsed.conditionIds()), task, null, "conditions",
                "condition", errors);
        Map<String, TaskContent.StorageService> services = content.storageServices(
                parsed.storage().stream().map(TaskReport.StorageDelivery::storageServiceId).toList());
        for (int i = 0; i < parsed.storage().size(); i++) {
            TaskContent.StorageService service = services.get(parsed.storage().get(i).storageServiceId());
            if (service == null || !task.organizationId().equals(service.organizationId())) {
                errors.add(new FieldError("storageServices[" + i + "].id", "is not a storage service of the task's organization"));
            }
        }
        TaskReport.IterationOptions iteration = iteration(parsed.iteration(), task, report, errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        requireUse(located, AssetType.Report, report.id(), report.ownerId(), Permission.USE_REPORT);
        Map<String, TaskContent.Asset> filters = content.filters(parsed.filterIds());
        parsed.filterIds().forEach(id -> requireUse(located, AssetType.Filter, id, filters.get(id).ownerId(),
                Permission.USE_FILTER));
        Map<String, TaskContent.Asset> conditions = content.conditions(parsed.conditionIds());
        parsed.conditionIds().forEach(id -> requireUse(located, AssetType.Condition, id, conditions.get(id).ownerId(),
                Permission.USE_CONDITION));
        TaskReport saved = new TaskReport(existing == null ? UUID.randomUUID().toString() : existing.id(), report.id(),
                format, parsed.emailEmbedment(), parsed.emailAttachment(), parsed.filterIds(), parsed.conditionIds(),
                parsed.storage(), parsed.hub(), parsed.fileStorage(), iteration, parsed.separators(), openPassword,
                writePassword, parsed.imageQuality());
        List<TaskReport> reports = new ArrayList<>(task.reports());
        if (existing == null) {
            reports.add(saved);
        } else {
            reports.set(reports.indexOf(existing), saved);
        }
        return answers.report(store.save(task.withReports(reports, store.now())), saved);
    }

    private static TaskReport find(TaskDocument task, String taskReportId) {
        return task.reports().stream().filter(r -> r.id().equals(taskReportId)).findFirst()
                .orElseThrow(() -> ApiException.notFound("Task report " + taskReportId + " of the task"));
    }

    private void requireUse(Located<TaskDocument> located, AssetType type, String id, String ownerId, Permission flag) {
        if (!permissions.allows(located.subject(), located.projectRef(), new AssetRef(type, id, ownerId), flag)) {
            throw ApiException.forbidden("You do not have the '" + flag.flag() + "' permission on "
                    + type.name().toLowerCase() + " " + id);
        }
    }

    private static void checkAssets(List<String> ids, Map<String, TaskContent.Asset> found, TaskDocument task,
            TaskContent.Report report, String field, String what, List<FieldError> errors) {
        for (int i = 0; i < ids.size(); i++) {
            TaskContent.Asset asset = found.get(ids.get(i));
            if (asset == null || !task.projectId().equals(asset.projectId())) {
                errors.add(new FieldError(field + "[" + i + "].id", "is not a " + what + " of the task's project"));
            } else if (report != null && asset.appId() != null && !report.appIds().isEmpty()
                    && !report.appIds().contains(asset.appId())) {
                errors.add(new FieldError(field + "[" + i + "].id", "selects in an app the report does not use"));
            }
        }
    }

    /**
     * The stored (encrypted) password: a new one when given, the existing one when protection is kept
     * without a new password, none when protection is off.
     */
    private String password(Boolean protectedFlag, String given, String existing, String format, String flagField,
            String passwordField, List<FieldError> errors) {
        boolean hasNew = given != null && !given.isEmpty();
        boolean isProtected = protectedFlag != null ? protectedFlag : hasNew;
        if (!isProtected) {
            if (hasNew) {
                errors.add(new FieldError(passwordField, "is given while " + flagField + " is false"));
            }
            return null;
        }
        if (format != null && !PROTECTABLE.contains(format)) {
            errors.add(new FieldError(flagField, "only Pdf, Xlsx, Docx and Pptx files can be password-protected"));
            return null;
        }
        if (hasNew) {
            return cipher.encrypt(given);
        }
        if (existing == null) {
            errors.add(new FieldError(passwordField, "is required to protect the file"));
        }
        return existing;
    }

    private TaskReport.IterationOptions iteration(IterationInput in, TaskDocument task, TaskContent.Report report,
            List<FieldError> errors) {
        if (in.isDefault()) {
            return TaskReport.IterationOptions.NONE;
        }
        if (!report.isIteration()) {
            errors.add(new FieldError("iterationOptions", "the report has no iteration: these options do not apply"));
            return null;
        }
        return new TaskReport.IterationOptions(in.zipForEmail(), in.zipForFolder(), in.conditionPerValue(),
                variable(in.emailVariable(), task, report, "iterationOptions.emailVisibilityVariable", errors),
                variable(in.folderVariable(), task, report, "iterationOptions.folderVisibilityVariable", errors),
                variable(in.hubVariable(), task, report, "iterationOptions.hubVisibilityVariable", errors));
    }

    private VariableRef variable(String id, TaskDocument task, TaskContent.Report report, String field,
            List<FieldError> errors) {
        if (id == null) {
            return null;
        }
        return apps.variable(task.organizationId(), report.appIds(), id).orElseGet(() -> {
            errors.add(new FieldError(field, "is not a variable of the report's apps"));
            return null;
        });
    }

    private static String article(String type) {
        return type != null && "AEIOUaeiou".indexOf(type.charAt(0)) >= 0 || "HTML".equals(type) ? "an " + type : "a " + type;
    }

    // ---- the request, checked before anything is read ----

    record IterationInput(boolean zipForEmail, boolean zipForFolder, boolean conditionPerValue, String emailVariable,
            String folderVariable, String hubVariable) {
        boolean isDefault() {
            return !zipForEmail && !zipForFolder && !conditionPerValue && emailVariable == null && folderVariable == null
                    && hubVariable == null;
        }
    }

    record Parsed(String reportId, String format, boolean emailEmbedment, boolean emailAttachment, Boolean openProtected,
            String openPassword, Boolean writeProtected, String writePassword, int imageQuality, List<String> filterIds,
            List<String> conditionIds, List<TaskReport.StorageDelivery> storage, TaskReport.Hub hub,
            TaskReport.FileStorage fileStorage, TaskReport.Separators separators, IterationInput iteration) {}

    private static Parsed parse(TaskRequests.TaskReport r) {
        List<FieldError> errors = new ArrayList<>();
        String reportId = r.reportID() == null ? null : TaskInput.uuid(r.reportID()).orElse(null);
        if (reportId == null) {
            errors.add(new FieldError("reportID", r.reportID() == null ? "is required" : "must be a UUID"));
        }
        String format = TaskInput.text(r.format(), "format", 20, true, errors);
        if (r.emailEmbedment() == null) {
            errors.add(new FieldError("emailEmbedment", "is required"));
        }
        if (r.emailAttachment() == null) {
            errors.add(new FieldError("emailAttachment", "is required"));
        }
        for (String[] password : new String[][] {{r.fileOpenPassword(), "fileOpenPassword"},
                {r.fileWritePassword(), "fileWritePassword"}}) {
            if (password[0] != null && password[0].length() > TaskInput.MAX_PASSWORD) {
                errors.add(new FieldError(password[1], "must be at most " + TaskInput.MAX_PASSWORD + " characters"));
            }
        }
        Integer quality = TaskInput.range(r.imageQuality(), "imageQuality", 1, 100, false, errors);
        List<String> filterIds = filters(r.filters(), errors);
        List<String> conditionIds = new ArrayList<>();
        if (r.conditions() != null) {
            if (r.conditions().size() > MAX_CONDITIONS) {
                errors.add(new FieldError("conditions", "must list at most " + MAX_CONDITIONS + " conditions"));
            } else {
                for (int i = 0; i < r.conditions().size(); i++) {
                    TaskRequests.ReportCondition c = r.conditions().get(i);
                    String id = c == null ? null : TaskInput.uuid(c.id()).orElse(null);
                    if (id == null) {
                        errors.add(new FieldError("conditions[" + i + "].id", "must be a condition id"));
                    } else if (conditionIds.contains(id)) {
                        errors.add(new FieldError("conditions[" + i + "].id", "is listed twice"));
                    } else {
                        conditionIds.add(id);
                    }
                }
            }
        }
        List<TaskReport.StorageDelivery> storage = new ArrayList<>();
        if (r.storageServices() != null) {
            if (r.storageServices().size() > MAX_STORAGE_SERVICES) {
                errors.add(new FieldError("storageServices", "must list at most " + MAX_STORAGE_SERVICES + " storage services"));
            } else {
                Set<String> seen = new HashSet<>();
                for (int i = 0; i < r.storageServices().size(); i++) {
                    TaskRequests.ReportStorageService s = r.storageServices().get(i);
                    String id = s == null ? null : TaskInput.uuid(s.id()).orElse(null);
                    if (id == null) {
                        errors.add(new FieldError("storageServices[" + i + "].id", "must be a storage service id"));
                        continue;
                    }
                    String folder = TaskInput.folder(s.folder(), "storageServices[" + i + "].folder", errors);
                    if (!seen.add(id + "/" + folder)) {
                        errors.add(new FieldError("storageServices[" + i + "]", "is listed twice"));
                    }
                    storage.add(new TaskReport.StorageDelivery(id, folder));
                }
            }
        }
        TaskReport.Hub hub = TaskReport.Hub.NONE;
        if (r.hub() != null) {
            Integer retention = TaskInput.range(r.hub().retentionCount(), "hub.retentionCount", 1, 100, false, errors);
            hub = new TaskReport.Hub(Boolean.TRUE.equals(r.hub().publish()),
                    retention == null ? TaskReport.Hub.DEFAULT_RETENTION : retention);
        }
        TaskReport.FileStorage fileStorage = TaskReport.FileStorage.NONE;
        if (r.fileStorage() != null) {
            fileStorage = new TaskReport.FileStorage(Boolean.TRUE.equals(r.fileStorage().enabled()),
                    TaskInput.folder(r.fileStorage().folder(), "fileStorage.folder", errors));
        }
        TaskReport.Separators separators = separators(r.separatorOptions(), errors);
        IterationInput iteration = new IterationInput(false, false, false, null, null, null);
        if (r.iterationOptions() != null) {
            TaskRequests.IterationOptions it = r.iterationOptions();
            iteration = new IterationInput(Boolean.TRUE.equals(it.zipForEmail()), Boolean.TRUE.equals(it.zipForFolder()),
                    Boolean.TRUE.equals(it.conditionPerIterationValue()),
                    variableId(it.emailVisibilityVariable(), "iterationOptions.emailVisibilityVariable", errors),
                    variableId(it.folderVisibilityVariable(), "iterationOptions.folderVisibilityVariable", errors),
                    variableId(it.hubVisibilityVariable(), "iterationOptions.hubVisibilityVariable", errors));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return new Parsed(reportId, format, r.emailEmbedment(), r.emailAttachment(), r.isOpenFilePasswordProtected(),
                r.fileOpenPassword(), r.isWriteFilePasswordProtected(), r.fileWritePassword(),
                quality == null ? DEFAULT_IMAGE_QUALITY : quality, filterIds, List.copyOf(conditionIds), List.copyOf(storage),
                hub, fileStorage, separators, iteration);
    }

    /** The filter ids in application order: ascending {@code order}, ties (and missing orders, last) in list order. */
    private static List<String> filters(List<TaskRequests.ReportFilter> filters, List<FieldError> errors) {
        if (filters == null) {
            return List.of();
        }
        if (filters.size() > MAX_FILTERS) {
            errors.add(new FieldError("filters", "must list at most " + MAX_FILTERS + " filters"));
            return List.of();
        }
        record Ordered(String id, int order, int index) {}
        List<Ordered> ordered = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < filters.size(); i++) {
            TaskRequests.ReportFilter f = filters.get(i);
            String id = f == null ? null : TaskInput.uuid(f.id()).orElse(null);
            if (id == null) {
                errors.add(new FieldError("filters[" + i + "].id", "must be a filter id"));
            } else if (!seen.add(id)) {
                errors.add(new FieldError("filters[" + i + "].id", "is listed twice"));
            } else {
                ordered.add(new Ordered(id, f.order() == null ? Integer.MAX_VALUE : f.order(), i));
            }
        }
        ordered.sort(Comparator.comparingInt(Ordered::order).thenComparingInt(Ordered::index));
        return ordered.stream().map(Ordered::id).toList();
    }

    private static TaskReport.Separators separators(TaskRequests.SeparatorOptions options, List<FieldError> errors) {
        if (options == null) {
            return TaskReport.Separators.DEFAULT;
        }
        String decimal = options.numberDecimalSeparator() == null ? "." : options.numberDecimalSeparator();
        String group = options.numberGroupSeparator() == null ? "," : options.numberGroupSeparator();
        boolean valid = true;
        if (decimal.length() != 1 || Character.isLetterOrDigit(decimal.charAt(0)) || Character.isISOControl(decimal.charAt(0))) {
            errors.add(new FieldError("separatorOptions.numberDecimalSeparator", "must be one character, not a letter or digit"));
            valid = false;
        }
        if (group.length() > 1 || (group.length() == 1
                && (Character.isLetterOrDigit(group.charAt(0)) || Character.isISOControl(group.charAt(0))))) {
            errors.add(new FieldError("separatorOptions.numberGroupSeparator",
                    "must be one character (not a letter or digit) or empty"));
            valid = false;
        }
        if (valid && decimal.equals(group)) {
            errors.add(new FieldError("separatorOptions.numberGroupSeparator", "must differ from the decimal separator"));
        }
        return new TaskReport.Separators(decimal, group);
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
}
