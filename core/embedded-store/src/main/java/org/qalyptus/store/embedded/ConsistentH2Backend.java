package org.qalyptus.store.embedded;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import io.netty.channel.Channel;

/**
 * mongo-java-server's H2 backend with the corrections that every mode of the embedded store needs.
 * <ul>
 * <li>It answers the aggregation drivers send for {@code countDocuments} as a {@code count}, which reads
 * through the indexes ({@link CountDocuments}).
 * <li>It answers {@code hello} as MongoDB 4.4 and later do. mongo-java-server 1.47 knows only the
 * older {@code isMaster}, but current drivers and Spring Boot's health check send {@code hello}; the
 * two differ only in the name of the primary flag.</li>
 * <li>Queries hand out copies of the stored documents. Stock mongo-java-server returns the stored
 * objects themselves and updates them in place, so a reply still being written, or a cursor's next
 * batch, could show a document half old and half new (seen: a document with {@code version} 0 and the
 * payload of version 353). With copies, updates change a copy that then replaces the stored
 * document, and readers only ever see whole versions.</li>
 * <li>Non-unique indexes answer queries. Stock mongo-java-server ignores them, so that every query on
 * a field other than {@code _id} or a unique index reads the whole collection. Here each becomes a
 * {@link SecondaryIndex}, maintained by the library's index hooks on every write, and the collection
 * answers a query that pins its leading fields from it. {@code explain} on {@code find} tells which
 * index answers a filter.</li>
 * <li>A unique index answers a query that pins its fields next to other conditions ({@code {_id: x,
 * version: 3}}, as conditional updates and optimistic locking write). Stock mongo-java-server uses a
 * unique index only when the query has exactly its fields, and scans otherwise: every conditional
 * update by id read the whole collection. Here the index gives the candidates for its fields alone and
 * the whole query is applied to them.</li>
 * <li>Collections keep their documents, and unique indexes their positions, in maps whose keys and values
 * are handled by a {@link ThreadSafeObjectDataType}. Stock maps use H2's {@code ObjectDataType}, which is not thread-safe: a
 * lookup of an {@code ObjectId} id while a commit wrote the collection's pages failed now and then with
 * "Can not compare".</li>
 * <li>Unique indexes (among them every {@code _id} index) compare keys in memory ({@link StoredUniqueIndex},
 * {@link KeyValueDataType}) instead of Java-serializing both keys at each step of a search. Their maps have
 * new names; a store written before is migrated as it opens: each new map is filled from the documents, marked
 * complete, and the library's map is removed.</li>
 * </ul>
 */
class ConsistentH2Backend extends H2Backend {

    // Must stay equal to H2Database's map names, or existing store files would look empty.
    private static final String DATA_MAP_PREFIX = "databases.";
    private static final String META_MAP_PREFIX = "meta.";
    private static final String INDEX_MAP_INFIX = "._index_";
    /** MongoDB's code; mongo-java-server's ErrorCode does not list it. */
    private static final int COMMAND_NOT_SUPPORTED = 115;

    // H2Backend opens the existing databases inside its constructor, before this class's fields are
    // assigned, so the store is also handed over through the constructing thread.
    private static final ThreadLocal<MVStore> STORE_BEING_OPENED = new ThreadLocal<>();

    private final MVStore store;

    ConsistentH2Backend(MVStore store) {
        super(handOver(store));
        STORE_BEING_OPENED.remove();
        this.store = store;
    }

    private static MVStore handOver(MVStore store) {
        STORE_BEING_OPENED.set(store);
        return store;
    }

    private MVStore store() {
        return store != null ? store : STORE_BEING_OPENED.get();
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        if ("explain".equalsIgnoreCase(command)) {
            return explain(databaseName, query);
        }
        if ("aggregate".equalsIgnoreCase(command)) {
            var count = CountDocuments.asCount(query);
            if (count.isPresent()) {
                Document reply = super.handleCommand(channel, databaseName, "count", count.get());
                return CountDocuments.asCursor(reply, databaseName, (String) query.get("aggregate"));
            }
        }
        if (!"hello".equalsIgnoreCase(command)) {
            return super.handleCommand(channel, databaseName, command, query);
        }
        Document reply = super.handleCommand(channel, databaseName, "isMaster", query);
        reply.put("isWritablePrimary", reply.getOrDefault("ismaster", Boolean.TRUE));
        return reply;
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new CopyingDatabase(databaseName, store(), getCursorRegistry());
    }

