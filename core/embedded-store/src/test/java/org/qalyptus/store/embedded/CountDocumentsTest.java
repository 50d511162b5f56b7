package org.qalyptus.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import de.bwaldvogel.mongo.bson.Document;

/** The countDocuments aggregation is recognised exactly, and only it, so that it can be answered from indexes. */
class CountDocumentsTest {

    private static Document group() {
        return new Document("$group", new Document("_id", 1).append("n", new Document("$sum", 1)));
    }

    private static Document aggregate(Object... stages) {
        return new Document("aggregate", "reports").append("pipeline", List.of(stages)).append("cursor", new Document());
    }

    @Test
    void theDriversCountDocumentsPipelineBecomesACount() {
        Document filter = new Document("projectId", "a");

        assertThat(CountDocuments.asCount(aggregate(new Document("$match", filter), group())))
                .contains(new Document("count", "reports").append("query", filter));
        assertThat(CountDocuments.asCount(aggregate(new Document("$match", filter), new Document("$skip", 2L),
                new Document("$limit", 3), group())))
                .contains(new Document("count", "reports").append("query", filter).append("skip", 2).append("limit", 3));
    }

    @Test
    void otherPipelinesAreLeftToTheAggregation() {
        Document match = new Document("$match", new Document("projectId", "a"));
        assertThat(CountDocuments.asCount(aggregate(match))).isEmpty();
        assertThat(CountDocuments.asCount(aggregate(match, new Document("$group",
                new Document("_id", "$projectId").append("n", new Document("$sum", 1)))))).isEmpty();
        assertThat(CountDocuments.asCount(aggregate(match, new Document("$sort", new Document("a", 1)), group()))).isEmpty();
        assertThat(CountDocuments.asCount(aggregate(match, new Document("$limit", 3), new Document("$skip", 2), group())))
                .isEmpty();
        assertThat(CountDocuments.asCount(aggregate(new Document("$project", new Document("a", 1)), group()))).isEmpty();
    }

    @Test
    void theReplyIsTheAggregationsCursor() {
        Document some = CountDocuments.asCursor(new Document("n", 7).append("ok", 1.0), "db", "reports");
        assertThat(((Document) some.get("cursor")).get("firstBatch")).isEqualTo(List.of(new Document("_id", 1).append("n", 7)));
        Document none = CountDocuments.asCursor(new Document("n", 0).append("ok", 1.0), "db", "reports");
        assertThat(((Document) none.get("cursor")).get("firstBatch")).isEqualTo(List.of());
    }
}
