package org.qalyptus.server.execution;

import com.mongodb.client.result.UpdateResult;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Every write to an execution after its insert, each one single-document operation conditional on what the
 * writer must still hold (the lease, a status), so that the embedded store (no transactions) and a replica
 * set behave alike and two nodes never both believe they run the same execution.
 */
@Component
class ExecutionStore {

    private final MongoTemplate mongo;
    private final Clock clock;
    private final ExecutionProperties properties;

    ExecutionStore(MongoTemplate mongo, Clock clock, ExecutionProperties properties) {
        this.mongo = mongo;
        this.clock = clock;
        this.properties = properties;
    }

    Instant now() {
        return clock.instant();
    }

    Clock clock() {
        return clock;
    }

    MongoTemplate mongo() {
        return mongo;
    }

    Optional<ExecutionDocument> find(String id) {
        return Optional.ofNullable(id == null ? null : mongo.findById(id, ExecutionDocument.class));
    }

    /** @return false when an execution with this id already exists (a fire time claimed by another node) */
    boolean insert(ExecutionDocument execution) {
        try {
            mongo.insert(execution);
            return true;
        } catch (org.springframework.dao.DuplicateKeyException exists) {
            return false;
        }
    }

    /** How many claimable executions one read of the queue remembers (see {@link #claimNext}). */
    static final int CANDIDATES = 64;

    private final java.util.ArrayDeque<String> candidates = new java.util.ArrayDeque<>();
    private Instant candidatesReadAt = Instant.MIN;

    /**
     * Claims the next execution for {@code node}: the queued one of highest priority, oldest first, or a
     * running one whose lease expired (its node died). The claim itself is one findAndModify on the execution's id,
     * conditional on it being still claimable: two nodes never claim the same.
     *
     * <p>Finding what to claim is a query over the executions (on the embedded store, which ignores non-unique
     * indexes, a scan of every execution kept), so it is not repeated for every claim: one read remembers the next
     * {@value #CANDIDATES} in order, and is read again when they are used up or older than the poll interval (so a
     * higher priority queued meanwhile waits at most that long). A remembered one that another node claimed
     * meanwhile costs one lookup by id. With 10,000 executions queued at once this turns 10,000 scans into a few
     * hundred.
     */
    synchronized Optional<ExecutionDocument> claimNext(String node) {
        Instant now = now();
        boolean fresh = false;
        if (candidates.isEmpty() || candidatesReadAt.plus(properties.poll()).isBefore(now)) {
            readCandidates(now);
            fresh = true;
        }
        while (true) {
            while (!candidates.isEmpty()) {
                Optional<ExecutionDocument> claimed = claim(candidates.poll(), node, now);
                if (claimed.isPresent()) {
                    return claimed;
                }
            }
            if (fresh) {
                return Optional.empty();
            }
            readCandidates(now);
            fresh = true;
        }
    }

    private void readCandidates(Instant now) {
        Query query = new Query(claimable(now)).with(Sort.by(Sort.Order.desc("priority"), Sort.Order.asc("createdAt")))
                .limit(CANDIDATES);
        query.fields().include("_id");
        candidates.clear();
        // read raw: a projection cannot build the record
        mongo.find(query, org.bson.Document.class, mongo.getCollectionName(ExecutionDocument.class))
                .forEach(d -> candidates.add(d.getString("_id")));
        candidatesReadAt = now;
    }

    private Optional<ExecutionDocument> claim(String id, String node, Instant now) {
        Query query = new Query(new Criteria().andOperator(Criteria.where("_id").is(id), claimable(now)));
        Update update = new Update().set("status", ExecutionStatus.Running.name()).set("leaseOwner", node)
                .set("leaseExpiry", now.plus(properties.lease())).set("heartbeatAt", now).inc("claims", 1);
        ExecutionDocument claimed = mongo.findAndModify(query, update, FindAndModifyOptions.options().returnNew(true),
                ExecutionDocument.class);
        if (claimed != null && claimed.startedAt() == null) {
            mongo.updateFirst(new Query(Criteria.where("_id").is(claimed.id()).and("startedAt").is(null)),
                    new Update().set("startedAt", now), ExecutionDocument.class);
        }
        return Optional.ofNullable(claimed);
    }

    /** Queued, or running with an expired lease; the status pinned first so that the store's "claim" index answers. */
    private static Criteria claimable(Instant now) {
        return new Criteria().andOperator(Criteria.where("status").in(ExecutionStatus.Queued.name(), ExecutionStatus.Running.name()),
                new Criteria().orOperator(
                Criteria.where("status").is(ExecutionStatus.Queued.name()),
                Criteria.where("status").is(ExecutionStatus.Running.name()).and("leaseExpiry").lt(now)));
    }