    /**
     * Answers {@code explain} for {@code find} with the plan's first stages only: which index, if any,
     * answers the filter. mongo-java-server has no {@code explain}; this lets tests and developers check
     * that a query is indexed, the same way as on MongoDB.
     */
    private Document explain(String databaseName, Document command) {
        Document explained = command.get("explain") instanceof Document given ? given : new Document();
        String explainedCommand = explained.isEmpty() ? "" : explained.keySet().iterator().next();
        if (!"find".equalsIgnoreCase(explainedCommand) || !(explained.get(explainedCommand) instanceof String collectionName)) {
            throw new MongoServerError(COMMAND_NOT_SUPPORTED, "CommandNotSupported", "the embedded store explains only find");
        }
        Document filter = explained.get("filter") instanceof Document given ? given : new Document();
        MongoCollection<?> collection = resolveDatabase(databaseName).resolveCollection(collectionName, false);
        Document winningPlan = collection instanceof CopyingCollection copying
            ? copying.plan(filter)
            : new Document("stage", "EOF");
        Document queryPlanner = new Document("namespace", databaseName + "." + collectionName)
            .append("winningPlan", winningPlan);
        return new Document("queryPlanner", queryPlanner).append("ok", 1.0);
    }

    /** Inner, not static: it opens collections in its constructor, when only the outer instance is set. */
    private final class CopyingDatabase extends H2Database {

        private static final String INDEX_DESCRIPTIONS = "system.indexes";
        /** Names of the unique index maps filled with every document, and their format. */
        private static final String COMPLETE_UNIQUE_INDEXES = "qalyptus.completeUniqueIndexes";
        private static final String UNIQUE_INDEX_FORMAT = "KeyValueDataType-1";

        /** False while H2Database's constructor opens the stored collections and their indexes. */
        private boolean opened;

        CopyingDatabase(String databaseName, MVStore store, CursorRegistry cursorRegistry) {
            super(databaseName, store, cursorRegistry);
            opened = true;
            buildIndexesDeferredWhileOpening();
        }

        boolean isOpening() {
            return !opened;
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            String fullName = getFullCollectionNamespace(collectionName);
            MVMap<Object, Document> dataMap = ThreadSafeObjectDataType.openMap(store(), DATA_MAP_PREFIX + fullName);
            MVMap<String, Object> metaMap = ThreadSafeObjectDataType.openMap(store(), META_MAP_PREFIX + fullName);
            return new CopyingCollection(this, collectionName, options, dataMap, metaMap, cursorRegistry);
        }

        /**
         * A unique index in a map of its own format. A map not marked complete is emptied: it is new, or its filling
         * was cut short; either way {@link CopyingCollection#addIndex} fills it from the documents.
         */
        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                boolean sparse) {
            String name = uniqueIndexMapName(collectionName, indexName);
            MVMap<KeyValue, Object> map = store().openMap(name, new MVMap.Builder<KeyValue, Object>()
                .keyType(KeyValueDataType.INSTANCE)
                .valueType(new ThreadSafeObjectDataType()));
            if (!completeUniqueIndexes().containsKey(name)) {
                map.clear();
            }
            return new StoredUniqueIndex(map, indexName, keys, sparse);
        }

        /** Called once the index holds every document: from now on it opens as it is, and the old map goes. */
        void uniqueIndexFilled(String collectionName, StoredUniqueIndex index) {
            String name = uniqueIndexMapName(collectionName, index.getName());
            completeUniqueIndexes().put(name, UNIQUE_INDEX_FORMAT);
            String libraryMap = getFullCollectionNamespace(collectionName) + INDEX_MAP_INFIX + index.getName();
            if (store().hasMap(libraryMap)) {
                store().removeMap(libraryMap);
            }
        }

        @Override
        protected void dropIndex(MongoCollection<Object> collection, String indexName) {
            super.dropIndex(collection, indexName);
            String name = uniqueIndexMapName(collection.getCollectionName(), indexName);
            completeUniqueIndexes().remove(name);
            if (store().hasMap(name)) {
                store().removeMap(name);
            }
        }

        private String uniqueIndexMapName(String collectionName, String indexName) {
            // Starts with the namespace, so that dropping the database removes it with the collection's maps.
            return getFullCollectionNamespace(collectionName) + "._unique_" + indexName;
        }

        private MVMap<String, String> completeUniqueIndexes() {
            return ThreadSafeObjectDataType.openMap(store(), COMPLETE_UNIQUE_INDEXES);
        }

