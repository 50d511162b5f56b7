package org.qalyptus.server.condition;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.qalyptus.server.condition.RuleValue.CompareWith;
import org.qalyptus.server.condition.RuleValue.RuleValueType;

/**
 * A condition rule as the API shows it, its checks named as in the request bodies.
 * {@code conditionVersion} (the condition's version after the change) is only in answers to changes.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleView(
        String id,
        @JsonProperty("conditionID") String conditionID,
        String name,
        @JsonProperty("qlikAppID") String qlikAppID,
        List<Value> values,
        Long conditionVersion) {

    /** One check; only the fields of its type and comparison are present. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Value(
            RuleValueType type,
            @JsonProperty("qlikVariableID") String qlikVariableID,
            String variableName,
            @JsonProperty("qlikObjectID") String qlikObjectID,
            String objectId,
            String measureId,
            String expression,
            String operator,
            CompareWith compareWith,
            String value,
            @JsonProperty("compareQlikVariableID") String compareQlikVariableID,
            String compareVariableName,
            String compareExpression,
            Boolean hasData) {

        static Value of(RuleValue check) {
            boolean variable = check.type() == RuleValueType.Variable;
            boolean object = check.type() == RuleValueType.KPI || check.type() == RuleValueType.ChartData;
            return new Value(check.type(), variable ? check.elementId() : null, variable ? check.elementName() : null,
                    object ? check.elementId() : null, object ? check.elementName() : null, check.measureId(),
                    check.expression(), check.operator(), check.compareWith(), check.value(), check.compareVariableId(),
                    check.compareVariableName(), check.compareExpression(), check.hasData());
        }
    }

    static RuleView of(ConditionDocument condition, ConditionRule rule, Long conditionVersion) {
        return new RuleView(rule.id(), condition.id(), rule.name(), rule.appId(),
                rule.values().stream().map(Value::of).toList(), conditionVersion);
    }

    static List<RuleView> all(ConditionDocument condition) {
        return condition.rules().stream().map(r -> of(condition, r, null)).toList();
    }
}
