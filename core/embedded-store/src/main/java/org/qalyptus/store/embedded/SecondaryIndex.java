package org.qalyptus.store.embedded;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

import org.h2.mvstore.type.ObjectDataType;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;

/**
 * A non-unique index, single-field or compound, kept in memory and built from the stored documents
 * when the store opens; mongo-java-server would otherwise put an {@code EmptyIndex} in its place.
 * <p>
 * It files the position (the stored {@code _id}) of every document under the {@link IndexKeys keys}
 * of its indexed fields, one level per field: a document with an array in an indexed field is filed
 * under each element, as MongoDB's multikey indexes do. A query that pins the leading field(s) with
 * equality or {@code $in} ({@link EqualityConditions}) gets the positions filed under those keys;
 * the collection then applies the whole query to these documents only.
 * <p>
 * Positions come out in the order of the collection's data map, which is the order a scan reads the
 * documents in, so sort ties, skip and limit give the same documents as a scan.
 * <p>
 * As the library's {@code EmptyIndex}, it reports itself sparse and gives no position when a
 * document is removed: the {@code _id} index tells the collection where documents are. It indexes
 * every document even when declared sparse or partial, a superset that keeps answers exact.
 * <p>
 * The collection calls it while holding its own lock; its methods are synchronized as well because
 * the library's statistics commands ({@code collStats}, {@code validate}) read it without that lock.
 */
final class SecondaryIndex extends Index<Object> {

    /**
     * A document with arrays in several indexed fields would be filed under every combination of their
     * elements (MongoDB refuses such documents, mongo-java-server accepts them). Past this many
     * combinations, the non-leading fields with the most keys are filed under {@link #ANY_KEY} instead.
     */
    private static final int MAX_ENTRIES_PER_DOCUMENT = 1_000;
    /** A level's key that every lookup on that level also visits. */
    private static final Object ANY_KEY = new Object() {
        @Override
        public String toString() {
            return "<any>";
        }
    };

    private final List<String> fields;
    private final List<List<String>> paths;
    /** The data map's key order: the H2 backend's data maps are opened with the default ObjectDataType keys. */
    private final Comparator<Object> positionOrder = new ObjectDataType()::compare;
    private final Level root = new Level();
    private long entries;
    /** Documents filed under a superset of their keys (see {@link #filedExactly}): while any, counts read documents. */
    private long inexactDocuments;
    private boolean built;

    SecondaryIndex(String name, List<IndexKey> keys) {
        super(name, keys, true);
        this.fields = keys.stream().map(IndexKey::getKey).toList();
        this.paths = fields.stream().map(field -> List.of(field.split("\\.", -1))).toList();
    }

    /** Whether such an index can be kept: plain (dotted) field paths, not wildcard ({@code $**}) keys. */
    static boolean canIndex(List<IndexKey> keys) {
        return keys.stream()
            .map(IndexKey::getKey)
            .flatMap(field -> List.of(field.split("\\.", -1)).stream())
            .noneMatch(step -> step.isEmpty() || step.startsWith("$"));
    }

    /** Until then, lookups decline: the collection adds every stored document first. */
    synchronized void markBuilt() {
        built = true;
    }

    /**
     * How the index would answer a query: the keys of its leading fields the query pins, or null when
     * it pins none or the index is not built yet.
     */
    synchronized Lookup lookup(Document query) {
        if (!built) {
            return null;
        }
        List<Set<Object>> pinnedKeys = new ArrayList<>();
        for (String field : fields) {
            Set<Object> keys = EqualityConditions.keysRequiredAt(query, field);
            if (keys == null) {
                break;
            }
            pinnedKeys.add(keys);
        }
        return pinnedKeys.isEmpty() ? null : new Lookup(this, pinnedKeys);
    }

    /** @return the positions of every document filed under the lookup's keys, in data map order, once each */
    synchronized List<Object> positions(Lookup lookup) {
        NavigableSet<Object> positions = new TreeSet<>(positionOrder);
        collect(root, lookup.pinnedKeys(), 0, positions);
        return new ArrayList<>(positions);
    }

    private void collect(Level level, List<Set<Object>> pinnedKeys, int depth, Set<Object> into) {
        if (depth == fields.size()) {
            into.addAll(level.positions());
        } else if (depth < pinnedKeys.size()) {
            for (Object key : pinnedKeys.get(depth)) {
                collectBelow(level.below(key), pinnedKeys, depth, into);
            }
            collectBelow(level.below(ANY_KEY), pinnedKeys, depth, into);
        } else {
            for (Level below : level.allBelow()) {
                collect(below, pinnedKeys, depth + 1, into);
            }
        }
    }

