package org.qalyptus.server.user;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Users' display names for list answers ({@code ownerName}), read in one projected query per list. */
@Component
public class DisplayNames {

    private final MongoTemplate mongo;

    DisplayNames(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Display name by user id; users that no longer exist are absent. */
    public Map<String, String> of(Collection<String> userIds) {
        Set<String> ids = Set.copyOf(userIds);
        Map<String, String> names = new HashMap<>();
        if (ids.isEmpty()) {
            return names;
        }
        Query query = new Query(Criteria.where("_id").in(ids));
        query.fields().include("firstName", "lastName", "email");
        for (org.bson.Document user : mongo.find(query, org.bson.Document.class, "users")) {
            names.put(user.getString("_id"), of(user.getString("firstName"), user.getString("lastName"),
                    user.getString("email")));
        }
        return names;
    }

    /** "First Last", or the email when the user has no name; as {@link UserDocument#displayName()}. */
    public static String of(String firstName, String lastName, String email) {
        String name = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).trim();
        return name.isEmpty() ? email : name;
    }
}
