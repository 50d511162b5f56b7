package org.qalyptus.server.execution;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.qalyptus.render.BurstSession;
import org.qalyptus.render.IterationValues;
import org.qalyptus.render.Iterations;
import org.qalyptus.render.ReportTemplate;
import org.qalyptus.server.app.AppService;
import org.qalyptus.server.condition.ConditionDocument;
import org.qalyptus.server.filter.FilterDocument;
import org.qalyptus.server.render.OutputFormats;
import org.qalyptus.server.report.ReportDocument;
import org.qalyptus.server.report.ReportRendering;
import org.qalyptus.server.secret.SecretCipher;
import org.qalyptus.server.task.TaskDocument;
import org.qalyptus.server.task.TaskEmail;
import org.qalyptus.server.task.TaskReport;
import org.qalyptus.server.task.VariableRef;
import org.qalyptus.server.web.ApiException;
import org.qalyptus.spi.ExtensionException;
import org.qalyptus.spi.app.AppModel.SelectionState;
import org.qalyptus.spi.app.AppModel.VariableInfo;
import org.qalyptus.spi.app.AppSession;
import org.qalyptus.spi.render.OutputFormat;
import org.qalyptus.spi.render.RenderOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The run flow of a task execution. For each task report: open the app, apply the filters in order,
 * evaluate the conditions (once, or per iteration value), render every iteration value not rendered yet,
 * store the files; then deliver each file to storage services, the hub and the file storage folder, each
 * delivery recorded once. Emails come last, for every task report's files. A task whose reports were all
 * skipped by their conditions ends with a warning.
 */
@Component
class TaskRunner {

    private final MongoTemplate mongo;
    private final AppService apps;
    private final ReportRendering rendering;
    private final OutputFormats formats;
    private final FileProducer producer;
    private final OutputStore outputs;
    private final DeliverySteps steps;
    private final HubPublisher hub;
    private final SecretCipher cipher;
    private final ExecutionProperties properties;
    private final List<TaskStep> finalSteps;

    TaskRunner(MongoTemplate mongo, AppService apps, ReportRendering rendering, OutputFormats formats, FileProducer producer,
            OutputStore outputs, DeliverySteps steps, HubPublisher hub, SecretCipher cipher, ExecutionProperties properties,
            List<TaskStep> finalSteps) {
        this.mongo = mongo;
        this.apps = apps;
        this.rendering = rendering;
        this.formats = formats;
        this.producer = producer;
        this.outputs = outputs;
        this.steps = steps;
        this.hub = hub;
        this.cipher = cipher;
        this.properties = properties;
        this.finalSteps = finalSteps;
    }

    /** Keys of {@link ProducedReport#values()}: what a per-value variable is used for. */
    static final String EMAIL = "email";
    static final String FOLDER = "folder";
    static final String HUB = "hub";
    static final String CC = "cc";
    static final String BCC = "bcc";

    /** A step run after every task report was rendered and delivered (the email step). */
    interface TaskStep {
        /**
         * @param taskValues the task email's Cc/Bcc variables ({@link #CC}, {@link #BCC}) read in their app without
         *     selections: used for the files whose report did not read them under its own selections
         */
        void run(Run run, TaskDocument task, List<ProducedReport> reports, Map<String, String> taskValues);
    }

    /**
     * What one task report produced in this run.
     *
     * @param files per iteration value (one without iteration), in order
     * @param values the variable values read per file key for per-value options (name to value)
     */
    record ProducedReport(TaskReport taskReport, ReportDocument report, List<ExecutionFile> files,
            Map<String, Map<String, String>> values) {}

