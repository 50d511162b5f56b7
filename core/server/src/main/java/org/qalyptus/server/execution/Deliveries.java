package org.qalyptus.server.execution;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The delivery ledger. A delivery is begun with {@link #begin} (insert, or, when the unique key refuses it, take
 * over the record of an earlier attempt unless it is settled) and ended with {@link #end}; both are single-document operations on
 * the record found by its unique (execution, file key, target, recipient).
 */
@Component
class Deliveries {

    private final MongoTemplate mongo;
    private final Clock clock;

    Deliveries(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /**
     * Marks the delivery as {@code sending} by {@code node}.
     *
     * @return empty when it is already settled (done, sent, partial or skipped): nothing to do; else the record as
     *     it was before (state {@code pending} when new; {@code sending} when a dead node left it mid-attempt;
     *     {@code failed} when an earlier attempt failed), whose {@code attempts} counts the earlier attempts
     */
    Optional<DeliveryDocument> begin(String executionId, String fileKey, String target, String recipient, String node) {
        // the first attempt (by far the most common) is one insert; the unique key refuses it when a record exists
        DeliveryDocument fresh = new DeliveryDocument(UUID.randomUUID().toString(), executionId, fileKey, target, recipient,
                DeliveryDocument.SENDING, 1, null, null, node, clock.instant());
        try {
            mongo.insert(fresh);
            return Optional.of(new DeliveryDocument(fresh.id(), executionId, fileKey, target, recipient,
                    DeliveryDocument.PENDING, 0, null, null, node, fresh.updatedAt()));
        } catch (DuplicateKeyException exists) {
            // an earlier attempt's record: taken over unless it is settled
        }
        Query query = key(executionId, fileKey, target, recipient).addCriteria(
                Criteria.where("state").nin(DeliveryDocument.SETTLED));
        Update update = new Update().set("state", DeliveryDocument.SENDING).set("node", node).set("updatedAt", clock.instant())
                .inc("attempts", 1);
        return Optional.ofNullable(mongo.findAndModify(query, update, FindAndModifyOptions.options().returnNew(false),
                DeliveryDocument.class));
    }

    void end(String executionId, String fileKey, String target, String recipient, String state, String detail,
            String location) {
        mongo.updateFirst(key(executionId, fileKey, target, recipient), new Update().set("state", state)
                .set("detail", detail).set("location", location).set("updatedAt", clock.instant()), DeliveryDocument.class);
    }

    List<DeliveryDocument> of(String executionId) {
        return mongo.find(new Query(Criteria.where("executionId").is(executionId)), DeliveryDocument.class);
    }

    private static Query key(String executionId, String fileKey, String target, String recipient) {
        return new Query(Criteria.where("executionId").is(executionId).and("fileKey").is(fileKey).and("target").is(target)
                .and("recipient").is(recipient));
    }
}
