package org.qalyptus.server.execution;

import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.qalyptus.server.task.TaskDocument;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

/** Tasks read for background work: a document that cannot be read is skipped, never stopping the others. */
final class TaskReads {

    private TaskReads() {}

    static List<TaskDocument> readable(MongoTemplate mongo, Query query) {
        List<TaskDocument> tasks = new ArrayList<>();
        for (Document raw : mongo.find(query, Document.class, "tasks")) {
            try {
                tasks.add(mongo.getConverter().read(TaskDocument.class, raw));
            } catch (RuntimeException unreadable) {
                // a damaged task: its own routes report it
            }
        }
        return tasks;
    }
}
