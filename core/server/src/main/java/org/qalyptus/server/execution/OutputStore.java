package org.qalyptus.server.execution;

import com.mongodb.MongoGridFSException;
import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.gridfs.model.GridFSUploadOptions;
import java.io.InputStream;
import java.util.UUID;
import org.bson.BsonString;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** Generated files in the GridFS bucket {@code outputs}, shared by every node. */
@Component
class OutputStore {

    static final String BUCKET = "outputs";

    private final MongoTemplate mongo;
    private volatile GridFSBucket bucket;

    OutputStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    private GridFSBucket bucket() {
        GridFSBucket current = bucket;
        if (current == null) {
            // GridFS reads a file's chunks with {files_id, n >= i}; its unique (files_id, n) index answers that on MongoDB,
            // but the embedded store answers from a unique index only a query pinning every field of it, so every
            // download scanned (and decoded) every chunk of every stored file. An index on files_id alone answers it
            // there; on MongoDB it is a small redundant index.
            mongo.getDb().getCollection(BUCKET + ".chunks").createIndex(com.mongodb.client.model.Indexes.ascending("files_id"),
                    new com.mongodb.client.model.IndexOptions().name("chunks_by_file"));
            current = GridFSBuckets.create(mongo.getDb(), BUCKET);
            bucket = current;
        }
        return current;
    }

    String store(String executionId, String fileName, String mediaType, InputStream content) {
        String id = UUID.randomUUID().toString();
        bucket().uploadFromStream(new BsonString(id), fileName, content, new GridFSUploadOptions()
                .metadata(new Document("executionId", executionId).append("contentType", mediaType)));
        return id;
    }

    InputStream open(String id) {
        return bucket().openDownloadStream(new BsonString(id));
    }

    void delete(String id) {
        try {
            bucket().delete(new BsonString(id));
        } catch (MongoGridFSException alreadyGone) {
            // deleting twice (two nodes, a retried delete) is fine
        }
    }
}