    /** @return how the run ended (Completed, Warning or Failed) */
    ExecutionStatus run(Run run) {
        TaskDocument task = mongo.findById(run.execution.taskId(), TaskDocument.class);
        if (task == null) {
            run.log.error("The task no longer exists");
            return ExecutionStatus.Failed;
        }
        run.task(task);
        run.log.info("Task '" + task.name() + "' started on node " + run.node + " (claim " + run.execution.claims()
                + ", trigger " + run.execution.trigger().type() + ")");
        if (task.reports().isEmpty()) {
            if (run.execution.claims() == 1) {
                run.filesRecorded(false); // claimed once: no earlier attempt recorded any
            }
            run.log.warn("The task has no report");
            return ExecutionStatus.Warning;
        }
        if (run.execution.claims() > 1) {
            int removed = steps.removeTemporaryFiles(run);
            if (removed > 0) {
                run.log.info("Removed " + removed + " temporary file(s) an earlier attempt left in the file storage folder");
            }
        }
        Map<String, ExecutionFile> recorded = producer.recorded(run.id());
        run.filesRecorded(!recorded.isEmpty()); // FileProducer.produce sets it when it records one
        if (!recorded.isEmpty()) {
            run.log.info("Resuming: " + recorded.size() + " file(s) were rendered by an earlier attempt and are not rendered again");
        }
        Map<String, AppSession> sessions = new HashMap<>();
        List<ProducedReport> produced = new ArrayList<>();
        Map<String, String> taskValues = new HashMap<>();
        int skipped = 0;
        try {
            for (int index = 0; index < task.reports().size(); index++) {
                run.checkpoint();
                TaskReport taskReport = task.reports().get(index);
                int from = index * 100 / task.reports().size();
                int to = (index + 1) * 100 / task.reports().size();
                ProducedReport result = runReport(run, task, taskReport, index, from, to, recorded, sessions);
                if (result == null) {
                    continue;
                }
                if (result.files().isEmpty()) {
                    skipped++;
                    continue;
                }
                produced.add(result);
                deliver(run, task, result);
            }
            if (!produced.isEmpty()) {
                taskValues.putAll(ccBccVariables(run, task, sessions));
            }
        } finally {
            // what the connectors say about how they answered (which way chart images were made), then close
            sessions.values().forEach(session -> session.takeNotes().forEach(run.log::info));
            sessions.values().forEach(AppSession::close);
        }
        for (TaskStep step : finalSteps) {
            run.checkpoint();
            step.run(run, task, produced, taskValues);
        }
        if (run.log.errors() > 0) {
            return ExecutionStatus.Failed;
        }
        if (skipped == task.reports().size()) {
            run.log.warn("Every report of the task was skipped by its conditions");
            return ExecutionStatus.Warning;
        }
        return run.log.warnings() > 0 ? ExecutionStatus.Warning : ExecutionStatus.Completed;
    }

