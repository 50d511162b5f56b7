package org.qalyptus.server.task;

import java.util.List;
import org.bson.Document;
import org.qalyptus.server.asset.AssetDeleted;
import org.qalyptus.server.storageservice.StorageServiceUsage;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * What tasks refer to in other features, kept consistent from here: a deleted report leaves the task
 * reports that generated it, a deleted filter or condition leaves the task reports' lists (one
 * multi-document update of single-document writes, each moving the task's version so that clients
 * holding the old one get a 409); and the storage-service feature asks which tasks deliver to a storage
 * service before deleting it.
 */
@Component
public class TaskReferences implements StorageServiceUsage {

    private final MongoTemplate mongo;

    TaskReferences(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public List<String> usersOf(String organizationId, String storageServiceId) {
        return tasksUsingStorageService(organizationId, storageServiceId).stream().map(name -> "task '" + name + "'").toList();
    }

    /** Names of the tasks of the organization with a task report delivering to the storage service, sorted. */
    public List<String> tasksUsingStorageService(String organizationId, String storageServiceId) {
        Query query = new Query(Criteria.where("organizationId").is(organizationId)
                .and("reports.storageServices.storageServiceId").is(storageServiceId));
        query.fields().include("name");
        return mongo.find(query, Document.class, TaskDocument.KIND.collection()).stream()
                .map(d -> d.getString("name")).sorted(String.CASE_INSENSITIVE_ORDER).toList();
    }

    /** Idempotent: a repeated event finds nothing left to remove. */
    @EventListener
    void assetDeleted(AssetDeleted event) {
        switch (event.kind().type()) {
            case Report -> pull("reports.reportId", new Update().pull("reports", new Document("reportId", event.id())), event);
            case Filter -> pull("reports.filterIds", new Update().pull("reports.$[].filterIds", event.id()), event);
            case Condition -> pull("reports.conditionIds", new Update().pull("reports.$[].conditionIds", event.id()), event);
            default -> {
                // tasks refer to no other asset type
            }
        }
    }

    private void pull(String field, Update update, AssetDeleted event) {
        Query using = new Query(Criteria.where("projectId").is(event.projectId()).and(field).is(event.id()));
        mongo.updateMulti(using, update.inc("version", 1), TaskDocument.KIND.collection());
    }
}
