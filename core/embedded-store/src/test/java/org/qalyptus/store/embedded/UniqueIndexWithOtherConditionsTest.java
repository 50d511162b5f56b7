package org.qalyptus.store.embedded;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;
import static org.assertj.core.api.Assertions.assertThat;
import static org.qalyptus.store.embedded.RunningStore.plan;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A query that pins a unique index's fields next to other conditions ({@code {_id: x, version: 3}}, the shape of
 * every conditional update by id) is answered from that index, with the same answers as a scan, instead of reading
 * the whole collection.
 */
class UniqueIndexWithOtherConditionsTest {

    @TempDir
    Path dataDirectory;

    private RunningStore store;
    private MongoCollection<Document> states;
    private MongoCollection<Document> plain;

    @BeforeEach
    void start() {
        store = RunningStore.start(dataDirectory);
        states = store.collection("states");
        plain = store.collection("plain");
        states.createIndex(Indexes.ascending("owner", "name"), new IndexOptions().unique(true).name("owner_name"));
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            documents.add(new Document("_id", "s" + i).append("version", i % 7).append("owner", "o" + (i % 10))
                    .append("name", "n" + i).append("nextFire", i % 3 == 0 ? null : (long) i));
        }
        states.insertMany(documents);
        plain.insertMany(documents.stream().map(Document::new).toList());
    }

    @AfterEach
    void stop() {
        store.close();
    }

    @Test
    void theIdIndexAnswersAQueryThatAlsoHasOtherConditions() {
        assertThat(plan(states, and(eq("_id", "s10"), eq("version", 3)))).isEqualTo("IXSCAN _id_");
        assertThat(plan(states, and(eq("_id", "s10"), or(eq("nextFire", null), lt("nextFire", 5L))))).isEqualTo("IXSCAN _id_");
        assertThat(plan(states, and(eq("owner", "o1"), eq("name", "n11"), gt("version", 0)))).isEqualTo("IXSCAN owner_name");
        // what the index cannot pin alone is still scanned
        assertThat(plan(states, and(in("version", 1, 2), eq("nextFire", 4L)))).isEqualTo("COLLSCAN");
        assertThat(plan(states, and(eq("owner", "o1"), gt("version", 0)))).isEqualTo("COLLSCAN");
    }

    @Test
    void itsAnswersAreThoseOfAScan() {
        List<Bson> filters = List.of(
                and(eq("_id", "s10"), eq("version", 3)),
                and(eq("_id", "s10"), eq("version", 4)),
                and(eq("_id", "s9"), eq("nextFire", null)),
                and(eq("_id", "s10"), eq("nextFire", null)),
                and(eq("_id", "missing"), eq("version", 0)),
                and(eq("_id", "s12"), or(eq("nextFire", null), lt("nextFire", 5L))),
                and(eq("owner", "o1"), eq("name", "n11"), gt("version", 0)),
                and(eq("owner", "o1"), eq("name", "n11"), gt("version", 6)),
                and(in("_id", "s1", "s2", "s3"), gt("version", 1)));
        for (Bson filter : filters) {
            assertThat(RunningStore.all(states.find(filter))).as(filter.toString()).isEqualTo(RunningStore.all(plain.find(filter)));
            assertThat(states.countDocuments(filter)).as(filter.toString()).isEqualTo(plain.countDocuments(filter));
        }
    }

    @Test
    void conditionalUpdatesByIdApplyOnlyWhileTheConditionHolds() {
        Bson stillAt = and(eq("_id", "s10"), eq("version", 3));
        assertThat(states.updateOne(stillAt, Updates.inc("version", 1)).getModifiedCount()).isEqualTo(1);
        assertThat(states.updateOne(stillAt, Updates.inc("version", 1)).getModifiedCount()).isZero();
        Bson unclaimed = and(eq("_id", "s10"), eq("owner", "o0"));
        Document claimed = states.findOneAndUpdate(unclaimed, Updates.set("owner", "o-claimed"),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        assertThat(claimed).isNotNull();
        assertThat(claimed.getString("owner")).isEqualTo("o-claimed");
        assertThat(states.findOneAndUpdate(unclaimed, Updates.set("owner", "again"))).isNull();
        assertThat(states.deleteOne(and(eq("_id", "s11"), eq("version", 0))).getDeletedCount()).isZero();
        assertThat(states.deleteOne(and(eq("_id", "s11"), eq("version", 4))).getDeletedCount()).isEqualTo(1);
    }
}