        @Override
        protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
                boolean sparse) {
            if (collectionName.startsWith("system.") || !SecondaryIndex.canIndex(keys)) {
                return super.openOrCreateSecondaryIndex(collectionName, indexName, keys, sparse);
            }
            return new SecondaryIndex(indexName, keys);
        }

        /** Only collections named in the index descriptions can have had indexes opened. */
        private void buildIndexesDeferredWhileOpening() {
            MongoCollection<Object> descriptions = resolveCollection(INDEX_DESCRIPTIONS, false);
            if (descriptions == null) {
                return;
            }
            Set<String> namespaces = new LinkedHashSet<>();
            descriptions.queryAll().forEach(description -> namespaces.add(String.valueOf(description.get("ns"))));
            String prefix = getDatabaseName() + ".";
            for (String namespace : namespaces) {
                if (namespace.startsWith(prefix)
                    && resolveCollection(namespace.substring(prefix.length()), false) instanceof CopyingCollection collection) {
                    collection.buildDeferredIndexes();
                }
            }
        }
    }

    /**
     * The H2 collection handing out copies, and answering queries from its {@link SecondaryIndex}es.
     * <p>
     * Index choice: a unique index that can answer the query, as the library would choose it; otherwise
     * the secondary index whose leading fields the query pins the most of; otherwise a scan.
     */
    private static final class CopyingCollection extends H2Collection {

        /** Secondary indexes opened with the database, built in one pass once all are known. */
        private final List<SecondaryIndex> deferredIndexes = new ArrayList<>();

        CopyingCollection(MongoDatabase database, String collectionName, CollectionOptions options,
                MVMap<Object, Document> dataMap, MVMap<String, Object> metaMap, CursorRegistry cursorRegistry) {
            super(database, collectionName, options, dataMap, metaMap, cursorRegistry);
        }

        @Override
        protected QueryResult createQueryResult(List<Document> matchedDocuments, int batchSize) {
            return super.createQueryResult(matchedDocuments.stream().map(Document::cloneDeeply).toList(), batchSize);
        }

        /** Replaces the library's choice of index, which knows only unique indexes. */
        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
                Document fieldSelector) {
            UniqueLookup unique = uniqueIndexAnswering(query);
            if (unique != null) {
                Set<Object> ids = unique.pinned() == query ? IdList.of(query) : null;
                if (ids != null) {
                    // the library's matcher compares each document with every listed id: O(documents x ids)
                    Stream<Document> listed = StreamSupport.stream(unique.index().getPositions(query).spliterator(), false)
                        .map(this::getDocument)
                        .filter(Objects::nonNull)
                        .filter(document -> ids.contains(document.get(IdList.ID)));
                    return matchDocumentsFromStream(listed, new Document(), orderBy, numberToSkip, limit, batchSize,
                        fieldSelector);
                }
                return matchDocuments(query, unique.index().getPositions(unique.pinned()), orderBy, numberToSkip, limit,
                    batchSize, fieldSelector);
            }
            SecondaryIndex.Lookup lookup = bestSecondaryLookup(query);
            if (lookup == null) {
                return matchDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
            }
            List<Object> positions = lookup.positions();
            if (isNaturalDescending(orderBy)) {
                // As the scan orders them (stably, from data map order).
                positions.sort(ValueComparator.desc());
            }
            return matchDocuments(query, positions, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }

        /**
         * As the library's, but skips a position without a document. Indexes and documents change together
         * under the collection's lock; only a write that failed half-way could leave such an entry behind.
         * An entry under wrong keys is harmless anyway, as the whole query is applied to every document.
         */
        @Override
        protected QueryResult matchDocuments(Document query, Iterable<Object> positions, Document orderBy,
                int numberToSkip, int limit, int batchSize, Document fieldSelector) {
            Stream<Document> documents = StreamSupport.stream(positions.spliterator(), false)
                .map(this::getDocument)
                .filter(Objects::nonNull);
            return matchDocumentsFromStream(documents, query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }

        /** A unique index and the part of a query it answers (the whole query, or the conditions on its fields). */
        private record UniqueLookup(Index<Object> index, Document pinned) {}

        /**
         * The unique index that answers the query, or the conditions on its fields when the query has others
         * too: the library's own {@code canHandle} judges that part, so the candidates it gives include every
         * document the whole query matches, which {@link #matchDocuments} then applies.
         */
        private UniqueLookup uniqueIndexAnswering(Document query) {
            for (Index<Object> index : getIndexes()) {
                if (!(index instanceof SecondaryIndex) && index.canHandle(query)) {
                    return new UniqueLookup(index, query);
                }
            }
            for (Index<Object> index : getIndexes()) {
                if (index instanceof SecondaryIndex) {
                    continue;
                }
                Document pinned = new Document();
                for (IndexKey key : index.getKeys()) {
                    Object condition = conditionOn(query, key.getKey());
                    if (condition == null) {
                        pinned = null;
                        break;
                    }
                    pinned.put(key.getKey(), condition);
                }
                if (pinned != null && index.canHandle(pinned)) {
                    return new UniqueLookup(index, pinned);
                }
            }
            return null;
        }

        /**
         * The condition on {@code field} that every match satisfies: at the top level or in a clause of a
         * top-level {@code $and} (the driver's {@code Filters.and} writes one); null when there is none. A null
         * value is a condition too ({@code field: null}) and is returned wrapped, so that it is not lost.
         */
        private static Object conditionOn(Document query, String field) {
            if (query.containsKey(field)) {
                return wrapNull(query.get(field));
            }
            if (query.get("$and") instanceof List<?> clauses) {
                for (Object clause : clauses) {
                    if (clause instanceof Document document) {
                        Object found = conditionOn(document, field);
                        if (found != null) {
                            return found;
                        }
                    }
                }
            }
            return null;
        }

        private static Object wrapNull(Object value) {
            return value == null ? new Document("$eq", null) : value;
        }

        private SecondaryIndex.Lookup bestSecondaryLookup(Document query) {
            SecondaryIndex.Lookup best = null;
            for (Index<Object> index : getIndexes()) {
                if (index instanceof SecondaryIndex secondary) {
                    SecondaryIndex.Lookup lookup = secondary.lookup(query);
                    if (lookup != null && (best == null || lookup.pinnedFields() > best.pinnedFields())) {
                        best = lookup;
                    }
                }
            }
            return best;
        }

        /** The first stages of the plan {@link #queryDocuments} follows, shaped as MongoDB's explain output. */
        synchronized Document plan(Document query) {
            UniqueLookup unique = uniqueIndexAnswering(query);
            Index<Object> index = unique == null ? null : unique.index();
            if (index == null) {
                SecondaryIndex.Lookup lookup = bestSecondaryLookup(query);
                index = lookup == null ? null : lookup.index();
            }
            if (index == null) {
                return new Document("stage", "COLLSCAN");
            }
            Document indexScan = new Document("stage", "IXSCAN")
                .append("keyPattern", index.toIndexDescription().get("key"))
                .append("indexName", index.getName())
                .append("isUnique", index.isUnique());
            return new Document("stage", "FETCH").append("inputStage", indexScan);
        }

        /**
         * Builds a secondary index from the stored documents in one pass, under the collection's lock so that
         * no write slips past it; while the database opens, collects it for {@link #buildDeferredIndexes}.
         * Other indexes, and an index whose name exists (kept, or a conflict), go the library's way.
         */
        @Override
        public synchronized void addIndex(Index<Object> index) {
            if (index instanceof StoredUniqueIndex unique) {
                super.addIndex(unique);
                // Unless an index of that name was there already and kept: then its map is complete.
                if (getIndexes().stream().anyMatch(added -> added == unique)) {
                    ((CopyingDatabase) getDatabase()).uniqueIndexFilled(getCollectionName(), unique);
                }
                return;
            }
            if (!(index instanceof SecondaryIndex secondary) || hasIndexNamed(index.getName())) {
                super.addIndex(index);
                return;
            }
            if (getDatabase() instanceof CopyingDatabase database && database.isOpening()) {
                deferredIndexes.add(secondary);
            } else {
                build(List.of(secondary));
            }
            getIndexes().add(secondary);
        }

        synchronized void buildDeferredIndexes() {
            build(deferredIndexes);
            deferredIndexes.clear();
        }

        private void build(List<SecondaryIndex> indexes) {
            if (indexes.isEmpty()) {
                return;
            }
            streamAllDocumentsWithPosition().forEach(stored -> {
                for (SecondaryIndex index : indexes) {
                    index.add(stored.getDocument(), stored.getPosition(), this);
                }
            });
            indexes.forEach(SecondaryIndex::markBuilt);
        }

        private boolean hasIndexNamed(String name) {
            return getIndexes().stream().anyMatch(index -> index.getName().equals(name));
        }

        /** Under the collection's lock, as adding is: queries go through the list of indexes. */
        @Override
        public synchronized void dropIndex(String indexName) {
            super.dropIndex(indexName);
        }

        /**
         * The library leaves counting with a filter unlocked; it reads indexes as queries do, so it locks as they
         * do. A filter of equalities on an index's leading fields is counted from that index without reading a
         * document (as MongoDB's COUNT_SCAN): counting members of an organization of 10,000 users otherwise reads
         * and copies every one of them.
         */
        @Override
        public synchronized int count(Document query, int skip, int limit) {
            if (uniqueIndexAnswering(query) == null) {
                for (Index<Object> index : getIndexes()) {
                    if (index instanceof SecondaryIndex secondary) {
                        var counted = secondary.exactCount(query);
                        if (counted.isPresent()) {
                            return limited(counted.getAsLong(), skip, limit);
                        }
                    }
                }
            }
            return super.count(query, skip, limit);
        }

        private static int limited(long count, int skip, int limit) {
            long afterSkip = Math.max(0, count - Math.max(0, skip));
            return (int) (limit > 0 ? Math.min(afterSkip, limit) : afterSkip);
        }
    }
}
