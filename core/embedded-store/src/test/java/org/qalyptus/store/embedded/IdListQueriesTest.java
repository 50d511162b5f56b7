package org.qalyptus.store.embedded;

import static com.mongodb.client.model.Filters.in;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A long list of ids ({@code {_id: {$in: [...]}}}) is checked against each found document by hashing rather than by
 * the library's matcher; the answers must stay MongoDB's: missing and repeated ids, ObjectIds, sort, skip, limit,
 * projection, updates and deletes by list, and the id types whose equality is not Java's (numbers) still matched
 * as MongoDB does.
 */
class IdListQueriesTest {

    @TempDir
    Path dataDirectory;

    private RunningStore store;
    private MongoCollection<Document> items;
    private final List<ObjectId> objectIds = new ArrayList<>();

    @BeforeEach
    void start() {
        store = RunningStore.start(dataDirectory);
        items = store.collection("items");
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            documents.add(new Document("_id", "d" + i).append("n", i).append("group", "g" + (i % 7)).append("payload", "p" + i));
        }
        for (int i = 0; i < 20; i++) {
            ObjectId id = new ObjectId();
            objectIds.add(id);
            documents.add(new Document("_id", id).append("n", 10_000 + i).append("group", "oid"));
        }
        documents.add(new Document("_id", 1).append("n", -1).append("group", "number"));
        items.insertMany(documents);
    }

    @AfterEach
    void stop() {
        store.close();
    }

    @Test
    void aLongListFindsExactlyTheListedDocumentsOnce() {
        List<Object> listed = new ArrayList<>();
        for (int i = 0; i < 2_400; i += 4) {
            listed.add("d" + i); // up to d2396: the ones from d2000 do not exist
        }
        listed.add("d8"); // repeated
        listed.add("D12"); // case matters
        assertThat(numbers(items.find(in("_id", listed)))).isEqualTo(
                expected(i -> i < 2_000 && i % 4 == 0));
    }

    @Test
    void sortSkipLimitAndProjectionApplyToTheListedDocuments() {
        List<Object> listed = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            listed.add("d" + (i * 3));
        }
        List<Document> page = RunningStore.all(items.find(in("_id", listed)).sort(Sorts.descending("n")).skip(10).limit(5)
                .projection(Projections.include("n")));
        assertThat(page).extracting(d -> d.getInteger("n")).containsExactly(867, 864, 861, 858, 855);
        assertThat(page).allSatisfy(d -> assertThat(d.keySet()).containsExactlyInAnyOrder("_id", "n"));
    }

    @Test
    void objectIdsAreListedToo() {
        List<Object> listed = new ArrayList<>(objectIds.subList(0, 12));
        listed.add(new ObjectId());
        assertThat(numbers(items.find(in("_id", listed)))).hasSize(12).allSatisfy(n -> assertThat(n).isBetween(10_000, 10_011));
    }

    @Test
    void aListWithANumberIsStillMatchedAsMongoDBDoes() {
        List<Object> listed = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            listed.add("d" + i);
        }
        listed.add(1.0); // equals the stored 1
        assertThat(numbers(items.find(in("_id", listed)))).contains(-1).hasSize(11);
    }

    @Test
    void updatesAndDeletesByListTouchOnlyTheListedDocuments() {
        List<Object> listed = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            listed.add("d" + (i * 2));
        }
        listed.add("missing");
        assertThat(items.updateMany(in("_id", listed), Updates.set("marked", true)).getModifiedCount()).isEqualTo(500);
        assertThat(items.countDocuments(new Document("marked", true))).isEqualTo(500);
        assertThat(items.deleteMany(in("_id", listed)).getDeletedCount()).isEqualTo(500);
        assertThat(items.countDocuments()).isEqualTo(2_021 - 500);
        assertThat(numbers(items.find(in("_id", listed)))).isEmpty();
    }

    private static List<Integer> numbers(Iterable<Document> documents) {
        List<Integer> numbers = new ArrayList<>();
        documents.forEach(d -> numbers.add(d.getInteger("n")));
        numbers.sort(Comparator.naturalOrder());
        return numbers;
    }

    private static List<Integer> expected(java.util.function.IntPredicate which) {
        Set<Integer> numbers = new LinkedHashSet<>();
        for (int i = 0; i < 2_000; i++) {
            if (which.test(i)) {
                numbers.add(i);
            }
        }
        return numbers.stream().sorted().collect(Collectors.toList());
    }
}