    /** @return null after an error (logged), a result without files when the conditions skipped it */
    private ProducedReport runReport(Run run, TaskDocument task, TaskReport taskReport, int index, int from, int to,
            Map<String, ExecutionFile> recorded, Map<String, AppSession> sessions) {
        ReportDocument report = mongo.findById(taskReport.reportId(), ReportDocument.class);
        if (report == null) {
            run.log.error("Task report " + (index + 1) + ": its report no longer exists");
            return null;
        }
        String label = "Report '" + report.name() + "'";
        run.progress(from, "Rendering " + report.name());
        OutputFormat format = formats.byTypeId(taskReport.format()).orElse(null);
        if (format == null) {
            run.log.error(label + ": no output format " + taskReport.format() + " is installed");
            return null;
        }
        ReportTemplate template = rendering.template(report).orElse(null);
        if (template == null) {
            run.log.error(label + " has no template");
            return null;
        }
        if (report.appIds().isEmpty()) {
            run.log.error(label + " draws from no app");
            return null;
        }
        String appId = report.appIds().get(0);
        Function<String, AppSession> open = id -> sessions.computeIfAbsent(id, a -> apps.open(task.organizationId(), a));
        try {
            AppSession session = open.apply(appId);
            List<FilterDocument> filters = inOrder(taskReport.filterIds(), FilterDocument.class);
            SelectionState state = TaskSelections.apply(session, appId, filters, run.log);
            List<ConditionDocument> conditions = inOrder(taskReport.conditionIds(), ConditionDocument.class);
            boolean perValue = taskReport.iterationOptions().conditionPerIterationValue() && report.isIteration();
            if (!conditions.isEmpty() && !perValue) {
                ConditionEvaluator.Outcome outcome = ConditionEvaluator.evaluate(conditions, appId, state, open);
                if (!outcome.holds()) {
                    run.log.info(label + " skipped: " + outcome.reason());
                    return new ProducedReport(taskReport, report, List.of(), Map.of());
                }
                run.log.info(label + ": its conditions hold");
            }
            List<IterationValues> iterations = report.isIteration()
                    ? Iterations.combinations(session, state, iterationFields(report, appId), properties.maxIterations())
                    : List.of(IterationValues.NONE);
            if (report.isIteration()) {
                run.log.info(label + ": " + iterations.size() + " iteration value(s)");
            }
            AppSession renderSession = burstSession(session, state, iterationFields(report, appId), iterations);
            PerValueVariables variables = new PerValueVariables(session, state, iterationFields(report, appId), iterations,
                    wantedVariables(appId, taskReport, task.email()));
            RenderOptions options = options(taskReport);
            ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
            List<ExecutionFile> files = new ArrayList<>();
            Map<String, Map<String, String>> values = new LinkedHashMap<>();
            Set<String> names = new HashSet<>();
            int rendered = 0;
            for (int i = 0; i < iterations.size(); i++) {
                run.checkpoint();
                IterationValues iteration = iterations.get(i);
                String fileKey = FileKeys.of(taskReport.id(), iteration.values());
                SelectionState valueState = iteration.applyTo(state);
                if (perValue && !conditions.isEmpty()) {
                    ConditionEvaluator.Outcome outcome = ConditionEvaluator.evaluate(conditions, appId, valueState, open);
                    if (!outcome.holds()) {
                        run.log.info(label + " " + iteration.values() + " skipped: " + outcome.reason());
                        continue;
                    }
                }
                values.put(fileKey, variables.of(iteration, valueState));
                ExecutionFile file = recorded.get(fileKey);
                if (file == null) {
                    FileProducer.Job job = new FileProducer.Job(fileKey, taskReport.id(), report, template, renderSession, state,
                            iteration, format, options, index * 1_000_000 + i);
                    String fileName = unique(producer.name(job, now), names) + "." + format.fileExtension();
                    file = producer.produce(run, job, fileName);
                    rendered++;
                } else {
                    names.add(baseName(file.fileName()));
                }
                files.add(file);
                run.progress(from + (to - from) * (i + 1) / Math.max(1, iterations.size()) * 9 / 10,
                        "Rendering " + report.name() + " (" + (i + 1) + "/" + iterations.size() + ")");
            }
            run.log.info(label + ": " + rendered + " file(s) rendered as " + format.typeId()
                    + (files.size() > rendered ? ", " + (files.size() - rendered) + " kept from an earlier attempt" : ""));
            if (files.isEmpty()) {
                run.log.info(label + ": every iteration value was skipped by the conditions");
            }
            return new ProducedReport(taskReport, report, files, values);
        } catch (TaskSelections.EmptySelection e) {
            run.log.error(label + ": " + e.getMessage());
            return null;
        } catch (ApiException e) {
            run.log.error(label + ": " + e.getMessage());
            return null;
        } catch (ExtensionException e) {
            run.log.error(label + " cannot be rendered: " + e.getMessage());
            return null;
        } catch (IllegalStateException | IllegalArgumentException e) {
            run.log.error(label + ": " + e.getMessage());
            return null;
        }
    }

    private void deliver(Run run, TaskDocument task, ProducedReport result) {
        TaskReport taskReport = result.taskReport();
        TaskReport.IterationOptions iteration = taskReport.iterationOptions();
        List<DeliverySteps.Payload> forStorage = new ArrayList<>();
        if (iteration.zipForFolder() && result.files().size() > 1) {
            forStorage.add(zip(run, FileKeys.zip(taskReport.id()), result.report().name(), result.files()));
        } else {
            result.files().forEach(f -> forStorage.add(payload(f)));
        }
        for (DeliverySteps.Payload payload : forStorage) {
            String valueFolder = result.values().getOrDefault(payload.fileKey(), Map.of()).get(FOLDER);
            for (TaskReport.StorageDelivery delivery : taskReport.storageServices()) {
                run.checkpoint();
                steps.toStorage(run, delivery.storageServiceId(), join(delivery.folder(), valueFolder), payload);
            }
            if (taskReport.fileStorage().enabled()) {
                run.checkpoint();
                steps.toFolder(run, join(taskReport.fileStorage().folder(), valueFolder), payload);
            }
        }
        if (taskReport.hub().publish()) {
            for (ExecutionFile file : result.files()) {
                run.checkpoint();
                String visible = result.values().getOrDefault(file.fileKey(), Map.of()).get(HUB);
                if (iteration.hubVisibilityVariable() != null && (visible == null || visible.isBlank())) {
                    run.log.info("'" + file.fileName() + "' not published on the hub: no one may see it for this value");
                    continue;
                }
                hub.publish(run, task, taskReport, file, visible == null ? List.of() : Addresses.split(visible));
            }
            hub.retain(run, task.id(), taskReport.id(), taskReport.hub().retentionCount());
        }
    }