    /** Extends the lease. @return false when the node no longer holds it (taken over, deleted) */
    boolean heartbeat(String id, String node) {
        Instant now = now();
        UpdateResult result = mongo.updateFirst(leased(id, node),
                new Update().set("leaseExpiry", now.plus(properties.lease())).set("heartbeatAt", now), ExecutionDocument.class);
        return result.getMatchedCount() > 0;
    }

    boolean progress(String id, String node, int percent, String step) {
        return mongo.updateFirst(leased(id, node), new Update().set("percent", Math.max(0, Math.min(100, percent)))
                .set("step", step), ExecutionDocument.class).getMatchedCount() > 0;
    }

    /** Ends the execution held by {@code node}. @return false when the node no longer held it */
    boolean finish(String id, String node, ExecutionStatus status, String summary, int warnings, int errors,
            Long outputVersion) {
        Update update = new Update().set("status", status.name()).set("finishedAt", now()).set("leaseOwner", null)
                .set("leaseExpiry", null).set("summary", summary).set("warnings", warnings).set("errors", errors)
                .set("step", status.name());
        if (status == ExecutionStatus.Completed || status == ExecutionStatus.Warning) {
            update.set("percent", 100);
        }
        if (outputVersion != null) {
            update.set("outputVersion", outputVersion);
        }
        return mongo.updateFirst(leased(id, node), update, ExecutionDocument.class).getMatchedCount() > 0;
    }

    /** Asks a running execution to stop; a queued one is aborted at once. @return the execution after */
    Optional<ExecutionDocument> requestStop(String id) {
        Instant now = now();
        mongo.updateFirst(new Query(Criteria.where("_id").is(id).and("status").is(ExecutionStatus.Queued.name())),
                new Update().set("status", ExecutionStatus.Aborted.name()).set("finishedAt", now).set("stopRequested", true)
                        .set("summary", "Stopped before it started").set("step", ExecutionStatus.Aborted.name()),
                ExecutionDocument.class);
        mongo.updateFirst(new Query(Criteria.where("_id").is(id).and("status").is(ExecutionStatus.Running.name())),
                new Update().set("stopRequested", true), ExecutionDocument.class);
        return find(id);
    }

    boolean stopRequested(String id) {
        Query query = new Query(Criteria.where("_id").is(id));
        query.fields().include("stopRequested");
        // read raw: the record cannot be built from a projection (its int fields would be null), which made every
        // heartbeat fail here and a stop requested through another node never reach the node running the execution
        org.bson.Document found = mongo.findOne(query, org.bson.Document.class, mongo.getCollectionName(ExecutionDocument.class));
        return found == null || Boolean.TRUE.equals(found.get("stopRequested"));
    }

    /** Puts a final execution back in the queue (run again); files, deliveries and logs of the last run go. */
    boolean requeue(String id) {
        return mongo.updateFirst(new Query(Criteria.where("_id").is(id).and("status").in(ExecutionStatus.Completed.name(),
                        ExecutionStatus.Warning.name(), ExecutionStatus.Failed.name(), ExecutionStatus.Aborted.name())),
                new Update().set("status", ExecutionStatus.Queued.name()).set("createdAt", now()).set("startedAt", null)
                        .set("finishedAt", null).set("percent", 0).set("step", "Queued").set("stopRequested", false)
                        .set("summary", null).set("warnings", 0).set("errors", 0).set("outputVersion", null),
                ExecutionDocument.class).getModifiedCount() > 0;
    }

    /** Whether the task has an execution queued or running (for triggers set to Skip). */
    boolean taskBusy(String taskId) {
        return mongo.exists(new Query(Criteria.where("taskId").is(taskId).and("status")
                .in(ExecutionStatus.Queued.name(), ExecutionStatus.Running.name())), ExecutionDocument.class);
    }

    /** The next output version of a task or report: a counter per source, one findAndModify. */
    long nextOutputVersion(ExecutionDocument execution) {
        String source = execution.isTask() ? "task:" + execution.taskId() : "report:" + execution.reportId();
        org.bson.Document counter = mongo.findAndModify(new Query(Criteria.where("_id").is(source)),
                new Update().inc("value", 1L), FindAndModifyOptions.options().returnNew(true).upsert(true),
                org.bson.Document.class, "outputVersions");
        return ((Number) counter.get("value")).longValue();
    }

    List<ExecutionDocument> runningOn(String node) {
        return mongo.find(new Query(Criteria.where("leaseOwner").is(node)), ExecutionDocument.class);
    }

    private static Query leased(String id, String node) {
        return new Query(Criteria.where("_id").is(id).and("leaseOwner").is(node).and("status").is(ExecutionStatus.Running.name()));
    }
}
