package org.qalyptus.server.execution;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.qalyptus.server.asset.Located;
import org.qalyptus.server.asset.ProjectAssets;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.permission.Permission;
import org.qalyptus.server.render.OutputFormats;
import org.qalyptus.server.report.ReportDocument;
import org.qalyptus.server.report.ReportRendering;
import org.qalyptus.server.task.TaskDocument;
import org.qalyptus.server.web.ApiException;
import org.qalyptus.server.web.ApiResponse.FieldError;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Executions as the API sees them: queueing runs (manual, on demand, and for the scheduler and app events),
 * reading their status, logs and files, stopping, re-running and deleting them. What a caller may see is what
 * they may see of the task ({@code viewTask}) or report ({@code viewReport}); running, stopping and deleting
 * needs {@code runTask} / {@code runReport}.
 */
@Service
public class ExecutionService {

    static final int MAX_PAGE_SIZE = 500;
    static final int DEFAULT_PAGE_SIZE = 50;
    static final int ON_DEMAND_PRIORITY = 5;
    static final int MANUAL_PRIORITY = 5;

    private final ExecutionStore store;
    private final MongoTemplate mongo;
    private final ProjectAssets assets;
    private final OutputFormats formats;
    private final OutputStore outputs;
    private final FileProducer producer;
    private final DownloadLinks links;
    private final ReportRendering rendering;
    private final Workers workers;

    ExecutionService(ExecutionStore store, MongoTemplate mongo, ProjectAssets assets, OutputFormats formats,
            OutputStore outputs, FileProducer producer, DownloadLinks links, ReportRendering rendering, Workers workers) {
        this.store = store;
        this.mongo = mongo;
        this.assets = assets;
        this.formats = formats;
        this.outputs = outputs;
        this.producer = producer;
        this.links = links;
        this.rendering = rendering;
        this.workers = workers;
    }

    // ---- queueing ----

    /**
     * Queues a run of a task.
     *
     * @param id the execution id: random for manual runs, derived from the fire time for schedules and from the
     *     reload for app events, so that a fire claimed by two nodes is queued once
     * @return the execution, or empty when one with this id already exists
     */
    public Optional<ExecutionDocument> queueTask(String id, TaskDocument task, ExecutionDocument.Trigger trigger, int priority,
            String createdBy) {
        ExecutionDocument execution = new ExecutionDocument(id, ExecutionDocument.TASK, task.organizationId(),
                task.projectId(), task.id(), null, task.name(), trigger, ExecutionStatus.Queued.name(), priority, store.now(),
                null, null, 0, "Queued", null, null, null, false, 0, null, null, null, createdBy, null, 0, 0);
        if (!store.insert(execution)) {
            return Optional.empty();
        }
        workers.wake();
        return Optional.of(execution);
    }

    /** A queued execution of a schedule's fire time, not inserted (the scheduler inserts a scan's in one batch). */
    ExecutionDocument scheduled(String id, TaskDocument task, ExecutionDocument.Trigger trigger, int priority) {
        return new ExecutionDocument(id, ExecutionDocument.TASK, task.organizationId(), task.projectId(), task.id(), null,
                task.name(), trigger, ExecutionStatus.Queued.name(), priority, store.now(), null, null, 0, "Queued", null, null,
                null, false, 0, null, null, null, null, null, 0, 0);
    }

    /** Tells this node's workers that executions were queued. */
    void wakeWorkers() {
        workers.wake();
    }

    /** Whether the task has a run queued or running. */
    public boolean taskBusy(String taskId) {
        return store.taskBusy(taskId);
    }

    public ExecutionViews.Execution runTask(Caller caller, String taskId) {
        Located<TaskDocument> task = assets.require(caller, TaskDocument.KIND, taskId, TaskDocument.KIND.run());
        ExecutionDocument queued = queueTask(UUID.randomUUID().toString(), task.asset(),
                new ExecutionDocument.Trigger(ExecutionDocument.Trigger.MANUAL, null, null, caller.userId()), MANUAL_PRIORITY,
                caller.userId()).orElseThrow();
        return view(queued);
    }

