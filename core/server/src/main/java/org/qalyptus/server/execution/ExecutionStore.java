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

    /** How many claimable executions one read of the queue remembers (see {@link #claim}). */
    static final int CANDIDATES = 512;

    /**
     * How old the remembered candidates may get before they are read again although some are left: the poll interval,
     * at least 2 s. Reading them is the costly part of claiming when thousands are queued (the embedded store reads
     * and sorts every queued execution), so it is not done at every poll; a higher priority queued meanwhile waits at
     * most this long.
     */
    private java.time.Duration refreshAfter() {
        java.time.Duration floor = java.time.Duration.ofSeconds(2);
        return properties.poll().compareTo(floor) > 0 ? properties.poll() : floor;
    }

    /** A remembered claimable execution: its id and whether it was queued (else running with an expired lease). */
    private record Candidate(String id, boolean queued) {}

    private final java.util.ArrayDeque<Candidate> candidates = new java.util.ArrayDeque<>();
    private Instant candidatesReadAt = Instant.MIN;

    /** Claims the next execution for {@code node} (see {@link #claim}). */
    Optional<ExecutionDocument> claimNext(String node) {
        return claim(node, 1).stream().findFirst();
    }

    /**
     * Claims up to {@code max} executions for {@code node}: the queued ones of highest priority, oldest first, or running
     * ones whose lease expired (their node died). Two nodes never claim the same: the queued ones are claimed with one
     * update of them all conditional, per document, on each still being queued (one store write for the batch, which
     * also sets {@code startedAt}); a takeover is one findAndModify conditional on the lease being still expired.
     *
     * <p>Finding what to claim is a query over the executions (the status pinned, so the store's "claim" index
     * answers), so it is not repeated for every claim: one read remembers the next {@value #CANDIDATES} in order, and is
     * read again when they are used up or older than {@link #refreshAfter()} (so a higher priority queued meanwhile
     * waits at most that long). A remembered one that another node claimed meanwhile is simply not among those claimed.
     */
    synchronized List<ExecutionDocument> claim(String node, int max) {
        Instant now = now();
        List<ExecutionDocument> claimed = new java.util.ArrayList<>();
        boolean fresh = false;
        if (candidates.isEmpty() || candidatesReadAt.plus(refreshAfter()).isBefore(now)) {
            readCandidates(now);
            fresh = true;
        }
        while (claimed.size() < max) {
            List<String> queued = new java.util.ArrayList<>();
            while (claimed.size() + queued.size() < max && !candidates.isEmpty()) {
                Candidate next = candidates.poll();
                if (next.queued()) {
                    queued.add(next.id());
                } else {
                    claimExpired(next.id(), node, now).ifPresent(claimed::add);
                }
            }
            claimed.addAll(claimQueued(queued, node, now));
            if (claimed.size() >= max || !candidates.isEmpty()) {
                continue;
            }
            if (fresh) {
                break;
            }
            readCandidates(now);
            fresh = true;
        }
        return claimed;
    }

    /** The priorities executions are queued with: schedule and event triggers 0 to 10, manual and on-demand runs 5. */
    static final int MAX_PRIORITY = 10;

    /** Up to this many queued executions of one priority are read sorted by age; beyond, a sample is read. */
    static final int SORTED_UP_TO = 1_000;

    /**
     * Reads the next candidates: first the running executions whose lease expired (few: the status pins them), then
     * the queued ones by priority, highest first, each priority one lookup that the store's "claim" index answers by
     * (status, priority). Within one priority they come oldest first when at most {@value #SORTED_UP_TO} are queued: up
     * to {@value #SORTED_UP_TO} + 1 are read unsorted (the store stops reading there) and sorted here. With more queued
     * at one priority, sorting them all in the store would read every one at each read (seconds with 10,000 on the
     * embedded store), so the ones read are sorted among themselves: the order within that priority is then only roughly
     * by age (the store's order is by id); priorities are still strictly honoured.
     */
    private void readCandidates(Instant now) {
        candidates.clear();
        String collection = mongo.getCollectionName(ExecutionDocument.class);
        Query expired = new Query(Criteria.where("status").is(ExecutionStatus.Running.name()).and("leaseExpiry").lt(now))
                .with(Sort.by(Sort.Order.desc("priority"), Sort.Order.asc("createdAt"))).limit(CANDIDATES);
        expired.fields().include("_id");
        mongo.find(expired, org.bson.Document.class, collection)
                .forEach(d -> candidates.add(new Candidate(d.getString("_id"), false)));
        // an idle node polls often: one lookup when nothing is queued rather than one per priority
        boolean anyQueued = mongo.exists(new Query(Criteria.where("status").is(ExecutionStatus.Queued.name())), collection);
        for (int priority = MAX_PRIORITY; anyQueued && priority >= 0 && candidates.size() < CANDIDATES; priority--) {
            readQueued(new Query(Criteria.where("status").is(ExecutionStatus.Queued.name()).and("priority").is(priority)),
                    collection);
        }
        if (anyQueued && candidates.size() < CANDIDATES) {
            // priorities written by something else than the routes (none today): in the one order, as before
            readQueued(new Query(Criteria.where("status").is(ExecutionStatus.Queued.name()).and("priority")
                    .not().gte(0).lte(MAX_PRIORITY)), collection);
        }
        candidatesReadAt = now;
    }

    private void readQueued(Query query, String collection) {
        int wanted = CANDIDATES - candidates.size();
        if (wanted <= 0) {
            return;
        }
        // unsorted, the store stops reading at the limit: at most SORTED_UP_TO + 1 documents read
        Query read = Query.of(query).limit(SORTED_UP_TO + 1);
        read.fields().include("_id").include("priority").include("createdAt");
        // read raw: a projection cannot build the record
        List<org.bson.Document> found = new java.util.ArrayList<>(mongo.find(read, org.bson.Document.class, collection));
        found.sort(java.util.Comparator.comparingLong((org.bson.Document d) -> d.get("priority") instanceof Number n
                        ? -n.longValue() : 0L)
                .thenComparing(d -> d.getDate("createdAt"), java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder())));
        found.stream().limit(wanted).forEach(d -> candidates.add(new Candidate(d.getString("_id"), true)));
    }

    /** Up to this many are claimed one findAndModify each (one round trip each); more with one update and one read. */
    static final int CLAIMED_ONE_BY_ONE = 2;

    /**
     * Claims the queued executions that are still queued. A few (a worker slot freed, the common case) are claimed each
     * with one findAndModify conditional on its being queued, which answers the claimed document: one store round trip
     * each. More are claimed with one update for the batch, conditional per execution on its being still queued, then
     * read back by id: two round trips for them all.
     */
    private List<ExecutionDocument> claimQueued(List<String> ids, String node, Instant now) {
        if (ids.isEmpty()) {
            return List.of();
        }
        String token = java.util.UUID.randomUUID().toString();
        Update update = new Update().set("status", ExecutionStatus.Running.name()).set("leaseOwner", node)
                .set("leaseExpiry", now.plus(properties.lease())).set("heartbeatAt", now).set("startedAt", now)
                .set("claimToken", token).inc("claims", 1);
        if (ids.size() <= CLAIMED_ONE_BY_ONE) {
            List<ExecutionDocument> claimed = new java.util.ArrayList<>();
            for (String id : ids) {
                ExecutionDocument one = mongo.findAndModify(new Query(Criteria.where("_id").is(id).and("status")
                        .is(ExecutionStatus.Queued.name())), update, FindAndModifyOptions.options().returnNew(true),
                        ExecutionDocument.class);
                if (one != null) {
                    claimed.add(one);
                }
            }
            return claimed;
        }
        UpdateResult result = mongo.updateMulti(new Query(Criteria.where("_id").in(ids).and("status")
                .is(ExecutionStatus.Queued.name())), update, ExecutionDocument.class);
        if (result.getModifiedCount() == 0) {
            return List.of();
        }
        // read back whole in one query on the id alone (the store's unique index answers it; another field in the
        // filter would make the embedded store scan); ours are those carrying this claim's token
        List<ExecutionDocument> claimed = new java.util.ArrayList<>();
        for (org.bson.Document read : mongo.find(new Query(Criteria.where("_id").in(ids)), org.bson.Document.class,
                mongo.getCollectionName(ExecutionDocument.class))) {
            if (token.equals(read.getString("claimToken"))) {
                claimed.add(mongo.getConverter().read(ExecutionDocument.class, read));
            }
        }
        // in the order they were claimed in (priority, age)
        claimed.sort(java.util.Comparator.comparingInt(e -> ids.indexOf(e.id())));
        return claimed;
    }

    /** Takes over an execution whose lease expired (its node died); it keeps its {@code startedAt}. */
    private Optional<ExecutionDocument> claimExpired(String id, String node, Instant now) {
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
