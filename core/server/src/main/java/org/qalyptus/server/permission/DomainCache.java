package org.qalyptus.server.permission;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * This node's enforcers, one per domain, loaded lazily from the store and kept fresh through the
 * domain's version counter ({@link PermissionDomain}).
 *
 * <p>Every change to a domain's memberships is written first, then the domain's head (membership list
 * and counter) is updated in one atomic operation. The node that made the change applies it in place when its cached state is exactly one
 * version behind; any other gap (a concurrent change, from this node or another) drops the cached
 * state, which is rebuilt on next use. Other nodes see the counter move at their next version check
 * and reload. Loading reads the head before the memberships, so a state is never labelled newer than
 * its content: at worst it reloads once more.
 */
final class DomainCache {

    private static final int LOCK_STRIPES = 64;
    /** The head whose counter moves with every change of any domain. Domain ids are UUIDs, so it cannot clash. */
    static final String ALL_DOMAINS = "_all";

    private final MongoTemplate mongo;
    private final long checkIntervalNanos;
    private final long recheckIntervalNanos;
    private volatile long globalVersion = -1;
    private volatile long globalCheckedAtNanos;
    /** Moves locally whenever the global counter is seen to move: cached domains of an older epoch re-check their own version. */
    private volatile long epoch;
    private final int maxDomains;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, DomainPolicies> domains = new ConcurrentHashMap<>();
    private final Object[] locks = new Object[LOCK_STRIPES];

    DomainCache(MongoTemplate mongo, PermissionProperties properties, LongSupplier nanoTime) {
        this.mongo = mongo;
        this.checkIntervalNanos = properties.versionCheckInterval().toNanos();
        this.recheckIntervalNanos = properties.domainRecheckInterval().toNanos();
        this.maxDomains = properties.maxCachedDomains();
        this.nanoTime = nanoTime;
        for (int i = 0; i < LOCK_STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    /**
     * The domain's current policies, reloading them when the store's version moved. Freshness costs one
     * read of the global counter per check interval for the whole node; a domain reads its own version
     * only after the global counter moved, or after the re-check interval (a safety net for a change
     * whose global increment was cut short).
     */
    DomainPolicies get(String domain) {
        long now = nanoTime.getAsLong();
        long currentEpoch = refreshEpoch(now);
        DomainPolicies cached = domains.get(domain);
        if (cached != null) {
            if (cached.epoch() == currentEpoch && now - cached.checkedAtNanos() < recheckIntervalNanos) {
                return cached;
            }
            if (storedVersion(domain) == cached.version()) {
                cached.checked(now, currentEpoch);
                return cached;
            }
        }
        return reload(domain, cached, currentEpoch);
    }

    private long refreshEpoch(long now) {
        if (checkIntervalNanos > 0 && now - globalCheckedAtNanos < checkIntervalNanos && globalVersion >= 0) {
            return epoch;
        }
        synchronized (this) {
            if (checkIntervalNanos > 0 && now - globalCheckedAtNanos < checkIntervalNanos && globalVersion >= 0) {
                return epoch;
            }
            long stored = storedVersion(ALL_DOMAINS);
            if (stored != globalVersion || checkIntervalNanos == 0) {
                globalVersion = stored;
                epoch++;
            }
            globalCheckedAtNanos = now;
            return epoch;
        }
    }

    private DomainPolicies reload(String domain, DomainPolicies stale, long currentEpoch) {
        synchronized (lockFor(domain)) {
            DomainPolicies current = domains.get(domain);
            if (current != null && current != stale) {
                return current;
            }
            PermissionDomain head = head(domain);
            DomainPolicies loaded = DomainPolicies.load(domain, head.version(), memberships(head), nanoTime.getAsLong(),
                    currentEpoch);
            evictIfFull();
            domains.put(domain, loaded);
            return loaded;
        }
    }

    /**
     * Applies {@code change} (to the membership list) and increments the counter, in one atomic update of
     * the domain's head; returns the head as it now is.
     */
    PermissionDomain commit(String domain, Update change) {
        PermissionDomain head = mongo.findAndModify(new Query(Criteria.where("_id").is(domain)), change.inc("version", 1L),
                FindAndModifyOptions.options().upsert(true).returnNew(true), PermissionDomain.class);
        announce();
        return head;
    }

    /** Moves the global counter, after a domain changed, so other nodes re-check their domains. */
    void announce() {
        mongo.upsert(new Query(Criteria.where("_id").is(ALL_DOMAINS)), new Update().inc("version", 1L),
                PermissionDomain.class);
    }

    /** The domain's head; version 0 and no memberships when it has none yet. */
    PermissionDomain head(String domain) {
        PermissionDomain head = mongo.findById(domain, PermissionDomain.class);
        return head == null ? new PermissionDomain(domain, 0, List.of()) : head;
    }

    /** The memberships the head lists, read by primary key. */
    List<PermissionDocument> memberships(PermissionDomain head) {
        if (head.membershipIds().isEmpty()) {
            return List.of();
        }
        return mongo.find(new Query(Criteria.where("_id").in(head.membershipIds())), PermissionDocument.class);
    }

    /**
     * Records a change of one object's memberships in the domain, which moved the counter to
     * {@code newVersion}: applied in place when this node's state is just behind, otherwise dropped.
     */
    void objectChanged(String domain, AssetType type, String assetId, PermissionDomain head) {
        long newVersion = head.version();
        synchronized (lockFor(domain)) {
            DomainPolicies cached = domains.get(domain);
            if (cached == null || cached.version() >= newVersion) {
                return;
            }
            if (cached.version() != newVersion - 1) {
                domains.remove(domain, cached);
                return;
            }
            List<PermissionDocument> memberships = memberships(head).stream()
                    .filter(m -> m.assetId().equals(assetId)).toList();
            cached.replaceObject(DomainPolicies.objectOf(type, assetId), memberships, newVersion);
        }
    }

    /** Drops this node's state of the domain after a change too wide to apply in place. */
    void forget(String domain) {
        domains.remove(domain);
    }

    /** Removes the domain's head when the domain itself is deleted. */
    void deleteHead(String domain) {
        mongo.remove(new Query(Criteria.where("_id").is(domain)), PermissionDomain.class);
        announce();
        domains.remove(domain);
    }

    /** The stored version alone: one read by primary key, the membership list left out. */
    long storedVersion(String domain) {
        Query query = new Query(Criteria.where("_id").is(domain));
        query.fields().include("version");
        org.bson.Document head = mongo.findOne(query, org.bson.Document.class, "permissionDomains");
        return head == null ? 0 : ((Number) head.get("version")).longValue();
    }

    int size() {
        return domains.size();
    }

    private Object lockFor(String domain) {
        return locks[Math.floorMod(domain.hashCode(), LOCK_STRIPES)];
    }

    /** Keeps memory bounded by dropping about a tenth of the domains, any of them: a dropped domain costs one reload. */
    private void evictIfFull() {
        if (domains.size() < maxDomains) {
            return;
        }
        int toDrop = Math.max(1, maxDomains / 10);
        Iterator<String> keys = domains.keySet().iterator();
        while (toDrop-- > 0 && keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }
}
