package org.qalyptus.server.report;

import com.mongodb.MongoGridFSException;
import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.gridfs.model.GridFSFile;
import com.mongodb.client.gridfs.model.GridFSUploadOptions;
import com.mongodb.client.model.Filters;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.bson.BsonString;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Report template files in the GridFS bucket {@code templates} (shared by every node), one current file
 * per report, named by the report's {@code templateFileId}. Files carry the report id in their metadata
 * so that files no report points at (a replaced file whose deletion was cut short, the templates of a
 * deleted project) can be found and removed by {@link #sweep}.
 */
@Component
class TemplateStore {

    static final String BUCKET = "templates";
    private static final Logger log = LoggerFactory.getLogger(TemplateStore.class);

    private final MongoTemplate mongo;
    private volatile GridFSBucket bucket;

    TemplateStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    private GridFSBucket bucket() {
        GridFSBucket current = bucket;
        if (current == null) {
            current = GridFSBuckets.create(mongo.getDb(), BUCKET);
            bucket = current;
        }
        return current;
    }

    /** A stored template: its bytes and what was recorded with them. */
    record StoredFile(String id, String fileName, String mediaType, byte[] content) {}

    /** Stores a new file for the report; returns its id (not yet the report's current template). */
    String store(ReportDocument report, String fileName, String mediaType, InputStream content) {
        String id = UUID.randomUUID().toString();
        Document metadata = new Document("reportId", report.id()).append("projectId", report.projectId())
                .append("organizationId", report.organizationId()).append("contentType", mediaType);
        bucket().uploadFromStream(new BsonString(id), fileName, content, new GridFSUploadOptions().metadata(metadata));
        return id;
    }

    String store(ReportDocument report, String fileName, String mediaType, byte[] content) {
        return store(report, fileName, mediaType, new ByteArrayInputStream(content));
    }

    String store(ReportDocument report, String fileName, String mediaType, Path content) {
        try (InputStream in = Files.newInputStream(content)) {
            return store(report, fileName, mediaType, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file, or empty when it does not exist (any more). */
    Optional<StoredFile> read(String fileId) {
        if (fileId == null) {
            return Optional.empty();
        }
        GridFSFile file = bucket().find(Filters.eq("_id", new BsonString(fileId))).first();
        if (file == null) {
            return Optional.empty();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(file.getLength(), Integer.MAX_VALUE - 8));
        try {
            bucket().downloadToStream(new BsonString(fileId), out);
        } catch (MongoGridFSException deletedMeanwhile) {
            return Optional.empty();
        }
        Document metadata = file.getMetadata() == null ? new Document() : file.getMetadata();
        return Optional.of(new StoredFile(fileId, file.getFilename(), metadata.getString("contentType"), out.toByteArray()));
    }

    /** Copies a file for another report (a duplicate); returns the copy's id, or null when the source is gone. */
    String copy(String fileId, ReportDocument target) {
        return read(fileId).map(file -> store(target, file.fileName(), file.mediaType(), file.content())).orElse(null);
    }

    /** Deletes a file; a file already gone is fine (deletions are retried and may race). */
    void delete(String fileId) {
        if (fileId == null) {
            return;
        }
        try {
            bucket().delete(new BsonString(fileId));
        } catch (MongoGridFSException alreadyGone) {
            // nothing to do
        } catch (RuntimeException e) {
            log.warn("Template file {} could not be deleted now; the sweep removes it later: {}", fileId, e.toString());
        }
    }

    /**
     * Removes the files uploaded before {@code uploadedBefore} that no report points at: the report is gone
     * or its {@code templateFileId} names another file. Files newer than that may still be on their way to
     * becoming a report's template (an upload or a duplication in progress) and are left alone.
     *
     * @return how many files were removed
     */
    int sweep(Instant uploadedBefore) {
        int removed = 0;
        List<GridFSFile> batch = new ArrayList<>();
        for (GridFSFile file : bucket().find(Filters.lt("uploadDate", Date.from(uploadedBefore)))) {
            batch.add(file);
            if (batch.size() == 500) {
                removed += sweepBatch(batch);
                batch.clear();
            }
        }
        return removed + sweepBatch(batch);
    }

    private int sweepBatch(List<GridFSFile> files) {
        if (files.isEmpty()) {
            return 0;
        }
        List<String> reportIds = files.stream().map(f -> f.getMetadata() == null ? null : f.getMetadata().getString("reportId"))
                .filter(id -> id != null).distinct().toList();
        Map<String, String> current = new HashMap<>();
        Query query = new Query(Criteria.where("_id").in(reportIds));
        query.fields().include("templateFileId");
        for (Document report : mongo.find(query, Document.class, ReportDocument.KIND.collection())) {
            current.put(report.getString("_id"), String.valueOf(report.get("templateFileId")));
        }
        int removed = 0;
        for (GridFSFile file : files) {
            String fileId = file.getId().isString() ? file.getId().asString().getValue() : null;
            String reportId = file.getMetadata() == null ? null : file.getMetadata().getString("reportId");
            if (fileId != null && (reportId == null || !fileId.equals(current.get(reportId)))) {
                delete(fileId);
                removed++;
            }
        }
        return removed;
    }
}
