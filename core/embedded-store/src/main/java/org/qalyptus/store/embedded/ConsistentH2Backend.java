package org.qalyptus.store.embedded;

import java.util.List;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/**
 * mongo-java-server's H2 backend with two corrections that every mode of the embedded store needs.
 * <ul>
 * <li>It answers {@code hello} as MongoDB 4.4 and later do. mongo-java-server 1.47 knows only the
 * older {@code isMaster}, but current drivers and Spring Boot's health check send {@code hello}; the
 * two differ only in the name of the primary flag.</li>
 * <li>Queries hand out copies of the stored documents. Stock mongo-java-server returns the stored
 * objects themselves and updates them in place, so a reply still being written, or a cursor's next
 * batch, could show a document half old and half new (seen: a document with {@code version} 0 and the
 * payload of version 353). With copies, updates change a copy that then replaces the stored
 * document, and readers only ever see whole versions.</li>
 * </ul>
 */
class ConsistentH2Backend extends H2Backend {

    // Must stay equal to H2Database's map names, or existing store files would look empty.
    private static final String DATA_MAP_PREFIX = "databases.";
    private static final String META_MAP_PREFIX = "meta.";

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

    /** Inner, not static: it opens collections in its constructor, when only the outer instance is set. */
    private final class CopyingDatabase extends H2Database {

        CopyingDatabase(String databaseName, MVStore store, CursorRegistry cursorRegistry) {
            super(databaseName, store, cursorRegistry);
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            String fullName = getFullCollectionNamespace(collectionName);
            MVMap<Object, Document> dataMap = store().openMap(DATA_MAP_PREFIX + fullName);
            MVMap<String, Object> metaMap = store().openMap(META_MAP_PREFIX + fullName);
            return new CopyingCollection(this, collectionName, options, dataMap, metaMap, cursorRegistry);
        }
    }

    private static final class CopyingCollection extends H2Collection {

        CopyingCollection(MongoDatabase database, String collectionName, CollectionOptions options,
                MVMap<Object, Document> dataMap, MVMap<String, Object> metaMap, CursorRegistry cursorRegistry) {
            super(database, collectionName, options, dataMap, metaMap, cursorRegistry);
        }

        @Override
        protected QueryResult createQueryResult(List<Document> matchedDocuments, int batchSize) {
            return super.createQueryResult(matchedDocuments.stream().map(Document::cloneDeeply).toList(), batchSize);
        }
    }
}
