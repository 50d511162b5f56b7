package org.qalyptus.server.condition;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The bodies the condition routes accept: the API reference's fields, plus {@code version} for optimistic
 * concurrency (or the {@code If-Match} header).
 */
public final class ConditionRequests {

    private ConditionRequests() {}

    public record CreateCondition(String name, String description, @JsonProperty("projectID") String projectID) {}

    public record UpdateCondition(String name, String description, Long version) {}

    /** Both optional: the copy goes into the condition's own project unless another project is named. */
    public record DuplicateCondition(@JsonProperty("projectID") String projectID,
            @JsonProperty("organizationID") String organizationID) {}

    /** Adds a rule ({@code id} absent) or replaces one. */
    public record RuleRequest(String id, String name, @JsonProperty("qlikAppID") String qlikAppID,
            List<RuleValueRequest> values, Long version) {}

    /**
     * One check of a rule (the API's {@code ConditionRuleValueRequestDto}).
     *
     * <ul>
     *   <li>{@code type}: {@code Variable} (a variable: {@code qlikVariableID} or {@code variableName}),
     *       {@code KPI} (a KPI object: {@code qlikObjectID} or {@code objectId}, optionally {@code measureId}),
     *       {@code Expression} ({@code expression}, starting with {@code =}) or {@code ChartData} (a chart
     *       object, and {@code hasData}: true when it must have data, false when it must have none);
     *   <li>for the first three, {@code operator} ({@code = != > >= < <=}) and {@code compareWith}:
     *       {@code Value} ({@code value}), {@code Variable} ({@code compareQlikVariableID} or
     *       {@code compareVariableName}) or {@code Expression} ({@code compareExpression}, starting with {@code =}).
     * </ul>
     */
    public record RuleValueRequest(String type, @JsonProperty("qlikVariableID") String qlikVariableID,
            String variableName, @JsonProperty("qlikObjectID") String qlikObjectID, String objectId, String measureId,
            String expression, String operator, String compareWith, String value,
            @JsonProperty("compareQlikVariableID") String compareQlikVariableID, String compareVariableName,
            String compareExpression, Boolean hasData) {}
}
