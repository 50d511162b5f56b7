package org.qalyptus.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;

/** Counting from the index alone: exact for plain equalities, declined whenever the index holds a superset. */
class SecondaryIndexCountTest {

    private SecondaryIndex memberships;

    private static Document user(String id, String... organizations) {
        List<Document> entries = java.util.Arrays.stream(organizations)
            .map(organization -> new Document("organizationId", organization).append("role", "Member"))
            .toList();
        return new Document("_id", id).append("memberships", entries);
    }

    @BeforeEach
    void index() {
        memberships = new SecondaryIndex("memberships", List.of(new IndexKey("memberships.organizationId", true)));
        memberships.add(user("u1", "a"), "u1", null);
        memberships.add(user("u2", "a", "b"), "u2", null);
        memberships.add(user("u3", "b"), "u3", null);
        memberships.add(new Document("_id", "u4"), "u4", null);
        memberships.markBuilt();
    }

    @Test
    void equalitiesOnTheIndexedFieldAreCountedFromTheIndex() {
        assertThat(memberships.exactCount(new Document("memberships.organizationId", "a"))).hasValue(2);
        assertThat(memberships.exactCount(new Document("memberships.organizationId", new Document("$eq", "b")))).hasValue(2);
        assertThat(memberships.exactCount(new Document("memberships.organizationId",
            new Document("$in", List.of("a", "b"))))).as("a document filed under both keys counts once").hasValue(3);
        assertThat(memberships.exactCount(new Document("memberships.organizationId", "c"))).hasValue(0);
        assertThat(memberships.exactCount(new Document("memberships.organizationId", new Document("$in", List.of()))))
            .hasValue(0);
    }

    @Test
    void writesKeepTheCountsRight() {
        memberships.remove(user("u1", "a"));
        memberships.updateInPlace(user("u3", "b"), user("u3", "a", "b"), "u3", null);
        assertThat(memberships.exactCount(new Document("memberships.organizationId", "a"))).hasValue(2);
        assertThat(memberships.exactCount(new Document("memberships.organizationId", "b"))).hasValue(2);
    }

    @Test
    void queriesWithOtherConditionsOrNullAreLeftToMatching() {
        assertThat(memberships.exactCount(new Document("memberships.organizationId", "a").append("status", "Active")))
            .isEmpty();
        assertThat(memberships.exactCount(new Document("memberships.organizationId", null))).isEmpty();
        assertThat(memberships.exactCount(new Document("memberships.organizationId",
            new Document("$in", List.of("a")).append("$ne", "b")))).isEmpty();
        assertThat(memberships.exactCount(new Document("memberships.organizationId", new Document("$gt", "a")))).isEmpty();
        assertThat(memberships.exactCount(new Document("$and", List.of(new Document("memberships.organizationId", "a")))))
            .isEmpty();
        assertThat(memberships.exactCount(new Document())).isEmpty();
    }

    @Test
    void aDocumentFiledUnderASupersetOfItsKeysStopsCountingFromTheIndexUntilItLeaves() {
        // An array inside an array: the index files "a" under it, which an equality query would not match.
        Document nested = new Document("_id", "u5").append("memberships",
            List.of(List.of(new Document("organizationId", "a"))));
        memberships.add(nested, "u5", null);
        assertThat(memberships.exactCount(new Document("memberships.organizationId", "a"))).isEmpty();

        memberships.remove(nested);
        assertThat(memberships.exactCount(new Document("memberships.organizationId", "a"))).hasValue(2);
    }

    @Test
    void aNumericPathStepIsNeverCountedFromTheIndex() {
        SecondaryIndex first = new SecondaryIndex("first", List.of(new IndexKey("memberships.0.organizationId", true)));
        first.add(user("u1", "a"), "u1", null);
        first.markBuilt();
        assertThat(first.exactCount(new Document("memberships.0.organizationId", "a"))).isEmpty();
    }

    @Test
    void anUnbuiltIndexCountsNothing() {
        SecondaryIndex building = new SecondaryIndex("building", List.of(new IndexKey("projectId", true)));
        building.add(new Document("_id", "r1").append("projectId", "p"), "r1", null);
        assertThat(building.exactCount(new Document("projectId", "p"))).isEmpty();
        building.markBuilt();
        assertThat(building.exactCount(new Document("projectId", "p"))).hasValue(1);
    }
}
