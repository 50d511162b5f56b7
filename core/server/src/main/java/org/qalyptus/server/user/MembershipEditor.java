package org.qalyptus.server.user;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.bson.Document;
import org.qalyptus.server.user.UserDocument.Membership;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Changes a user's memberships atomically without transactions: reads the stored list, computes the new
 * one and writes it only if the stored list is still the one that was read (compare-and-set on the raw
 * value), retrying otherwise. Two administrators changing the same user's groups at once therefore
 * never lose each other's change.
 */
@Component
public class MembershipEditor {

    private static final int ATTEMPTS = 20;

    private final MongoTemplate mongo;

    MembershipEditor(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * @param change computes the new memberships from the current user; it may run several times
     * @return the user after the change, or empty when the user does not exist (any more)
     */
    public Optional<UserDocument> update(String userId, Function<UserDocument, List<Membership>> change) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Document raw = mongo.findById(userId, Document.class, "users");
            if (raw == null) {
                return Optional.empty();
            }
            UserDocument current = mongo.getConverter().read(UserDocument.class, raw);
            List<Membership> next = change.apply(current);
            if (next.equals(current.memberships())) {
                return Optional.of(current);
            }
            Query unchanged = new Query(Criteria.where("_id").is(userId).and("memberships").is(raw.get("memberships")));
            if (mongo.updateFirst(unchanged, new Update().set("memberships", next), UserDocument.class).getModifiedCount() == 1) {
                return Optional.of(current.withMemberships(next));
            }
        }
        throw new OptimisticLockingFailureException("The memberships of user " + userId + " kept changing; try again");
    }
}
