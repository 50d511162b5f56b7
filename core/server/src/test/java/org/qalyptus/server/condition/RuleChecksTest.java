package org.qalyptus.server.condition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qalyptus.server.condition.ConditionRequests.RuleValueRequest;
import org.qalyptus.server.condition.RuleValue.CompareWith;
import org.qalyptus.server.condition.RuleValue.RuleValueType;
import org.qalyptus.server.web.ApiResponse.FieldError;

/** The shape rules of a rule's checks, without an app: kinds, operators, operands that apply and those that do not. */
class RuleChecksTest {

    private static RuleValueRequest check(String type, String variableName, String objectId, String expression,
            String operator, String compareWith, String value, String compareVariableName, String compareExpression,
            Boolean hasData) {
        return new RuleValueRequest(type, null, variableName, null, objectId, null, expression, operator, compareWith, value,
                null, compareVariableName, compareExpression, hasData);
    }

    private static List<String> errors(RuleValueRequest request) {
        List<FieldError> errors = new ArrayList<>();
        RuleChecks.Draft draft = RuleChecks.shape(request, 0, errors);
        assertThat(draft == null).isEqualTo(!errors.isEmpty());
        return errors.stream().map(FieldError::field).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"=", "!=", ">", ">=", "<", "<="})
    void eachOperatorIsAcceptedForEachKindOfComparison(String operator) {
        assertThat(errors(check("Variable", "v", null, null, operator, "Value", "1", null, null, null))).isEmpty();
        assertThat(errors(check("KPI", null, "kpi", null, operator, "Variable", null, "v", null, null))).isEmpty();
        assertThat(errors(check("Expression", null, null, "=Sum(x)", operator, "Expression", null, null, "=1", null))).isEmpty();
        List<FieldError> none = new ArrayList<>();
        RuleChecks.Draft draft = RuleChecks.shape(check("kpi", null, "kpi", null, operator, "value", "3", null, null, null), 0,
                none);
        assertThat(draft.operator().symbol()).isEqualTo(operator);
        assertThat(draft.type()).isEqualTo(RuleValueType.KPI);
        assertThat(draft.compareWith()).isEqualTo(CompareWith.Value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"==", "<>", "=>", "=<", "!", "eq", "≥", ">>"})
    void otherOperatorsAreRefused(String operator) {
        assertThat(errors(check("Variable", "v", null, null, operator, "Value", "1", null, null, null)))
                .containsExactly("values[0].operator");
    }

    @Test
    void aChartCheckTakesAnObjectAndHasDataOnly() {
        List<FieldError> errors = new ArrayList<>();
        RuleChecks.Draft draft = RuleChecks.shape(check("ChartData", null, "chart", null, null, null, null, null, null, null), 0,
                errors);
        assertThat(errors).isEmpty();
        assertThat(draft.hasData()).isTrue();
        assertThat(draft.operator()).isNull();
        assertThat(errors(check("ChartData", null, "chart", null, "=", "Value", "1", null, null, false)))
                .containsExactly("values[0].operator", "values[0].compareWith", "values[0].value");
        assertThat(errors(check("ChartData", "v", null, null, null, null, null, null, null, true)))
                .containsExactly("values[0].qlikVariableID", "values[0].qlikObjectID");
    }

    @Test
    void eachKindNeedsItsOwnSubjectAndNoOther() {
        assertThat(errors(check("Variable", null, null, null, "=", "Value", "1", null, null, null)))
                .containsExactly("values[0].qlikVariableID");
        assertThat(errors(check("KPI", "v", null, null, "=", "Value", "1", null, null, null)))
                .containsExactly("values[0].qlikVariableID", "values[0].qlikObjectID");
        assertThat(errors(check("Expression", null, "kpi", "=1", "=", "Value", "1", null, null, null)))
                .containsExactly("values[0].qlikObjectID");
        assertThat(errors(check("Expression", null, null, "Sum(x)", "=", "Value", "1", null, null, null)))
                .containsExactly("values[0].expression");
        assertThat(errors(check("Variable", "v", null, null, "=", "Value", "1", null, null, true)))
                .containsExactly("values[0].hasData");
    }

    @Test
    void eachComparisonNeedsItsOwnOperandAndNoOther() {
        assertThat(errors(check("Variable", "v", null, null, "=", null, null, null, null, null)))
                .containsExactly("values[0].compareWith");
        assertThat(errors(check("Variable", "v", null, null, "=", "Value", null, null, null, null)))
                .containsExactly("values[0].value");
        assertThat(errors(check("Variable", "v", null, null, "=", "Value", "", null, null, null))).isEmpty();
        assertThat(errors(check("Variable", "v", null, null, "=", "Variable", "1", null, null, null)))
                .containsExactly("values[0].value", "values[0].compareQlikVariableID");
        assertThat(errors(check("Variable", "v", null, null, "=", "Variable", "", "w", null, null))).isEmpty();
        assertThat(errors(check("Variable", "v", null, null, "=", "Expression", null, "w", "1", null)))
                .containsExactly("values[0].compareExpression", "values[0].compareQlikVariableID");
        assertThat(errors(check("Variable", "v", null, null, "=", "Chart", null, null, null, null)))
                .containsExactly("values[0].compareWith");
    }

    @Test
    void aMissingOrUnknownTypeIsRefused() {
        assertThat(errors(check(null, "v", null, null, "=", "Value", "1", null, null, null))).containsExactly("values[0].type");
        assertThat(errors(check("Field", "v", null, null, "=", "Value", "1", null, null, null))).containsExactly("values[0].type");
        List<FieldError> errors = new ArrayList<>();
        assertThat(RuleChecks.shape(null, 3, errors)).isNull();
        assertThat(errors).extracting(FieldError::field).containsExactly("values[3]");
    }
}