    DeliverySteps.Payload payload(ExecutionFile file) {
        return new DeliverySteps.Payload(file.fileKey(), file.fileName(), file.mediaType(), file.size(),
                () -> outputs.open(file.gridFsId()));
    }

    /** The files in one zip, built in memory (names made unique inside it). */
    DeliverySteps.Payload zip(Run run, String key, String name, List<ExecutionFile> files) {
        return Zips.payload(outputs, key, name, files);
    }

    /**
     * The per-value variables a delivery needs, by use: email recipients, folder, hub visibility, and the task email's
     * Cc/Bcc variables when they are variables of this report's app (those of another app are read by the email step
     * without selections).
     */
    private static Map<String, VariableRef> wantedVariables(String appId, TaskReport taskReport, TaskEmail email) {
        TaskReport.IterationOptions options = taskReport.iterationOptions();
        Map<String, VariableRef> wanted = new LinkedHashMap<>();
        if (options.emailVisibilityVariable() != null) {
            wanted.put(EMAIL, options.emailVisibilityVariable());
        }
        if (options.folderVisibilityVariable() != null) {
            wanted.put(FOLDER, options.folderVisibilityVariable());
        }
        if (options.hubVisibilityVariable() != null) {
            wanted.put(HUB, options.hubVisibilityVariable());
        }
        if (email != null && email.ccBcc()) {
            if (inApp(email.ccQlikVariable(), appId)) {
                wanted.put(CC, email.ccQlikVariable());
            }
            if (inApp(email.bccQlikVariable(), appId)) {
                wanted.put(BCC, email.bccQlikVariable());
            }
        }
        return wanted;
    }

    /**
     * Reads the wanted variables under each iteration value's state, and only those. For a burst over one field they are
     * read for every value at once when first asked ({@link AppSession#variablesPerValue}: one grouped evaluation in
     * the connectors that can), not once per value.
     */
    private static final class PerValueVariables {
        private final AppSession session;
        private final SelectionState state;
        private final String burstField;
        private final List<IterationValues> iterations;
        private final Map<String, VariableRef> wanted;
        private final List<String> names;
        private Map<String, List<VariableInfo>> perValue;

        PerValueVariables(AppSession session, SelectionState state, List<String> fields, List<IterationValues> iterations,
                Map<String, VariableRef> wanted) {
            this.session = session;
            this.state = state;
            this.burstField = fields.size() == 1 && iterations.size() > 1 ? fields.get(0) : null;
            this.iterations = iterations;
            this.wanted = wanted;
            this.names = wanted.values().stream().map(VariableRef::name).distinct().toList();
        }

        /** @param valueState {@code iteration} applied to the report's state */
        Map<String, String> of(IterationValues iteration, SelectionState valueState) {
            if (wanted.isEmpty()) {
                return Map.of();
            }
            List<VariableInfo> variables = null;
            if (burstField != null && iteration.values().size() == 1 && iteration.values().containsKey(burstField)) {
                if (perValue == null) {
                    perValue = session.variablesPerValue(names, state, burstField,
                            iterations.stream().map(i -> i.values().get(burstField)).toList());
                }
                variables = perValue.get(iteration.values().get(burstField));
            }
            if (variables == null) {
                variables = session.variables(names, valueState);
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (Map.Entry<String, VariableRef> use : wanted.entrySet()) {
                for (VariableInfo v : variables) {
                    if (v.name().equals(use.getValue().name())) {
                        values.put(use.getKey(), v.value() == null ? "" : v.value());
                        break;
                    }
                }
            }
            return values;
        }
    }

