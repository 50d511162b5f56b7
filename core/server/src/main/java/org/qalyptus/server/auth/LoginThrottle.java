package org.qalyptus.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing down, per account and per client address, with counters in the store so every
 * node sees the same ones (an attacker spreading attempts over nodes gains nothing). Each failure is one
 * atomic increment of one document; past the allowed number, the key is locked for a period that doubles
 * with every further failure, up to a maximum. While locked, sign-ins are refused before the password is
 * checked, so even the right password does not tell the attacker anything. With the defaults an account
 * gets 5 free guesses, then about one every 15 minutes: some 100 a day instead of millions.
 *
 * <p>Store-backed rather than in-memory: an in-memory bucket per node multiplies the allowance by the number
 * of nodes and is reset by a restart. The cost is two reads per sign-in and a write per failure.
 */
@Component
class LoginThrottle {

    private final MongoTemplate mongo;
    private final LoginThrottleProperties limits;
    private final Clock clock;

    LoginThrottle(MongoTemplate mongo, LoginThrottleProperties limits, Clock clock) {
        this.mongo = mongo;
        this.limits = limits;
        this.clock = clock;
    }

    static String accountKey(String normalizedEmail) {
        return "account:" + normalizedEmail;
    }

    static String clientKey(String address) {
        return "client:" + (address == null ? "unknown" : address);
    }

    /** @throws TooManyLoginAttempts when the account or the client is locked */
    void requireAllowed(String accountKey, String clientKey) {
        Instant now = clock.instant();
        Optional<Duration> wait = Optional.empty();
        for (String key : new String[] {accountKey, clientKey}) {
            LoginThrottleDocument record = mongo.findById(key, LoginThrottleDocument.class);
            if (record != null && record.lockedUntil() != null && record.lockedUntil().isAfter(now)) {
                Duration remaining = Duration.between(now, record.lockedUntil());
                wait = Optional.of(wait.map(w -> w.compareTo(remaining) > 0 ? w : remaining).orElse(remaining));
            }
        }
        if (wait.isPresent()) {
            throw new TooManyLoginAttempts(wait.get());
        }
    }

    void failed(String accountKey, String clientKey) {
        failed(accountKey, limits.accountFailures());
        failed(clientKey, limits.clientFailures());
    }

    /** A successful sign-in forgets the account's failures (not the client's: one good account must not reset guessing). */
    void succeeded(String accountKey) {
        mongo.remove(new Query(Criteria.where("_id").is(accountKey)), LoginThrottleDocument.class);
    }

    private void failed(String key, int allowed) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Update count = new Update().inc("failures", 1).set("lastFailureAt", now)
                .set("expiresAt", now.plus(limits.forgetAfter()).plus(limits.maxLock()));
        LoginThrottleDocument before;
        try {
            before = mongo.findAndModify(new Query(Criteria.where("_id").is(key)), count,
                    FindAndModifyOptions.options().upsert(true).returnNew(false), LoginThrottleDocument.class);
        } catch (DuplicateKeyException createdConcurrently) {
            before = mongo.findAndModify(new Query(Criteria.where("_id").is(key)), count,
                    FindAndModifyOptions.options().returnNew(false), LoginThrottleDocument.class);
        }
        int failures;
        if (before != null && before.lastFailureAt() != null
                && before.lastFailureAt().isBefore(now.minus(limits.forgetAfter()))) {
            // Quiet for long enough: this failure starts a new count (unless a concurrent failure moved on already).
            mongo.updateFirst(new Query(Criteria.where("_id").is(key).and("lastFailureAt").is(now)),
                    new Update().set("failures", 1).unset("lockedUntil"), LoginThrottleDocument.class);
            failures = 1;
        } else {
            failures = before == null ? 1 : before.failures() + 1;
        }
        if (failures >= allowed) {
            int doublings = Math.min(failures - allowed, 30);
            Duration lock = limits.firstLock().multipliedBy(1L << doublings);
            if (lock.compareTo(limits.maxLock()) > 0) {
                lock = limits.maxLock();
            }
            Instant until = now.plus(lock);
            mongo.updateFirst(new Query(Criteria.where("_id").is(key).orOperator(
                            Criteria.where("lockedUntil").is(null), Criteria.where("lockedUntil").lt(until))),
                    new Update().set("lockedUntil", until), LoginThrottleDocument.class);
        }
    }
}
