package org.qalyptus.store.embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import de.bwaldvogel.mongo.bson.Document;

/**
 * The aggregation drivers send for {@code countDocuments} ({@code [{$match: f}, {$skip: n}?, {$limit: n}?,
 * {$group: {_id: 1, n: {$sum: 1}}}]}, which Spring Data's {@code count} uses) answered as the {@code count}
 * command, which reads through the collection's indexes, where the library's aggregation would read and
 * match every document of the collection. The answer is the aggregation's: a cursor with one
 * {@code {_id: 1, n}} document, or none when nothing matches.
 */
final class CountDocuments {

    private CountDocuments() {}

    /** The {@code count} command equivalent to an {@code aggregate} command, if it is a countDocuments pipeline. */
    static Optional<Document> asCount(Document aggregate) {
        if (!(aggregate.get("aggregate") instanceof String collection) || !(aggregate.get("pipeline") instanceof List<?> pipeline)
                || pipeline.size() < 2 || pipeline.size() > 4) {
            return Optional.empty();
        }
        List<Document> stages = new ArrayList<>();
        for (Object stage : pipeline) {
            if (!(stage instanceof Document document) || document.size() != 1) {
                return Optional.empty();
            }
            stages.add(document);
        }
        if (!(stages.get(0).get("$match") instanceof Document filter) || !isCountGroup(stages.get(stages.size() - 1))) {
            return Optional.empty();
        }
        Document count = new Document("count", collection).append("query", filter);
        for (Document stage : stages.subList(1, stages.size() - 1)) {
            if (stage.get("$skip") instanceof Number skip && !count.containsKey("skip") && !count.containsKey("limit")) {
                count.append("skip", skip.intValue());
            } else if (stage.get("$limit") instanceof Number limit && !count.containsKey("limit")) {
                count.append("limit", limit.intValue());
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(count);
    }

    private static boolean isCountGroup(Document stage) {
        if (!(stage.get("$group") instanceof Document group) || group.size() != 2) {
            return false;
        }
        return group.get("_id") instanceof Number id && id.intValue() == 1
                && group.get("n") instanceof Document sum && sum.size() == 1
                && sum.get("$sum") instanceof Number one && one.intValue() == 1;
    }

    /** The aggregation's reply for a {@code count} command's reply. */
    static Document asCursor(Document countReply, String databaseName, String collection) {
        int n = ((Number) countReply.get("n")).intValue();
        List<Document> batch = n == 0 ? List.of() : List.of(new Document("_id", 1).append("n", n));
        Document cursor = new Document("id", 0L).append("ns", databaseName + "." + collection).append("firstBatch", batch);
        return new Document("cursor", cursor).append("ok", 1.0);
    }
}