    /** Body of {@code POST /reports/{id}/generate/{outputFormat}}. */
    public record GenerateRequest(List<ReportRendering.FieldSelection> selections, String appId, String bookmarkId) {}

    public ExecutionViews.Execution generate(Caller caller, String reportId, String outputFormat, GenerateRequest request) {
        Located<ReportDocument> located = assets.require(caller, ReportDocument.KIND, reportId, ReportDocument.KIND.run());
        ReportDocument report = located.asset();
        GenerateRequest given = request == null ? new GenerateRequest(null, null, null) : request;
        List<FieldError> errors = new ArrayList<>();
        String format = formats.byTypeId(outputFormat)
                .filter(f -> report.reportType().outputFormats().stream().anyMatch(a -> a.equalsIgnoreCase(f.typeId())))
                .map(f -> f.typeId()).orElse(null);
        if (format == null) {
            errors.add(new FieldError("outputFormat", "must be one of " + report.reportType().outputFormats() + " for a "
                    + report.reportType().wireName() + " report"));
        }
        if (given.appId() != null && !given.appId().isBlank() && !report.appIds().contains(given.appId())) {
            errors.add(new FieldError("appId", "is not one of the report's apps"));
        }
        List<ReportRendering.FieldSelection> selections = given.selections() == null ? List.of() : given.selections();
        if (selections.size() > 100) {
            errors.add(new FieldError("selections", "must list at most 100 fields"));
        }
        for (int i = 0; i < selections.size() && i < 100; i++) {
            ReportRendering.FieldSelection s = selections.get(i);
            if (s == null || (blank(s.fieldName()) && blank(s.qlikFieldID()))) {
                errors.add(new FieldError("selections[" + i + "].fieldName", "is required"));
            } else if (s.values() == null || s.values().isEmpty() || s.values().contains(null)) {
                errors.add(new FieldError("selections[" + i + "].values", "must list at least one value, none null"));
            }
        }
        if (given.bookmarkId() != null && given.bookmarkId().length() > 200) {
            errors.add(new FieldError("bookmarkId", "must be at most 200 characters"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        if (report.appIds().isEmpty()) {
            throw ApiException.conflict("Report '" + report.name() + "' draws from no app; set its qlikAppIDs first");
        }
        if (rendering.template(report).isEmpty()) {
            throw ApiException.conflict("Report '" + report.name() + "' has no template yet");
        }
        ExecutionDocument execution = new ExecutionDocument(UUID.randomUUID().toString(), ExecutionDocument.ON_DEMAND,
                report.organizationId(), report.projectId(), null, report.id(), report.name(),
                new ExecutionDocument.Trigger(ExecutionDocument.Trigger.ON_DEMAND, null, null, caller.userId()),
                ExecutionStatus.Queued.name(), ON_DEMAND_PRIORITY, store.now(), null, null, 0, "Queued", null, null, null, false,
                0, format, new ExecutionDocument.OnDemandRequest(selections, blank(given.appId()) ? null : given.appId(),
                        blank(given.bookmarkId()) ? null : given.bookmarkId()), null, caller.userId(), null, 0, 0);
        store.insert(execution);
        workers.wake();
        return view(execution);
    }

    // ---- reading ----

    /** A page of executions of one kind the caller may see, newest first. */
    public List<ExecutionViews.Execution> list(Caller caller, String kind, String taskOrReportId, String status,
            Instant from, Instant to, int page, int pageSize) {
        List<FieldError> errors = new ArrayList<>();
        if (page < 1) {
            errors.add(new FieldError("page", "must be 1 or more"));
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            errors.add(new FieldError("pageSize", "must be from 1 to " + MAX_PAGE_SIZE));
        }
        Criteria criteria = criteria(caller, kind, taskOrReportId, status, from, to, errors);
        return find(criteria, (long) (page - 1) * pageSize, pageSize);
    }

    /** What a GraphQL connection of executions needs: a window from any offset, and the total. */
    public record Window(List<ExecutionViews.Execution> items, long total) {}

    /** {@link #list}, from {@code offset} (0-based), with the total; the same rules and checks. */
    public Window window(Caller caller, String kind, String taskOrReportId, String status, Instant from, Instant to,
            long offset, int limit) {
        List<FieldError> errors = new ArrayList<>();
        Criteria criteria = criteria(caller, kind, taskOrReportId, status, from, to, errors);
        long total = mongo.count(new Query(criteria), ExecutionDocument.class);
        return new Window(find(criteria, offset, limit), total);
    }

    private List<ExecutionViews.Execution> find(Criteria criteria, long skip, int limit) {
        Query query = new Query(criteria).with(Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("_id")))
                .skip(skip).limit(limit);
        return mongo.find(query, ExecutionDocument.class).stream().map(this::view).toList();
    }

    private Criteria criteria(Caller caller, String kind, String taskOrReportId, String status, Instant from, Instant to,
            List<FieldError> errors) {
        String statusValue = null;
        if (status != null && !status.isBlank()) {
            statusValue = java.util.Arrays.stream(ExecutionStatus.values()).map(Enum::name)
                    .filter(s -> s.equalsIgnoreCase(status.trim())).findFirst().orElse(null);
            if (statusValue == null) {
                errors.add(new FieldError("status", "must be one of Queued, Running, Completed, Warning, Failed, Aborted"));
            }
        }
        if (from != null && to != null && to.isBefore(from)) {
            errors.add(new FieldError("to", "must not be before from"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        boolean task = ExecutionDocument.TASK.equals(kind);
        List<String> visible = task
                ? assets.visible(caller, TaskDocument.KIND, null).stream().map(l -> l.asset().id()).toList()
                : assets.visible(caller, ReportDocument.KIND, null).stream().map(l -> l.asset().id()).toList();
        String field = task ? "taskId" : "reportId";
        Criteria criteria = Criteria.where("kind").is(kind);
        if (taskOrReportId != null && !taskOrReportId.isBlank()) {
            criteria.and(field).is(visible.contains(taskOrReportId) ? taskOrReportId : "-");
        } else {
            criteria.and(field).in(visible);
        }
        if (statusValue != null) {
            criteria.and("status").is(statusValue);
        }
        if (from != null || to != null) {
            Criteria created = Criteria.where("createdAt");
            if (from != null) {
                created.gte(from);
            }
            if (to != null) {
                created.lte(to);
            }
            criteria.andOperator(created);
        }
        return criteria;
    }

    /**
     * One execution of the kind; for task executions {@code id} may also be a task id (its latest run).
     */
    public ExecutionViews.Execution get(Caller caller, String kind, String id) {
        return view(visible(caller, kind, id, false));
    }

    /** The execution with this id the caller may see (or, with {@code run}, run), of the kind when not null. */
    ExecutionDocument visible(Caller caller, String kind, String id, boolean run) {
        ExecutionDocument execution = store.find(id).orElse(null);
        if (execution == null && (kind == null || ExecutionDocument.TASK.equals(kind))) {
            execution = mongo.findOne(new Query(Criteria.where("taskId").is(id).and("kind").is(ExecutionDocument.TASK))
                    .with(Sort.by(Sort.Order.desc("createdAt"))), ExecutionDocument.class);
        }
        if (execution == null || (kind != null && !kind.equals(execution.kind()))) {
            throw ApiException.notFound((ExecutionDocument.ON_DEMAND.equals(kind) ? "On-demand request " : "Execution ") + id);
        }
        try {
            if (execution.isTask()) {
                Permission flag = run ? TaskDocument.KIND.run() : TaskDocument.KIND.view();
                assets.require(caller, TaskDocument.KIND, execution.taskId(), flag);
            } else {
                Permission flag = run ? ReportDocument.KIND.run() : ReportDocument.KIND.view();
                assets.require(caller, ReportDocument.KIND, execution.reportId(), flag);
            }
        } catch (ApiException e) {
            if (e.status().value() == 404) {
                throw ApiException.notFound("Execution " + id);
            }
            throw e;
        }
        return execution;
    }

    /**
     * A run's log ({@link LogChunk#LOG}) or SMTP log ({@link LogChunk#SMTP}) as text, for the caller who may see
     * the run; of {@code kind} ({@link ExecutionDocument#TASK}, {@link ExecutionDocument#ON_DEMAND}) or any when null.
     */
    public String log(Caller caller, String kind, String id, String logKind) {
        ExecutionDocument execution = visible(caller, kind, id, false);
        Query query = new Query(Criteria.where("executionId").is(execution.id()).and("kind").is(logKind))
                .with(Sort.by(Sort.Order.asc("at"), Sort.Order.asc("seq")));
        StringBuilder text = new StringBuilder();
        for (LogChunk chunk : mongo.find(query, LogChunk.class)) {
            chunk.lines().forEach(line -> text.append(line).append('\n'));
        }
        return text.toString();
    }

    // ---- run, stop, delete ----

    /**
     * Runs again: a task (by task id or one of its executions) gets a new execution; an on-demand request is
     * queued again with the same selections.
     */
    public ExecutionViews.Execution run(Caller caller, String id) {
        if (store.find(id).isEmpty() && mongo.findById(id, TaskDocument.class) != null) {
            return runTask(caller, id);
        }
        ExecutionDocument execution = visible(caller, null, id, true);
        if (execution.isTask()) {
            return runTask(caller, execution.taskId());
        }
        if (!execution.statusValue().isFinal()) {
            throw ApiException.conflict("The request is " + execution.status() + "; stop it first or wait for it to end");
        }
        removeOutputs(execution.id());
        if (!store.requeue(execution.id())) {
            throw ApiException.conflict("The request changed meanwhile; try again");
        }
        workers.wake();
        return view(store.find(execution.id()).orElseThrow());
    }

    public ExecutionViews.Execution stop(Caller caller, String id) {
        ExecutionDocument execution = visible(caller, null, id, true);
        if (execution.statusValue().isFinal()) {
            throw ApiException.conflict("The execution already ended (" + execution.status() + ")");
        }
        ExecutionDocument after = store.requestStop(execution.id()).orElseThrow(() -> ApiException.notFound("Execution " + id));
        workers.stop(execution.id());
        return view(after);
    }

    /** Stops the execution first (waiting a little for its node to honour it), then removes it and what it produced. */
    public void delete(Caller caller, String id) {
        ExecutionDocument execution = visible(caller, null, id, true);
        if (!execution.statusValue().isFinal()) {
            store.requestStop(execution.id());
            workers.stop(execution.id());
            long deadline = System.currentTimeMillis() + 10_000;
            while (System.currentTimeMillis() < deadline) {
                Optional<ExecutionDocument> now = store.find(execution.id());
                if (now.isEmpty() || now.get().statusValue().isFinal()) {
                    break;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        mongo.remove(new Query(Criteria.where("_id").is(execution.id())), ExecutionDocument.class);
        removeOutputs(execution.id());
    }

    private void removeOutputs(String executionId) {
        for (ExecutionFile file : producer.files(executionId)) {
            outputs.delete(file.gridFsId());
        }
        Query byExecution = new Query(Criteria.where("executionId").is(executionId));
        mongo.remove(byExecution, ExecutionFile.class);
        mongo.remove(byExecution, LogChunk.class);
        mongo.remove(byExecution, DeliveryDocument.class);
        mongo.remove(byExecution, HubEntry.class);
    }

    // ---- downloads ----

    /** The execution whose files a download gives: {@code id}'s own, or the run of the same source with {@code version}. */
    private ExecutionDocument withVersion(ExecutionDocument execution, Long version) {
        if (version == null || version.equals(execution.outputVersion())) {
            return execution;
        }
        Criteria source = execution.isTask() ? Criteria.where("taskId").is(execution.taskId())
                : Criteria.where("reportId").is(execution.reportId()).and("kind").is(ExecutionDocument.ON_DEMAND);
        ExecutionDocument found = mongo.findOne(new Query(source.and("outputVersion").is(version)), ExecutionDocument.class);
        if (found == null) {
            throw ApiException.notFound("Version " + version);
        }
        return found;
    }

    /** A signed link, valid {@link DownloadLinks#VALIDITY}, downloading the run's file under {@code baseUrl}. */
    public ExecutionViews.DownloadLink link(Caller caller, String id, String version, String baseUrl) {
        ExecutionDocument execution = withVersion(visible(caller, null, id, false), version(version));
        List<ExecutionFile> files = producer.files(execution.id());
        if (files.isEmpty()) {
            throw ApiException.notFound("A file of execution " + execution.id() + " (it produced none, or not yet)");
        }
        long v = execution.outputVersion() == null ? 0 : execution.outputVersion();
        Instant expires = store.now().plus(DownloadLinks.VALIDITY);
        String signature = links.sign(execution.id(), v, expires);
        String url = baseUrl + "/api/v1/status/" + execution.id() + "/download/signed?version=" + v + "&expires="
                + expires.getEpochSecond() + "&signature=" + signature;
        return new ExecutionViews.DownloadLink(url, expires, downloadName(execution, files), v);
    }

    /** What a download streams. */
    public record Download(String fileName, String mediaType, Long size, StreamWriter writer) {}

    @FunctionalInterface
    public interface StreamWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    Download stream(Caller caller, String id, String version) {
        return download(withVersion(visible(caller, null, id, false), version(version)));
    }

    Download signed(String id, String version, String expires, String signature) {
        long v;
        long until;
        try {
            v = Long.parseLong(version);
            until = Long.parseLong(expires);
        } catch (NumberFormatException | NullPointerException e) {
            throw ApiException.unauthorized("The download link is not valid");
        }
        if (!links.valid(id, v, until, signature, store.now())) {
            throw ApiException.unauthorized("The download link is not valid or has expired");
        }
        return download(store.find(id).orElseThrow(() -> ApiException.notFound("Execution " + id)));
    }

    private Download download(ExecutionDocument execution) {
        List<ExecutionFile> files = producer.files(execution.id());
        if (files.isEmpty()) {
            throw ApiException.notFound("A file of execution " + execution.id() + " (it produced none, or not yet)");
        }
        if (files.size() == 1) {
            ExecutionFile file = files.get(0);
            return new Download(file.fileName(), file.mediaType(), file.size(), out -> {
                try (InputStream in = outputs.open(file.gridFsId())) {
                    in.transferTo(out);
                }
            });
        }
        return new Download(downloadName(execution, files), "application/zip", null, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            java.util.Set<String> names = new java.util.HashSet<>();
            for (ExecutionFile file : files) {
                String entry = file.fileName();
                for (int n = 2; !names.add(entry); n++) {
                    entry = TaskRunner.baseName(file.fileName()) + " (" + n + ")"
                            + file.fileName().substring(TaskRunner.baseName(file.fileName()).length());
                }
                zip.putNextEntry(new ZipEntry(entry));
                try (InputStream in = outputs.open(file.gridFsId())) {
                    in.transferTo(zip);
                }
                zip.closeEntry();
            }
            zip.finish();
        });
    }

    private static String downloadName(ExecutionDocument execution, List<ExecutionFile> files) {
        return files.size() == 1 ? files.get(0).fileName()
                : org.qalyptus.render.DynamicName.safeFileName(execution.name()) + ".zip";
    }

    private static Long version(String version) {
        if (version == null || version.isBlank()) {
            return null;
        }
        try {
            long v = Long.parseLong(version.trim());
            if (v < 1) {
                throw ApiException.invalid("version", "must be 1 or more");
            }
            return v;
        } catch (NumberFormatException e) {
            throw ApiException.invalid("version", "must be a version number");
        }
    }

    ExecutionViews.Execution view(ExecutionDocument execution) {
        return ExecutionViews.of(execution, producer.files(execution.id()));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    static String text(String value) {
        return value == null ? "" : value.toLowerCase(Locale.ROOT);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static void unchecked(IOException e) {
        throw new UncheckedIOException(e);
    }
}
