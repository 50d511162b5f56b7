package org.qalyptus.store.embedded;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * A query that is only a list of ids ({@code {_id: {$in: [...]}}}, how the server reads a page of objects it
 * found elsewhere), recognised so that a document can be checked against the list with one hash lookup.
 * Only ids whose Java equality is MongoDB's equality qualify (strings and ObjectIds): numbers ({@code 1} equals
 * {@code 1.0}), UUIDs (binary subtypes), dates, documents, regular expressions and nulls leave the query to the
 * library's matcher.
 */
final class IdList {

    static final String ID = "_id";

    /** Below this many ids the library's matcher is as cheap as hashing. */
    static final int SHORTEST = 8;

    private IdList() {
    }

    /** The listed ids, or null when the query is anything else. */
    static Set<Object> of(Document query) {
        if (query.size() != 1 || !(query.get(ID) instanceof Document condition) || condition.size() != 1
                || !(condition.get("$in") instanceof Collection<?> listed) || listed.size() < SHORTEST) {
            return null;
        }
        Set<Object> ids = new HashSet<>(listed.size() * 2);
        for (Object id : listed) {
            if (!(id instanceof String || id instanceof ObjectId)) {
                return null;
            }
            ids.add(id);
        }
        return ids;
    }
}
