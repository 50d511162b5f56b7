package org.qalyptus.server.condition;

/**
 * One check of a rule, as stored: either a comparison of a variable, a KPI or an expression (the subject)
 * with a value, another variable or an expression, or whether a chart has data. App elements are kept by
 * their stable ids ({@code AppElementIds}) and by the name they had when the rule was written.
 *
 * @param elementId the subject's {@code qlikVariableID} (Variable) or {@code qlikObjectID} (KPI, ChartData)
 * @param elementName the variable's name, or the object's id in its app
 * @param measureId the KPI's measure compared, or null for its first
 * @param expression the subject of an Expression check, starting with {@code =}
 * @param operator one of {@code = != > >= < <=} ({@link Operator#symbol()}); null for ChartData
 * @param compareWith what the subject is compared with; null for ChartData
 * @param value the value compared with (compareWith Value)
 * @param compareVariableId the {@code qlikVariableID} of the variable compared with (compareWith Variable)
 * @param compareVariableName its name
 * @param compareExpression the expression compared with (compareWith Expression), starting with {@code =}
 * @param hasData for ChartData: whether the check holds when the chart has data (true) or when it has none
 */
public record RuleValue(RuleValueType type, String elementId, String elementName, String measureId, String expression,
        String operator, CompareWith compareWith, String value, String compareVariableId, String compareVariableName,
        String compareExpression, Boolean hasData) {

    /** What a check looks at. */
    public enum RuleValueType { Variable, KPI, Expression, ChartData }

    /** What a comparison compares its subject with. */
    public enum CompareWith { Value, Variable, Expression }
}
