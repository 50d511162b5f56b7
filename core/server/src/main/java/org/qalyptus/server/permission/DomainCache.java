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
 * domain's version counter ({@link PermissionDomainVersion}).
 *
 * <p>Every change to a domain's memberships is written first, then the counter is incremented
 * atomically. The node that made the change applies it in place when its cached state is exactly one
 * version behind; any other gap (a concurrent change, from this node or another) drops the cached
 * state, which is rebuilt on next use. Other nodes see the counter move at their next version check
 * and reload. Loading reads the version before the memberships, so a state is never newer-labelled
 * than its content: at worst it reloads once more.
 */
final class DomainCache {

    private static final int LOCK_STRIPES = 64;

    private final MongoTemplate mongo;
    private final long checkIntervalNanos;
    private final int maxDomains;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, DomainPolicies> domains = new ConcurrentHashMap<>();
    private final Object[] locks = new Object[LOCK_STRIPES];

    DomainCache(MongoTemplate mongo, PermissionProperties properties, LongSupplier nanoTime) {
        this.mongo = mongo;
        this.checkIntervalNanos = properties.versionCheckInterval().toNanos();
        this.maxDomains = properties.maxCachedDomains();
        this.nanoTime = nanoTime;
        for (int i = 0; i < LOCK_STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    /** The domain's current policies, reloading them when the store's version moved. */
    DomainPolicies get(String domain) {
        long now = nanoTime.getAsLong();
        DomainPolicies cached = domains.get(domain);
        if (cached != null) {
            if (now - cached.checkedAtNanos() < checkIntervalNanos) {
                return cached;
            }
            if (storedVersion(domain) == cached.version()) {
                cached.checked(now);
                return cached;
            }
        }
        return reload(domain, cached);
    }

    private DomainPolicies reload(String domain, DomainPolicies stale) {
        synchronized (lockFor(domain)) {
            DomainPolicies current = domains.get(domain);
            if (current != null && current != stale) {
                return current;
            }
            long version = storedVersion(domain);
            List<PermissionDocument> memberships = mongo.find(
                    new Query(Criteria.where("projectId").is(domain)), PermissionDocument.class);
            DomainPolicies loaded = DomainPolicies.load(domain, version, memberships, nanoTime.getAsLong());
            evictIfFull();
            domains.put(domain, loaded);
            return loaded;
        }
    }

    /** Increments the domain's counter after a change was written; returns the new version. */
    long bump(String domain) {
        PermissionDomainVersion updated = mongo.findAndModify(new Query(Criteria.where("_id").is(domain)),
                new Update().inc("version", 1L), FindAndModifyOptions.options().upsert(true).returnNew(true),
                PermissionDomainVersion.class);
        return updated.version();
    }

    /**
     * Records a change of one object's memberships in the domain, which moved the counter to
     * {@code newVersion}: applied in place when this node's state is just behind, otherwise dropped.
     */
    void objectChanged(String domain, AssetType type, String assetId, long newVersion) {
        synchronized (lockFor(domain)) {
            DomainPolicies cached = domains.get(domain);
            if (cached == null || cached.version() >= newVersion) {
                return;
            }
            if (cached.version() != newVersion - 1) {
                domains.remove(domain, cached);
                return;
            }
            List<PermissionDocument> memberships = mongo.find(
                    new Query(Criteria.where("assetId").is(assetId).and("projectId").is(domain)), PermissionDocument.class);
            cached.replaceObject(DomainPolicies.objectOf(type, assetId), memberships, newVersion);
        }
    }

    /** Drops this node's state of the domain after a change too wide to apply in place. */
    void forget(String domain) {
        domains.remove(domain);
    }

    /** Removes the domain's counter when the domain itself is deleted. */
    void deleteVersion(String domain) {
        mongo.remove(new Query(Criteria.where("_id").is(domain)), PermissionDomainVersion.class);
        domains.remove(domain);
    }

    long storedVersion(String domain) {
        PermissionDomainVersion version = mongo.findById(domain, PermissionDomainVersion.class);
        return version == null ? 0 : version.version();
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
