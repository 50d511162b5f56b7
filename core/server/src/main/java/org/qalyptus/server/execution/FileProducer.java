package org.qalyptus.server.execution;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.qalyptus.render.DynamicName;
import org.qalyptus.render.IterationValues;
import org.qalyptus.render.ReportRenderer;
import org.qalyptus.render.ReportTemplate;
import org.qalyptus.server.report.ReportDocument;
import org.qalyptus.spi.app.AppModel.SelectionState;
import org.qalyptus.spi.app.AppSession;
import org.qalyptus.spi.render.OutputFormat;
import org.qalyptus.spi.render.RenderOptions;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Renders one document through the report engine (the path report previews use), names it with the report's
 * dynamic name, stores it in the bucket {@code outputs} and records it once per (execution, file key).
 */
@Component
class FileProducer {

    private final ReportRenderer renderer;
    private final OutputStore outputs;
    private final MongoTemplate mongo;

    FileProducer(ReportRenderer renderer, OutputStore outputs, MongoTemplate mongo) {
        this.renderer = renderer;
        this.outputs = outputs;
        this.mongo = mongo;
    }

    /** What to render. */
    record Job(String fileKey, String taskReportId, ReportDocument report, ReportTemplate template, AppSession session,
            SelectionState state, IterationValues iteration, OutputFormat format, RenderOptions options, int order) {}

    /** The files already recorded for an execution (a takeover resumes after them), by file key. */
    Map<String, ExecutionFile> recorded(String executionId) {
        Map<String, ExecutionFile> files = new java.util.HashMap<>();
        mongo.find(new Query(Criteria.where("executionId").is(executionId)), ExecutionFile.class)
                .forEach(f -> files.put(f.fileKey(), f));
        return files;
    }

    List<ExecutionFile> files(String executionId) {
        List<ExecutionFile> files = new ArrayList<>(mongo.find(new Query(Criteria.where("executionId").is(executionId)),
                ExecutionFile.class));
        files.sort(java.util.Comparator.comparingInt(ExecutionFile::order).thenComparing(ExecutionFile::fileName));
        return files;
    }

    /** The file name without extension. */
    String name(Job job, ZonedDateTime now) {
        DynamicName name = new DynamicName(job.report().dynamicNames().stream().map(FileProducer::part).toList(),
                job.report().dynamicNameSeparator());
        return name.resolve(job.session(), job.state(), job.iteration(), now, Locale.ROOT, job.report().name());
    }

    ExecutionFile produce(Run run, Job job, String fileName) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        renderer.render(job.template(), job.session(), job.state(), job.iteration(), job.format(), job.options(), out);
        byte[] content = out.toByteArray();
        String gridFsId = outputs.store(run.id(), fileName, job.format().mediaType(), new ByteArrayInputStream(content));
        ExecutionFile file = new ExecutionFile(UUID.randomUUID().toString(), run.id(), job.fileKey(), job.taskReportId(),
                job.report().id(), job.report().name(), fileName, job.format().mediaType(), content.length, gridFsId,
                job.iteration().values(), job.order(), java.time.Instant.now());
        try {
            mongo.insert(file);
            run.filesRecorded(true);
            return file;
        } catch (DuplicateKeyException recordedMeanwhile) {
            run.filesRecorded(true);
            outputs.delete(gridFsId);
            return mongo.findOne(new Query(Criteria.where("executionId").is(run.id()).and("fileKey").is(job.fileKey())),
                    ExecutionFile.class);
        }
    }

    private static DynamicName.Part part(ReportDocument.DynamicNamePart part) {
        return switch (part.type() == null ? "Text" : part.type()) {
            case "Field" -> new DynamicName.FieldValue(part.value());
            case "Variable" -> new DynamicName.Variable(part.value());
            case "Date" -> new DynamicName.Date(part.format() == null || part.format().isBlank() ? "yyyy-MM-dd" : part.format());
            default -> new DynamicName.Text(part.value() == null ? "" : part.value());
        };
    }
}
