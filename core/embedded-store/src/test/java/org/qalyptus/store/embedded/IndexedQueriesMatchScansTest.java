package org.qalyptus.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.bson.BsonValue;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.mongodb.MongoException;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.CountOptions;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.result.DeleteResult;
import com.mongodb.client.result.UpdateResult;

/**
 * The differential property: the same random documents, queries and writes on a collection with
 * non-unique indexes and on one without give the same answers, also after random updates and deletes
 * and after the store is reopened. Values mix types that compare equal (1, 1L, 1.0, Decimal128 1),
 * look alike but differ ("1", true), arrays (nested too), sub-documents, null and missing fields, and
 * ids of several types, since the order of the answers must be the scan's order too.
 * <p>
 * A failure names the seed and the query; rerun one seed by keeping only it in {@link #seeds}.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class IndexedQueriesMatchScansTest {

    private static final int DOCUMENTS = 400;
    private static final int QUERIES = 250;
    private static final int WRITES = 200;

    private static final List<String> PROJECTS = List.of("p0", "p1", "p2", "p3", "p4", "p5");
    private static final List<String> STATUSES = List.of("draft", "done", "archived");
    private static final List<String> TAGS = List.of("a", "b", "c", "d", "e");
    private static final List<String> OWNERS = List.of("u1", "u2", "u3");
    private static final List<String> SKUS = List.of("s1", "s2", "s3", "s4");
    private static final Object MISSING = new Object();
    private static final List<Object> NUMBERS_AND_LOOKALIKES = List.of(0, 1, 1L, 1.0, 2, 2.5, -0.0,
        Decimal128.parse("1"), Decimal128.parse("2.5"), "1", true, false, 9_007_199_254_740_993L,
        9_007_199_254_740_992.0, Double.NaN, new Date(1_000), new ObjectId("0123456789abcdef01234567"),
        UUID.fromString("00000000-0000-0000-0000-000000000001"));

    /** The indexed fields and what a query compares them with. */
    private static final Map<String, Supplier<List<Object>>> QUERIED_VALUES = new LinkedHashMap<>();

    static {
        QUERIED_VALUES.put("projectId", () -> withStrays(PROJECTS));
        QUERIED_VALUES.put("tags", () -> withStrays(TAGS));
        QUERIED_VALUES.put("owner.id", () -> withStrays(OWNERS));
        QUERIED_VALUES.put("items.sku", () -> withStrays(SKUS));
        QUERIED_VALUES.put("n", () -> withStrays(NUMBERS_AND_LOOKALIKES));
        QUERIED_VALUES.put("status", () -> withStrays(STATUSES));
    }

    @TempDir
    Path dataDirectory;

    /** Both durability modes share the backend that keeps the indexes. */
    static Stream<Arguments> seeds() {
        return Stream.of(
            Arguments.of(1L, Durability.SYNC_ON_ACK),
            Arguments.of(2L, Durability.SYNC_ON_ACK),
            Arguments.of(3L, Durability.BACKGROUND),
            Arguments.of(4L, Durability.SYNC_ON_ACK));
    }

    @ParameterizedTest(name = "seed {0}, {1}")
    @MethodSource("seeds")
    void indexedAndUnindexedCollectionsGiveTheSameAnswers(long seed, Durability durability) {
        Random random = new Random(seed);
        try (RunningStore store = RunningStore.start(EmbeddedStoreOptions.inDataDirectory(dataDirectory)
            .withDurability(durability))) {
            MongoCollection<Document> indexed = store.collection("indexed");
            createIndexes(indexed);
            List<Document> documents = new ArrayList<>();
            for (int i = 0; i < DOCUMENTS; i++) {
                documents.add(randomDocument(random, i));
            }
            indexed.insertMany(copies(documents));
            store.collection("plain").insertMany(copies(documents));

            int answeredFromIndexes = compareQueries(random, store, "seed " + seed + ", after inserts");
            applyRandomWrites(random, store, "seed " + seed);
            answeredFromIndexes += compareQueries(random, store, "seed " + seed + ", after writes");
            Map<String, Long> entriesBeforeReopening = indexEntries(store);

            store.restart();
            answeredFromIndexes += compareQueries(random, store, "seed " + seed + ", after reopening");

            assertThat(indexEntries(store)).as("entries kept up by writes equal entries rebuilt from the documents")
                .isEqualTo(entriesBeforeReopening);
            assertThat(answeredFromIndexes).as("queries answered from a secondary index").isGreaterThan(2 * QUERIES);
        }
    }

    private static void createIndexes(MongoCollection<Document> collection) {
        collection.createIndex(new Document("projectId", 1), new IndexOptions().name("project"));
        collection.createIndex(new Document("tags", 1), new IndexOptions().name("tags"));
        collection.createIndex(new Document("owner.id", 1), new IndexOptions().name("owner"));
        collection.createIndex(new Document("items.sku", 1), new IndexOptions().name("sku"));
        collection.createIndex(new Document("n", -1), new IndexOptions().name("n"));
        collection.createIndex(new Document("projectId", 1).append("status", 1), new IndexOptions().name("project_status"));
        collection.createIndex(new Document("status", 1).append("rank", -1), new IndexOptions().name("status_rank"));
    }

    private static Map<String, Long> indexEntries(RunningStore store) {
        Map<String, Long> entries = new LinkedHashMap<>();
        for (String index : List.of("project", "tags", "owner", "sku", "n", "project_status", "status_rank")) {
            entries.put(index, store.indexEntries("indexed", index));
        }
        return entries;
    }

    /** @return how many queries a secondary index answered */
    private static int compareQueries(Random random, RunningStore store, String phase) {
        MongoCollection<Document> indexed = store.collection("indexed");
        MongoCollection<Document> plain = store.collection("plain");
        assertThat(RunningStore.all(indexed.find())).as(phase + ": all documents in scan order")
            .isEqualTo(RunningStore.all(plain.find()));
        int answeredFromIndexes = 0;
        for (int i = 0; i < QUERIES; i++) {
            Query query = randomQuery(random);
            String description = phase + ", query " + i + ": " + query;
            assertThat(outcome(() -> query.run(indexed))).as(description).isEqualTo(outcome(() -> query.run(plain)));
            CountOptions counting = new CountOptions().skip(query.skip).limit(query.limit);
            assertThat(outcome(() -> indexed.countDocuments(query.filter, counting))).as(description + " countDocuments")
                .isEqualTo(outcome(() -> plain.countDocuments(query.filter, counting)));
            assertThat(indexed.distinct("status", query.filter, BsonValue.class).into(new ArrayList<>()))
                .as(description + " distinct status")
                .isEqualTo(plain.distinct("status", query.filter, BsonValue.class).into(new ArrayList<>()));
            String plan = RunningStore.plan(indexed, query.filter);
            if (plan.startsWith("IXSCAN") && !plan.equals("IXSCAN _id_")) {
                answeredFromIndexes++;
            }
        }
        return answeredFromIndexes;
    }

    private static void applyRandomWrites(Random random, RunningStore store, String phase) {
        MongoCollection<Document> indexed = store.collection("indexed");
        MongoCollection<Document> plain = store.collection("plain");
        int nextId = DOCUMENTS;
        for (int i = 0; i < WRITES; i++) {
            Document filter = randomFilter(random);
            String description = phase + ", write " + i + " on " + filter;
            switch (random.nextInt(9)) {
                case 0 -> {
                    Document update = new Document("$set", new Document(randomIndexedTopField(random), randomFieldValue(random)));
                    assertSameUpdate(description + " updateMany " + update,
                        collection -> collection.updateMany(filter, update), indexed, plain);
                }
                case 1 -> {
                    Document update = new Document("$set", new Document("projectId", pick(random, PROJECTS)));
                    assertSameUpdate(description + " updateOne " + update,
                        collection -> collection.updateOne(filter, update), indexed, plain);
                }
                case 2 -> {
                    Document replacement = randomDocument(random, nextId++);
                    replacement.remove("_id");
                    assertSameUpdate(description + " replaceOne " + replacement,
                        collection -> collection.replaceOne(filter, copy(replacement)), indexed, plain);
                }
                case 3 -> assertSameDelete(description + " deleteOne", collection -> collection.deleteOne(filter),
                    indexed, plain);
                case 4 -> {
                    // Narrowed, so that the collection does not empty out over the writes.
                    Document narrowed = new Document("$and", List.of(filter, new Document("rank", random.nextInt(10))));
                    assertSameDelete(description + " deleteMany rank", collection -> collection.deleteMany(narrowed),
                        indexed, plain);
                }
                case 5 -> {
                    Document update = random.nextBoolean()
                        ? new Document("$set", new Document("tags", randomList(random, TAGS, 0, 3)))
                        : new Document("$unset", new Document("projectId", ""));
                    FindOneAndUpdateOptions options = new FindOneAndUpdateOptions()
                        .sort(new Document("rank", -1)).returnDocument(ReturnDocument.AFTER);
                    assertThat(outcome(() -> indexed.findOneAndUpdate(filter, update, options)))
                        .as(description + " findOneAndUpdate " + update)
                        .isEqualTo(outcome(() -> plain.findOneAndUpdate(filter, update, options)));
                }
                case 6 -> assertThat(outcome(() -> indexed.findOneAndDelete(filter))).as(description + " findOneAndDelete")
                    .isEqualTo(outcome(() -> plain.findOneAndDelete(filter)));
                case 7 -> {
                    Document upsertFilter = new Document("_id", nextId++).append("projectId", pick(random, PROJECTS));
                    Document update = new Document("$set", new Document("status", pick(random, STATUSES)));
                    assertSameUpdate(description + " upsert " + upsertFilter,
                        collection -> collection.updateOne(upsertFilter, update, new UpdateOptions().upsert(true)),
                        indexed, plain);
                }
                default -> {
                    Document document = randomDocument(random, nextId++);
                    indexed.insertOne(copy(document));
                    plain.insertOne(copy(document));
                }
            }
        }
    }

    /** The answer, or the error, so that a query the store refuses must be refused alike. */
    private static Object outcome(Supplier<?> query) {
        try {
            return query.get();
        } catch (MongoException e) {
            return "error " + e.getCode() + ": " + e.getMessage();
        }
    }

    private static void assertSameUpdate(String description, Function<MongoCollection<Document>, UpdateResult> write,
            MongoCollection<Document> indexed, MongoCollection<Document> plain) {
        assertThat(outcome(() -> write.apply(indexed))).as(description).isEqualTo(outcome(() -> write.apply(plain)));
    }

    private static void assertSameDelete(String description, Function<MongoCollection<Document>, DeleteResult> write,
            MongoCollection<Document> indexed, MongoCollection<Document> plain) {
        assertThat(outcome(() -> write.apply(indexed))).as(description).isEqualTo(outcome(() -> write.apply(plain)));
    }

    private static Query randomQuery(Random random) {
        Query query = new Query(randomFilter(random));
        switch (random.nextInt(7)) {
            case 0 -> query.sort = new Document("rank", 1);
            case 1 -> query.sort = new Document("rank", -1).append("_id", 1);
            case 2 -> query.sort = new Document("n", 1);
            case 3 -> query.sort = new Document("$natural", -1);
            case 4 -> query.sort = new Document("projectId", -1);
            default -> query.sort = null;
        }
        query.skip = random.nextInt(4) == 0 ? 1 + random.nextInt(5) : 0;
        query.limit = random.nextInt(3) == 0 ? 1 + random.nextInt(10) : 0;
        query.batchSize = random.nextInt(4) == 0 ? 3 : 0;
        switch (random.nextInt(6)) {
            case 0 -> query.projection = new Document("projectId", 1).append("rank", 1);
            case 1 -> query.projection = new Document("tags", 0).append("items", 0);
            case 2 -> query.projection = new Document("owner.id", 1).append("_id", 0);
            default -> query.projection = null;
        }
        return query;
    }

    /** A condition on an indexed field, often with others; sometimes on values no index can look up. */
    private static Document randomFilter(Random random) {
        List<String> fields = new ArrayList<>(QUERIED_VALUES.keySet());
        String field = pick(random, fields);
        List<Object> values = QUERIED_VALUES.get(field).get();
        Object condition = switch (random.nextInt(10)) {
            case 0, 1, 2, 3 -> pick(random, values);
            case 4 -> new Document("$eq", pick(random, values));
            case 5, 6, 7 -> new Document("$in", randomValues(random, values));
            case 8 -> new Document("$in", randomValues(random, values)).append("$ne", pick(random, values));
            default -> unindexableCondition(random, values);
        };
        Document filter = new Document(field, condition);
        Document extra = switch (random.nextInt(8)) {
            case 0 -> new Document("rank", new Document("$gte", random.nextInt(10)));
            case 1 -> new Document("status", pick(random, STATUSES));
            case 2 -> new Document("tags", new Document("$exists", random.nextBoolean()));
            case 3 -> new Document("$or", List.of(new Document("rank", random.nextInt(10)),
                new Document("status", pick(random, STATUSES))));
            case 4 -> new Document("projectId", new Document("$in", randomValues(random, withStrays(PROJECTS))));
            default -> null;
        };
        if (extra == null || extra.keySet().iterator().next().equals(field)) {
            return filter;
        }
        return random.nextBoolean() ? new Document("$and", List.of(filter, extra)) : merge(filter, extra);
    }

    /** Sub-documents, arrays and regular expressions: answered by scanning, and must still be right. */
    private static Object unindexableCondition(Random random, List<Object> values) {
        return switch (random.nextInt(4)) {
            case 0 -> new Document("x", pick(random, values));
            case 1 -> Arrays.asList(pick(random, values), pick(random, values));
            case 2 -> Pattern.compile("^[ps]1");
            default -> new Document("$in", Arrays.asList(Pattern.compile("^u"), pick(random, values)));
        };
    }

    private static Document merge(Document first, Document second) {
        Document merged = new Document(first);
        merged.putAll(second);
        return merged;
    }

    private static List<Object> randomValues(Random random, List<Object> values) {
        List<Object> chosen = new ArrayList<>();
        int count = random.nextInt(5);
        for (int i = 0; i < count; i++) {
            chosen.add(pick(random, values));
        }
        return chosen;
    }

    /** The field's usual values, plus null and a value no document has. */
    private static List<Object> withStrays(List<?> values) {
        List<Object> all = new ArrayList<>(values);
        all.add(null);
        all.add("nowhere");
        return all;
    }

    private static String randomIndexedTopField(Random random) {
        return pick(random, List.of("projectId", "tags", "owner", "items", "n", "status"));
    }

    private static Object randomFieldValue(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> pick(random, PROJECTS);
            case 1 -> List.of(pick(random, TAGS), pick(random, PROJECTS));
            case 2 -> new Document("id", pick(random, OWNERS));
            case 3 -> pick(random, NUMBERS_AND_LOOKALIKES);
            case 4 -> null;
            default -> pick(random, STATUSES);
        };
    }

    private static Document randomDocument(Random random, int number) {
        Document document = new Document("_id", randomId(random, number));
        put(document, "projectId", oneOf(random,
            w(70, () -> pick(random, PROJECTS)),
            w(8, () -> MISSING),
            w(5, () -> null),
            w(5, () -> pick(random, List.of(1, 1L, 1.0))),
            w(7, () -> randomList(random, PROJECTS, 1, 3)),
            w(3, () -> new Document("x", "p0")),
            w(2, List::of)));
        put(document, "status", oneOf(random,
            w(80, () -> pick(random, STATUSES)),
            w(15, () -> MISSING),
            w(5, () -> null)));
        put(document, "tags", oneOf(random,
            w(60, () -> randomList(random, TAGS, 0, 4)),
            w(15, () -> pick(random, TAGS)),
            w(10, () -> List.of(randomList(random, TAGS, 1, 2), pick(random, TAGS))),
            w(15, () -> MISSING)));
        put(document, "owner", oneOf(random,
            w(50, () -> new Document("id", pick(random, OWNERS))),
            w(15, () -> List.of(new Document("id", pick(random, OWNERS)), new Document("id", pick(random, OWNERS)))),
            w(5, () -> List.of(new Document("name", "nobody"))),
            w(5, () -> new Document("id", randomList(random, OWNERS, 1, 2))),
            w(10, () -> pick(random, OWNERS)),
            w(15, () -> MISSING)));
        put(document, "items", oneOf(random,
            w(60, () -> randomItems(random)),
            w(10, () -> new Document("sku", pick(random, SKUS))),
            w(30, () -> MISSING)));
        put(document, "n", oneOf(random,
            w(70, () -> pick(random, NUMBERS_AND_LOOKALIKES)),
            w(10, () -> MISSING),
            w(5, () -> null),
            w(10, () -> List.of(pick(random, NUMBERS_AND_LOOKALIKES), pick(random, NUMBERS_AND_LOOKALIKES))),
            w(5, () -> List.of(List.of(1)))));
        put(document, "rank", oneOf(random,
            w(90, () -> random.nextInt(10)),
            w(10, () -> MISSING)));
        return document;
    }

    private static Object randomId(Random random, int number) {
        return switch (random.nextInt(10)) {
            case 0, 1 -> new ObjectId(String.format("%024x", number));
            case 2, 3, 4 -> "id-" + number;
            default -> number;
        };
    }

    private static List<Document> randomItems(Random random) {
        List<Document> items = new ArrayList<>();
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
            Document item = new Document("qty", random.nextInt(5));
            if (random.nextInt(5) > 0) {
                item.append("sku", pick(random, SKUS));
            }
            items.add(item);
        }
        return items;
    }

    private static List<Object> randomList(Random random, List<?> values, int min, int max) {
        List<Object> list = new ArrayList<>();
        int count = min + random.nextInt(max - min + 1);
        for (int i = 0; i < count; i++) {
            list.add(pick(random, values));
        }
        return list;
    }

    private record Weighted(int weight, Supplier<Object> value) {
    }

    private static Weighted w(int weight, Supplier<Object> value) {
        return new Weighted(weight, value);
    }

    private static Object oneOf(Random random, Weighted... choices) {
        int draw = random.nextInt(Arrays.stream(choices).mapToInt(Weighted::weight).sum());
        for (Weighted choice : choices) {
            draw -= choice.weight();
            if (draw < 0) {
                return choice.value().get();
            }
        }
        throw new IllegalStateException("weights must be positive");
    }

    private static void put(Document document, String field, Object value) {
        if (value != MISSING) {
            document.append(field, value);
        }
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static List<Document> copies(List<Document> documents) {
        return documents.stream().map(IndexedQueriesMatchScansTest::copy).toList();
    }

    /** Values other than documents and lists are immutable, or never changed. */
    private static Document copy(Document document) {
        Document copy = new Document();
        document.forEach((field, value) -> copy.append(field, copyValue(value)));
        return copy;
    }

    private static Object copyValue(Object value) {
        if (value instanceof Document document) {
            return copy(document);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(IndexedQueriesMatchScansTest::copyValue).toList();
        }
        return value;
    }

    private static final class Query {

        private final Document filter;
        private Document sort;
        private int skip;
        private int limit;
        private int batchSize;
        private Document projection;

        Query(Document filter) {
            this.filter = filter;
        }

        List<Document> run(MongoCollection<Document> collection) {
            FindIterable<Document> find = collection.find(filter).skip(skip).limit(limit).batchSize(batchSize);
            if (sort != null) {
                find = find.sort(sort);
            }
            if (projection != null) {
                find = find.projection(projection);
            }
            return find.into(new ArrayList<>());
        }

        @Override
        public String toString() {
            return "find " + filter + " sort " + (sort == null ? "-" : sort) + " skip " + skip
                + " limit " + limit + " batch " + batchSize + " projection "
                + (projection == null ? "-" : projection);
        }
    }
}