    private void collectBelow(Level next, List<Set<Object>> pinnedKeys, int depth, Set<Object> into) {
        if (next != null) {
            collect(next, pinnedKeys, depth + 1, into);
        }
    }

    @Override
    public synchronized boolean canHandle(Document query) {
        return lookup(query) != null;
    }

    @Override
    public synchronized Iterable<Object> getPositions(Document query) {
        Lookup lookup = lookup(query);
        if (lookup == null) {
            throw new IllegalArgumentException(this + " cannot answer " + query);
        }
        return positions(lookup);
    }

    @Override
    public Object getPosition(Document document) {
        return null;
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {
        // never refuses a document
    }

    @Override
    public synchronized void add(Document document, Object position, MongoCollection<Object> collection) {
        Object storedPosition = Missing.ofNullable(position);
        for (List<Object> entry : entriesOf(document)) {
            file(entry, storedPosition);
        }
        if (!filedExactly(document)) {
            inexactDocuments++;
        }
    }

    @Override
    public synchronized Object remove(Document document) {
        Object position = Missing.ofNullable(document.get("_id"));
        for (List<Object> entry : entriesOf(document)) {
            unfile(entry, position);
        }
        if (!filedExactly(document)) {
            inexactDocuments--;
        }
        return null;
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
        // never refuses a document
    }

    @Override
    public synchronized void updateInPlace(Document oldDocument, Document newDocument, Object position,
            MongoCollection<Object> collection) {
        Set<List<Object>> oldEntries = new HashSet<>(entriesOf(oldDocument));
        Set<List<Object>> newEntries = new HashSet<>(entriesOf(newDocument));
        inexactDocuments += (filedExactly(oldDocument) ? 0 : -1) + (filedExactly(newDocument) ? 0 : 1);
        if (oldEntries.equals(newEntries)) {
            return;
        }
        // The position comes from the _id index; the document keeps its _id through an update.
        Object storedPosition = Missing.ofNullable(position);
        for (List<Object> entry : oldEntries) {
            if (!newEntries.contains(entry)) {
                unfile(entry, storedPosition);
            }
        }
        for (List<Object> entry : newEntries) {
            if (!oldEntries.contains(entry)) {
                file(entry, storedPosition);
            }
        }
    }

    /**
     * Whether the document is filed under exactly the keys an equality query on each indexed field finds
     * it by: no array in an array or numeric step on any indexed path ({@link IndexKeys#keysAreExactAt}),
     * and no field filed under {@link #ANY_KEY}.
     */
    private boolean filedExactly(Document document) {
        long combinations = 1;
        for (List<String> path : paths) {
            if (!IndexKeys.keysAreExactAt(document, path)) {
                return false;
            }
            combinations *= IndexKeys.keysAt(document, path).size();
        }
        return combinations <= MAX_ENTRIES_PER_DOCUMENT;
    }

    /**
     * How many documents match a query made only of equalities ({@code value}, {@code $eq}, {@code $in})
     * with non-null values on leading fields of this index, counted from the index alone; empty when the
     * index cannot tell exactly (other conditions, null values, a document filed under a superset of its
     * keys), and the documents must then be read and matched.
     */
    synchronized OptionalLong exactCount(Document query) {
        if (!built || inexactDocuments > 0 || query.isEmpty()) {
            return OptionalLong.empty();
        }
        List<Set<Object>> pinnedKeys = new ArrayList<>();
        for (String field : fields) {
            if (!query.containsKey(field)) {
                break;
            }
            Set<Object> keys = nonNullEqualityKeys(query.get(field));
            if (keys == null) {
                return OptionalLong.empty();
            }
            pinnedKeys.add(keys);
        }
        if (pinnedKeys.size() != query.size()) {
            return OptionalLong.empty();
        }
        Set<Object> positions = new HashSet<>();
        collect(root, pinnedKeys, 0, positions);
        return OptionalLong.of(positions.size());
    }

    private static Set<Object> nonNullEqualityKeys(Object condition) {
        Collection<?> values;
        if (condition instanceof Document operators) {
            if (operators.size() != 1) {
                return null;
            }
            if (operators.containsKey("$eq")) {
                values = java.util.Collections.singletonList(operators.get("$eq"));
            } else if (operators.get("$in") instanceof Collection<?> in) {
                values = in;
            } else {
                return null;
            }
        } else {
            values = java.util.Collections.singletonList(condition);
        }
        Set<Object> keys = new HashSet<>();
        for (Object value : values) {
            if (Missing.isNullOrMissing(value) || !IndexKeys.isKeyable(value)) {
                return null;
            }
            keys.add(IndexKeys.keyOf(value));
        }
        return keys;
    }

    /** One key per indexed field, for every combination of the keys found in the document. */
    private List<List<Object>> entriesOf(Document document) {
        List<List<Object>> keysPerField = new ArrayList<>();
        long combinations = 1;
        for (List<String> path : paths) {
            List<Object> keys = new ArrayList<>(IndexKeys.keysAt(document, path));
            keysPerField.add(keys);
            combinations *= keys.size();
        }
        while (combinations > MAX_ENTRIES_PER_DOCUMENT && combinations > keysPerField.get(0).size()) {
            int widest = widestNonLeadingField(keysPerField);
            combinations /= keysPerField.get(widest).size();
            keysPerField.set(widest, List.of(ANY_KEY));
        }
        List<List<Object>> entries = new ArrayList<>();
        combine(keysPerField, new ArrayList<>(), entries);
        return entries;
    }

    private static int widestNonLeadingField(List<List<Object>> keysPerField) {
        int widest = 1;
        for (int field = 2; field < keysPerField.size(); field++) {
            if (keysPerField.get(field).size() > keysPerField.get(widest).size()) {
                widest = field;
            }
        }
        return widest;
    }

    private static void combine(List<List<Object>> keysPerField, List<Object> prefix, List<List<Object>> into) {
        if (prefix.size() == keysPerField.size()) {
            into.add(List.copyOf(prefix));
            return;
        }
        for (Object key : keysPerField.get(prefix.size())) {
            prefix.add(key);
            combine(keysPerField, prefix, into);
            prefix.remove(prefix.size() - 1);
        }
    }

    private void file(List<Object> entry, Object position) {
        Level level = root;
        for (Object key : entry) {
            level = level.belowOrNew(key);
        }
        if (level.positions == null) {
            level.positions = new TreeSet<>(positionOrder);
        }
        if (level.positions.add(position)) {
            entries++;
        }
    }

    private void unfile(List<Object> entry, Object position) {
        List<Level> levels = new ArrayList<>();
        Level level = root;
        for (Object key : entry) {
            levels.add(level);
            level = level.below(key);
            if (level == null) {
                return;
            }
        }
        if (level.positions == null || !level.positions.remove(position)) {
            return;
        }
        entries--;
        // Drop the levels left empty, so that keys no document has any more take no memory.
        for (int depth = entry.size() - 1; depth >= 0 && level.isEmpty(); depth--) {
            Level parent = levels.get(depth);
            parent.removeBelow(entry.get(depth));
            level = parent;
        }
    }

    @Override
    public synchronized long getCount() {
        return entries;
    }

    @Override
    public synchronized long getDataSize() {
        return entries;
    }

    @Override
    public synchronized void drop() {
        root.next = null;
        entries = 0;
        inexactDocuments = 0;
    }

    /** The keys a query pins, for the leading fields of one index. */
    record Lookup(SecondaryIndex index, List<Set<Object>> pinnedKeys) {

        /** How many leading fields the query pins: the more, the fewer documents to read. */
        int pinnedFields() {
            return pinnedKeys.size();
        }

        List<Object> positions() {
            return index.positions(this);
        }
    }

    /**
     * The documents filed under one key of a field: below it, the next field's keys, or the positions
     * when the field is the last one. Both are created on first use, as a level only ever has one.
     */
    private static final class Level {

        private Map<Object, Level> next;
        private NavigableSet<Object> positions;

        Level below(Object key) {
            return next == null ? null : next.get(key);
        }

        Level belowOrNew(Object key) {
            if (next == null) {
                next = new HashMap<>();
            }
            return next.computeIfAbsent(key, unused -> new Level());
        }

        Collection<Level> allBelow() {
            return next == null ? List.of() : next.values();
        }

        void removeBelow(Object key) {
            next.remove(key);
        }

        Set<Object> positions() {
            return positions == null ? Set.of() : positions;
        }

        boolean isEmpty() {
            return (next == null || next.isEmpty()) && (positions == null || positions.isEmpty());
        }
    }
}