    /** The task email's Cc/Bcc variables read in their own app without selections. */
    private Map<String, String> ccBccVariables(Run run, TaskDocument task, Map<String, AppSession> sessions) {
        TaskEmail email = task.email();
        Map<String, String> values = new HashMap<>();
        if (email == null || !email.isActive() || !email.ccBcc()) {
            return values;
        }
        Map<String, VariableRef> wanted = new LinkedHashMap<>();
        if (email.ccQlikVariable() != null && email.ccQlikVariable().appId() != null) {
            wanted.put(CC, email.ccQlikVariable());
        }
        if (email.bccQlikVariable() != null && email.bccQlikVariable().appId() != null) {
            wanted.put(BCC, email.bccQlikVariable());
        }
        wanted.forEach((use, ref) -> {
            try {
                AppSession session = sessions.computeIfAbsent(ref.appId(), a -> apps.open(task.organizationId(), a));
                session.variables(List.of(ref.name()), SelectionState.EMPTY).stream().filter(v -> v.name().equals(ref.name())).findFirst()
                        .ifPresentOrElse(v -> values.put(use, v.value() == null ? "" : v.value()),
                                () -> run.log.warn("The " + use + " variable '" + ref.name() + "' does not exist in its app"));
            } catch (ApiException | ExtensionException | IllegalStateException e) {
                run.log.warn("The " + use + " variable '" + ref.name() + "' cannot be read: " + e.getMessage());
            }
        });
        return values;
    }

    static boolean inApp(VariableRef ref, String appId) {
        return ref != null && ref.name() != null && (ref.appId() == null || ref.appId().equals(appId));
    }

    private RenderOptions options(TaskReport taskReport) {
        String decimal = taskReport.separatorOptions().numberDecimalSeparator();
        String group = taskReport.separatorOptions().numberGroupSeparator();
        return new RenderOptions(secret(taskReport.openPassword()), secret(taskReport.writePassword()),
                Math.max(1, Math.min(100, taskReport.imageQuality() == 0 ? 90 : taskReport.imageQuality())),
                decimal == null || decimal.isEmpty() ? '.' : decimal.charAt(0),
                group == null || group.isEmpty() ? null : group.charAt(0), ',', Locale.ROOT, Duration.ofMinutes(5), 512L << 20);
    }

    private String secret(String stored) {
        return stored == null || stored.isEmpty() ? null : cipher.decrypt(stored);
    }

    private <T> List<T> inOrder(List<String> ids, Class<T> type) {
        List<T> found = new ArrayList<>();
        for (String id : ids) {
            T document = mongo.findById(id, type);
            if (document == null) {
                throw new IllegalStateException(type.getSimpleName().replace("Document", "").toLowerCase(Locale.ROOT) + " " + id
                        + " no longer exists");
            }
            found.add(document);
        }
        return found;
    }

    /**
     * For a burst over one field, a session that evaluates each object once for all the burst's values instead of once
     * per value; otherwise the session itself.
     */
    private static AppSession burstSession(AppSession session, SelectionState state, List<String> fields,
            List<IterationValues> iterations) {
        if (fields.size() != 1 || iterations.size() < 2) {
            return session;
        }
        String field = fields.get(0);
        return new BurstSession(session, state, field, iterations.stream().map(i -> i.values().get(field)).toList());
    }

    private static List<String> iterationFields(ReportDocument report, String appId) {
        return report.iterationFields().stream().filter(f -> f.appId() == null || f.appId().equals(appId))
                .map(ReportDocument.IterationField::fieldName).toList();
    }

    private static String unique(String name, Set<String> taken) {
        String candidate = name;
        for (int n = 2; !taken.add(candidate); n++) {
            candidate = name + " (" + n + ")";
        }
        return candidate;
    }

    static String baseName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? fileName : fileName.substring(0, dot);
    }

    private static String join(String base, String sub) {
        String a = base == null ? "" : base.trim();
        String b = sub == null ? "" : sub.trim();
        if (a.isEmpty()) {
            return b;
        }
        return b.isEmpty() ? a : a.replaceAll("/+$", "") + "/" + b.replaceAll("^/+", "");
    }

    static boolean same(Object a, Object b) {
        return Objects.equals(a, b);
    }
}
