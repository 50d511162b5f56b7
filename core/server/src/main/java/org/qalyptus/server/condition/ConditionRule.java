package org.qalyptus.server.condition;

import java.util.List;

/**
 * One rule of a condition, bound to an app: it holds when every one of its checks holds.
 *
 * @param appId the app its variables, objects and expressions are read from
 * @param values its checks (the API's {@code ConditionRuleValue}s)
 */
public record ConditionRule(String id, String name, String appId, List<RuleValue> values) {

    public ConditionRule {
        values = values == null ? List.of() : List.copyOf(values);
    }

    ConditionRule withId(String newId) {
        return new ConditionRule(newId, name, appId, values);
    }
}
