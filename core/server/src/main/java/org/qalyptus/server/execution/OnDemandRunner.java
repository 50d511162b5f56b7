package org.qalyptus.server.execution;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.time.Duration;
import org.qalyptus.render.IterationValues;
import org.qalyptus.render.ReportTemplate;
import org.qalyptus.server.app.AppService;
import org.qalyptus.server.render.OutputFormats;
import org.qalyptus.server.report.ReportDocument;
import org.qalyptus.server.report.ReportRendering;
import org.qalyptus.server.web.ApiException;
import org.qalyptus.spi.ExtensionException;
import org.qalyptus.spi.app.AppModel.SelectionState;
import org.qalyptus.spi.app.AppSession;
import org.qalyptus.spi.render.OutputFormat;
import org.qalyptus.spi.render.RenderOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** The run of an on-demand request: the report rendered once under the caller's selections, stored for download. */
@Component
class OnDemandRunner {

    private final MongoTemplate mongo;
    private final AppService apps;
    private final ReportRendering rendering;
    private final OutputFormats formats;
    private final FileProducer producer;

    OnDemandRunner(MongoTemplate mongo, AppService apps, ReportRendering rendering, OutputFormats formats,
            FileProducer producer) {
        this.mongo = mongo;
        this.apps = apps;
        this.rendering = rendering;
        this.formats = formats;
        this.producer = producer;
    }

    ExecutionStatus run(Run run) {
        ExecutionDocument execution = run.execution;
        ReportDocument report = mongo.findById(execution.reportId(), ReportDocument.class);
        if (report == null) {
            run.log.error("The report no longer exists");
            return ExecutionStatus.Failed;
        }
        if (!producer.recorded(run.id()).isEmpty()) {
            run.log.info("The file was rendered by an earlier attempt");
            return ExecutionStatus.Completed;
        }
        OutputFormat format = formats.byTypeId(execution.outputFormat()).orElse(null);
        ReportTemplate template = rendering.template(report).orElse(null);
        if (format == null || template == null) {
            run.log.error(format == null ? "No output format " + execution.outputFormat() + " is installed"
                    : "Report '" + report.name() + "' has no template");
            return ExecutionStatus.Failed;
        }
        ExecutionDocument.OnDemandRequest request = execution.request();
        String appId = request.appId() == null || request.appId().isBlank() ? report.appIds().get(0) : request.appId();
        run.progress(10, "Rendering " + report.name());
        try (AppSession session = apps.open(execution.organizationId(), appId)) {
            SelectionState state = ReportRendering.selectionState(appId, session.fields(),
                    new ReportRendering.PreviewRequest(request.selections(), appId, request.bookmarkId(), null));
            if (state.bookmarkId() != null) {
                SelectionState marked = session.bookmarkSelections(state.bookmarkId());
                java.util.Map<String, java.util.List<String>> fields = new java.util.LinkedHashMap<>(marked.fields());
                fields.putAll(state.fields());
                state = new SelectionState(fields, marked.variables(), null);
            }
            RenderOptions options = new RenderOptions(null, null, 90, '.', ',', ',', Locale.ROOT, Duration.ofMinutes(5),
                    512L << 20);
            FileProducer.Job job = new FileProducer.Job("request", null, report, template, session, state,
                    IterationValues.NONE, format, options, 0);
            String fileName = producer.name(job, ZonedDateTime.now(ZoneOffset.UTC)) + "." + format.fileExtension();
            run.checkpoint();
            ExecutionFile file = producer.produce(run, job, fileName);
            run.log.info("'" + file.fileName() + "' rendered (" + file.size() + " bytes)");
            return ExecutionStatus.Completed;
        } catch (ApiException | ExtensionException | IllegalStateException e) {
            run.log.error("Report '" + report.name() + "' cannot be rendered: " + e.getMessage());
            return ExecutionStatus.Failed;
        }
    }
}
