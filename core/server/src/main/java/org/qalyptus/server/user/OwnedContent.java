package org.qalyptus.server.user;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The content a user owns, found by the {@code ownerId} field of each content collection. The collections
 * are queried by name so this works for every content feature that stores an owner that way, whether or
 * not it exists yet on this build.
 */
@Component
public class OwnedContent {

    /** Content collections, in the order their counts are reported. */
    public static final List<String> COLLECTIONS = List.of("projects", "reports", "filters", "conditions", "tasks");

    private final MongoTemplate mongo;

    OwnedContent(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** How many documents of each collection the user owns; collections with none are left out. */
    public Map<String, Long> countsOwnedBy(String userId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String collection : COLLECTIONS) {
            long count = mongo.count(new Query(Criteria.where("ownerId").is(userId)), collection);
            if (count > 0) {
                counts.put(collection, count);
            }
        }
        return counts;
    }

    /** "2 projects, 1 report" for messages. */
    public static String describe(Map<String, Long> counts) {
        return String.join(", ", counts.entrySet().stream()
                .map(e -> e.getValue() + " " + (e.getValue() == 1 ? singular(e.getKey()) : e.getKey()))
                .toList());
    }

    private static String singular(String collection) {
        return collection.substring(0, collection.length() - 1);
    }

    /**
     * Makes {@code toUserId} the owner of everything {@code fromUserId} owns, one single-document update per
     * document, so a concurrent change to one document never loses the other's write.
     */
    public Map<String, Long> transfer(String fromUserId, String toUserId) {
        Map<String, Long> moved = new LinkedHashMap<>();
        for (String collection : COLLECTIONS) {
            Query owned = new Query(Criteria.where("ownerId").is(fromUserId));
            owned.fields().include("_id");
            long count = 0;
            for (Document document : mongo.find(owned, Document.class, collection)) {
                count += mongo.updateFirst(
                        new Query(Criteria.where("_id").is(document.get("_id")).and("ownerId").is(fromUserId)),
                        new Update().set("ownerId", toUserId), collection).getModifiedCount();
            }
            if (count > 0) {
                moved.put(collection, count);
            }
        }
        return moved;
    }
}
