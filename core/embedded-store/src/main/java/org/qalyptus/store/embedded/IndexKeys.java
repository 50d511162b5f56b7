package org.qalyptus.store.embedded;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.LegacyUUID;
import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * The keys a {@link SecondaryIndex} files documents under, chosen so that two values mongo-java-server's
 * query matcher holds equal always get the same key.
 * <p>
 * The matcher's equality ({@code Utils.nullAwareEquals}) is {@code Objects.equals} of normalised values:
 * null and missing are one value, every number is compared as a double (except a long that a double
 * cannot hold exactly, which stays a long), -0.0 is 0.0, and every other value compares with its own
 * {@code equals}. {@link #keyOf} normalises the same way; mongo-java-server's own normalisation is
 * package-private. Only the types below, whose {@code equals} and {@code hashCode} compare values, get
 * keys; a query comparing a field with anything else (a sub-document, an array, a regular expression,
 * min/max keys) is answered by scanning.
 * <p>
 * The keys found in a document are deliberately a superset of what the matcher could match: every
 * array element at any depth, a null key wherever the path ends before the field, both readings of
 * a numeric path step. A key too many only adds a candidate that the full query then rejects; a key
 * too few would lose a document.
 */
final class IndexKeys {

    /** The key of null and of a missing field. */
    static final Object NULL = new Marker("null or missing");
    /** Files a document with no keyable value at a path, so that it still has a place in the index. */
    static final Object NO_KEYABLE_VALUE = new Marker("no keyable value");

    private IndexKeys() {
    }

    static boolean isKeyable(Object value) {
        return Missing.isNullOrMissing(value)
            || value instanceof String
            || value instanceof Number
            || value instanceof Boolean
            || value instanceof ObjectId
            || value instanceof UUID
            || value instanceof Instant
            || value instanceof BinData
            || value instanceof LegacyUUID
            || value instanceof BsonTimestamp;
    }

    /** @param value a {@link #isKeyable keyable} value */
    static Object keyOf(Object value) {
        if (Missing.isNullOrMissing(value)) {
            return NULL;
        }
        if (value instanceof Long longValue && longValue != (long) longValue.doubleValue()) {
            return longValue;
        }
        if (value instanceof Number number) {
            double doubleValue = number.doubleValue();
            return doubleValue == 0.0 ? Double.valueOf(0.0) : Double.valueOf(doubleValue);
        }
        return value;
    }

    /**
     * Every key under which a query on the path could find the document; never empty.
     *
     * @param path the dotted field name, split
     */
    static Set<Object> keysAt(Document document, List<String> path) {
        Set<Object> keys = new LinkedHashSet<>();
        collect(document, path, 0, keys);
        if (keys.isEmpty()) {
            keys.add(NO_KEYABLE_VALUE);
        }
        return keys;
    }

    private static void collect(Object value, List<String> path, int depth, Set<Object> keys) {
        if (depth == path.size()) {
            collectValue(value, keys);
            return;
        }
        String field = path.get(depth);
        if (value instanceof List<?> list) {
            // The matcher reads a numeric step as an array position, other steps in every element.
            if (isNumeric(field)) {
                int position = arrayPosition(field);
                collect(position < list.size() ? list.get(position) : Missing.getInstance(), path, depth + 1, keys);
            }
            for (Object element : list) {
                collect(element, path, depth, keys);
            }
            if (list.isEmpty()) {
                keys.add(NULL);
            }
        } else if (value instanceof Document document) {
            collect(document.getOrMissing(field), path, depth + 1, keys);
        } else {
            // Missing, null or a plain value: nothing below it, so the field is missing.
            keys.add(NULL);
        }
    }

    private static void collectValue(Object value, Set<Object> keys) {
        if (value instanceof Collection<?> elements) {
            for (Object element : elements) {
                collectValue(element, keys);
            }
            if (elements.isEmpty()) {
                keys.add(NULL);
            }
        } else if (isKeyable(value)) {
            keys.add(keyOf(value));
        }
    }

    /**
     * Whether the keys {@link #keysAt} finds at the path are exactly the values an equality query with a
     * non-null value on the path matches: true unless the path meets an array inside an array or reads a
     * numeric step in an array, where the keys are deliberately a superset.
     */
    static boolean keysAreExactAt(Document document, List<String> path) {
        return keysAreExact(document, path, 0);
    }

    private static boolean keysAreExact(Object value, List<String> path, int depth) {
        if (value instanceof List<?> list) {
            if (depth < path.size() && isNumeric(path.get(depth))) {
                return false;
            }
            for (Object element : list) {
                if (element instanceof List<?> || !keysAreExact(element, path, depth)) {
                    return false;
                }
            }
            return true;
        }
        if (depth < path.size() && value instanceof Document document) {
            return keysAreExact(document.getOrMissing(path.get(depth)), path, depth + 1);
        }
        return true;
    }

    private static boolean isNumeric(String field) {
        return !field.isEmpty() && field.chars().allMatch(Character::isDigit);
    }

    private static int arrayPosition(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException tooLarge) {
            return Integer.MAX_VALUE;
        }
    }

    /** Equal only to itself, so no stored or queried value shares its key. */
    private static final class Marker {

        private final String name;

        Marker(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return "<" + name + ">";
        }
    }
}
