package org.qalyptus.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * Lookups by id in a collection whose ids mix types (ObjectId, int, string, null, sub-document...) while another
 * thread writes the collection and commits, as every acknowledged write does. With H2's default data type such a
 * lookup failed now and then with "Can not compare" (see {@link ThreadSafeObjectDataType}); without the fix this
 * test fails within a second or two. It runs on the backend's own collection and maps, without the wire, so that
 * lookups and commits overlap as often as the machine allows.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class MixedIdLookupsDuringCommitsTest {

    private static final String DATABASE = "qalyptus";
    private static final int DOCUMENTS = 1_000;
    private static final long RUN_NANOS = TimeUnit.SECONDS.toNanos(4);
    private static final int READERS = 2;

    @TempDir
    Path dataDirectory;

    private MVStore store;
    private ConsistentH2Backend backend;

    @BeforeEach
    void open() {
        store = new MVStore.Builder().fileName(dataDirectory.resolve("store.mv.db").toString()).autoCommitDisabled().open();
        backend = new ConsistentH2Backend(store);
    }

    @AfterEach
    void close() {
        backend.close();
    }

    @Test
    void everyMapOfACollectionAndItsIdIndexIsThreadSafeWhenCreatedAndWhenReopened() {
        collectionWithMixedIds("mixed");
        assertMapsAreThreadSafe("mixed");

        backend.close();
        open();
        assertMapsAreThreadSafe("mixed");
        assertThat(backend.resolveDatabase(DATABASE).resolveCollection("mixed", true).count()).isEqualTo(DOCUMENTS);
    }

    private void assertMapsAreThreadSafe(String collection) {
        for (String map : List.of("databases." + DATABASE + "." + collection, "meta." + DATABASE + "." + collection)) {
            assertThat(store.hasMap(map)).as(map).isTrue();
            // H2 hands out the instance the backend opened.
            MVMap<Object, Object> opened = store.openMap(map);
            assertThat(opened.getKeyType()).as(map + " keys").isInstanceOf(ThreadSafeObjectDataType.class);
            assertThat(opened.getValueType()).as(map + " values").isInstanceOf(ThreadSafeObjectDataType.class);
        }
        // The id index's keys are compared by KeyValueDataType, which holds no state; its positions are ids.
        String idIndex = DATABASE + "." + collection + "._unique__id_";
        assertThat(store.hasMap(idIndex)).as(idIndex).isTrue();
        MVMap<Object, Object> opened = store.openMap(idIndex);
        assertThat(opened.getKeyType()).as(idIndex + " keys").isSameAs(KeyValueDataType.INSTANCE);
        assertThat(opened.getValueType()).as(idIndex + " values").isInstanceOf(ThreadSafeObjectDataType.class);
    }

    @Test
    void lookupsByIdsOfEveryTypeFindTheirDocumentWhileAnotherThreadWritesAndCommits() throws Exception {
        MongoCollection<Object> collection = collectionWithMixedIds("mixed");
        List<Object> ids = new ArrayList<>();
        collection.queryAll().forEach(document -> ids.add(document.get("_id")));
        assertThat(ids).hasSize(DOCUMENTS);
        // The collection's own map, as the backend opened it: H2 hands out the open instance.
        MVMap<Object, Document> documents = store.openMap("databases." + DATABASE + ".mixed");
        List<Object> keys = new ArrayList<>(documents.keySet());
        assertThat(keys).hasSize(DOCUMENTS);
        // H2 compares these through Java serialization, where the race was.
        List<Object> serializedKeys = keys.stream()
            .filter(key -> key instanceof ObjectId || key instanceof Document || key instanceof Missing).toList();
        assertThat(serializedKeys).hasSizeGreaterThan(DOCUMENTS / 3);

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger lookups = new AtomicInteger();
        AtomicInteger commits = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < READERS; i++) {
            threads.add(new Thread(untilFailure(running, failure, () -> {
                Object key = serializedKeys.get(ThreadLocalRandom.current().nextInt(serializedKeys.size()));
                assertThat(documents.get(key)).as("document under %s", key).isNotNull();
                lookups.incrementAndGet();
            }), "reader-" + i));
        }
        threads.add(new Thread(untilFailure(running, failure, () -> {
            // Rewrites a few documents, so that the commit writes pages that mix id types.
            for (int i = 0; i < 5; i++) {
                Object key = keys.get(ThreadLocalRandom.current().nextInt(keys.size()));
                documents.put(key, documents.get(key));
            }
            store.commit();
            commits.incrementAndGet();
        }), "writer"));

        threads.forEach(Thread::start);
        long start = System.nanoTime();
        while (running.get() && System.nanoTime() - start < RUN_NANOS) {
            Thread.sleep(10);
        }
        running.set(false);
        for (Thread thread : threads) {
            thread.join();
        }

        if (failure.get() != null) {
            throw new AssertionError("failed after " + lookups.get() + " lookups and " + commits.get() + " commits",
                failure.get());
        }
        assertThat(lookups.get()).isPositive();
        assertThat(commits.get()).isPositive();
        List<Document> all = new ArrayList<>();
        collection.queryAll().forEach(all::add);
        assertThat(all).hasSize(DOCUMENTS);
    }

    private MongoCollection<Object> collectionWithMixedIds(String name) {
        @SuppressWarnings("unchecked")
        MongoCollection<Object> collection = (MongoCollection<Object>) backend.resolveDatabase(DATABASE)
            .createCollectionOrThrowIfExists(name);
        for (int number = 0; number < DOCUMENTS; number++) {
            collection.addDocument(document(idOfSomeType(number), number));
        }
        store.commit();
        return collection;
    }

    /** Java-serialized types in H2 (ObjectId, a sub-document, null) among int, long, string and UUID ids. */
    private static Object idOfSomeType(int number) {
        return switch (number % 7) {
            case 0, 1 -> new ObjectId(String.format("%024x", number));
            case 2 -> "id-" + number;
            case 3 -> number;
            case 4 -> 10_000_000_000L + number;
            case 5 -> number == 5 ? null : new Document("k", number);
            default -> UUID.nameUUIDFromBytes(Integer.toString(number).getBytes());
        };
    }

    private static Document document(Object id, int number) {
        Document document = new Document("number", number);
        document.put("_id", id);
        return document;
    }

    private static Runnable untilFailure(AtomicBoolean running, AtomicReference<Throwable> failure, Runnable step) {
        return () -> {
            while (running.get()) {
                try {
                    step.run();
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                    running.set(false);
                }
            }
        };
    }
}
