package org.qalyptus.server.execution;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;
import org.qalyptus.server.condition.ConditionDocument;
import org.qalyptus.server.condition.ConditionRule;
import org.qalyptus.server.condition.Operator;
import org.qalyptus.server.condition.RuleValue;
import org.qalyptus.spi.app.AppModel.Cell;
import org.qalyptus.spi.app.AppModel.ColumnInfo;
import org.qalyptus.spi.app.AppModel.ColumnKind;
import org.qalyptus.spi.app.AppModel.DataPage;
import org.qalyptus.spi.app.AppModel.EvaluatedValue;
import org.qalyptus.spi.app.AppModel.ObjectData;
import org.qalyptus.spi.app.AppModel.SelectionState;
import org.qalyptus.spi.app.AppModel.VariableInfo;
import org.qalyptus.spi.app.AppSession;

/**
 * Evaluates a task report's conditions: every condition, every rule of it and every check of a rule must
 * hold. A rule is read in its own app; the selection state applies when the rule's app is the report's
 * (filters and iteration values select in the report's app). Values that both read as numbers are compared
 * as numbers, others as text.
 */
final class ConditionEvaluator {

    private ConditionEvaluator() {}

    /** A check that holds, or the reason it does not. */
    record Outcome(boolean holds, String reason) {}

    /**
     * @param sessions opens (or reuses) a session on an app
     */
    static Outcome evaluate(List<ConditionDocument> conditions, String reportAppId, SelectionState state,
            Function<String, AppSession> sessions) {
        for (ConditionDocument condition : conditions) {
            for (ConditionRule rule : condition.rules()) {
                AppSession session = sessions.apply(rule.appId());
                SelectionState ruleState = rule.appId().equals(reportAppId) ? state : SelectionState.EMPTY;
                for (RuleValue check : rule.values()) {
                    Outcome outcome = check(session, ruleState, check);
                    if (!outcome.holds()) {
                        return new Outcome(false, "condition '" + condition.name() + "', rule '" + rule.name() + "': "
                                + outcome.reason());
                    }
                }
            }
        }
        return new Outcome(true, null);
    }

    static Outcome check(AppSession session, SelectionState state, RuleValue check) {
        if (check.type() == RuleValue.RuleValueType.ChartData) {
            ObjectData data = session.objectData(check.elementName(), state, new DataPage(0, 1));
            boolean hasData = data.totalRows() > 0;
            boolean wanted = check.hasData() == null || check.hasData();
            return new Outcome(hasData == wanted, "chart " + check.elementName() + (hasData ? " has data" : " has no data"));
        }
        String subject = switch (check.type()) {
            case Variable -> variable(session, state, check.elementName());
            case KPI -> kpi(session, state, check.elementName(), check.measureId());
            case Expression -> text(session.evaluate(check.expression(), state));
            default -> throw new IllegalStateException();
        };
        String other = switch (check.compareWith()) {
            case Value -> check.value();
            case Variable -> variable(session, state, check.compareVariableName());
            case Expression -> text(session.evaluate(check.compareExpression(), state));
        };
        Operator operator = Operator.of(check.operator()).orElse(Operator.EQUAL);
        boolean holds = compare(subject, operator, other);
        return new Outcome(holds, "'" + subject + "' " + operator.symbol() + " '" + other + "' is false");
    }

    static boolean compare(String left, Operator operator, String right) {
        int order;
        BigDecimal a = number(left);
        BigDecimal b = number(right);
        if (a != null && b != null) {
            order = a.compareTo(b);
        } else {
            order = String.valueOf(left).compareTo(String.valueOf(right));
        }
        return switch (operator) {
            case EQUAL -> order == 0;
            case NOT_EQUAL -> order != 0;
            case GREATER -> order > 0;
            case GREATER_OR_EQUAL -> order >= 0;
            case LESS -> order < 0;
            case LESS_OR_EQUAL -> order <= 0;
        };
    }

    private static BigDecimal number(String text) {
        if (text == null) {
            return null;
        }
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String variable(AppSession session, SelectionState state, String name) {
        return session.variables(List.of(name), state).stream().filter(v -> v.name().equals(name)).findFirst().map(VariableInfo::value)
                .orElseThrow(() -> new IllegalStateException("the app has no variable '" + name + "'"));
    }

    private static String kpi(AppSession session, SelectionState state, String objectId, String measureId) {
        ObjectData data = session.objectData(objectId, state, new DataPage(0, 1));
        int column = -1;
        for (int i = 0; i < data.columns().size(); i++) {
            ColumnInfo info = data.columns().get(i);
            if (measureId != null ? measureId.equals(info.id()) : info.kind() == ColumnKind.MEASURE) {
                column = i;
                break;
            }
        }
        if (column < 0 || data.rows().isEmpty()) {
            return null;
        }
        Cell cell = data.rows().get(0).get(column);
        return cell.number() != null ? BigDecimal.valueOf(cell.number()).stripTrailingZeros().toPlainString() : cell.text();
    }

    private static String text(EvaluatedValue value) {
        if (value == null) {
            return null;
        }
        return value.number() != null ? BigDecimal.valueOf(value.number()).stripTrailingZeros().toPlainString() : value.text();
    }
}
