package org.qalyptus.store.embedded;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;

/**
 * Reads from a query filter the {@link IndexKeys keys} a field must have for a document to match:
 * {@code {field: value}}, {@code {field: {$eq: value}}} and {@code {field: {$in: [...]}}}, at the top
 * level or inside a top-level {@code $and}, next to any other conditions.
 * <p>
 * Any such condition is one of the conjuncts every matching document satisfies, so the documents
 * filed under its keys include every match; the whole filter is then applied to them. A condition
 * on a value without keys (a sub-document, an array, a regular expression) pins nothing.
 */
final class EqualityConditions {

    private static final String AND = "$and";
    private static final String EQ = "$eq";
    private static final String IN = "$in";
    /**
     * Where the path crosses an array, mongo-java-server's matcher evaluates an operator document with one
     * of these by that operator alone, ignoring its {@code $eq} or {@code $in}: such a document pins nothing.
     */
    private static final Set<String> OPERATORS_OVERRIDING_EQUALITY = Set.of("$all", "$ne", "$nin");

    private EqualityConditions() {
    }

    /**
     * @return the keys of the values the filter compares the field with; the smallest set when several
     *         conditions pin it; null when none does
     */
    static Set<Object> keysRequiredAt(Document filter, String field) {
        Set<Object> smallest = null;
        for (Map.Entry<String, Object> condition : filter.entrySet()) {
            Set<Object> keys = null;
            if (condition.getKey().equals(field)) {
                keys = keysOfCondition(condition.getValue());
            } else if (condition.getKey().equals(AND) && condition.getValue() instanceof List<?> clauses) {
                keys = keysRequiredInAll(clauses, field);
            }
            smallest = smaller(smallest, keys);
        }
        return smallest;
    }

    private static Set<Object> keysRequiredInAll(List<?> clauses, String field) {
        Set<Object> smallest = null;
        for (Object clause : clauses) {
            if (clause instanceof Document clauseFilter) {
                smallest = smaller(smallest, keysRequiredAt(clauseFilter, field));
            }
        }
        return smallest;
    }

    private static Set<Object> keysOfCondition(Object condition) {
        if (!(condition instanceof Document operators)) {
            return IndexKeys.isKeyable(condition) ? Set.of(IndexKeys.keyOf(condition)) : null;
        }
        if (operators.isEmpty() || BsonRegularExpression.isRegularExpression(operators)
            || !operators.keySet().stream().allMatch(name -> name.startsWith("$"))) {
            // Equality with a sub-document, or a regular expression.
            return null;
        }
        if (operators.keySet().stream().anyMatch(OPERATORS_OVERRIDING_EQUALITY::contains)) {
            return null;
        }
        Set<Object> keys = null;
        if (operators.containsKey(EQ) && IndexKeys.isKeyable(operators.get(EQ))) {
            keys = Set.of(IndexKeys.keyOf(operators.get(EQ)));
        }
        if (operators.get(IN) instanceof Collection<?> values && values.stream().allMatch(IndexKeys::isKeyable)) {
            Set<Object> inKeys = new LinkedHashSet<>();
            values.forEach(value -> inKeys.add(IndexKeys.keyOf(value)));
            keys = smaller(keys, inKeys);
        }
        return keys;
    }

    private static Set<Object> smaller(Set<Object> current, Set<Object> candidate) {
        if (candidate == null) {
            return current;
        }
        return current == null || candidate.size() < current.size() ? candidate : current;
    }
}
