package org.qalyptus.server.condition;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.qalyptus.server.app.AppElementIds;
import org.qalyptus.server.condition.ConditionRequests.RuleValueRequest;
import org.qalyptus.server.condition.RuleValue.CompareWith;
import org.qalyptus.server.condition.RuleValue.RuleValueType;
import org.qalyptus.server.filter.OpenApp;
import org.qalyptus.server.filter.RequestChecks;
import org.qalyptus.server.web.ApiResponse.FieldError;
import org.qalyptus.spi.app.AppModel.ColumnKind;
import org.qalyptus.spi.app.AppModel.ObjectInfo;
import org.qalyptus.spi.app.AppModel.VariableInfo;

/**
 * The rules of a rule's checks, in two steps: {@link #shape} checks what a request states on its own (a
 * known type, the operands that type needs and no others, an operator among {@code = != > >= < <=},
 * expressions starting with {@code =}); {@link #resolve} checks it against the rule's app (the variables and
 * objects exist, a KPI check names a KPI and one of its measures, a chart check names a chart, expressions
 * evaluate). Errors name the request field ({@code values[2].operator}).
 */
final class RuleChecks {

    static final int MAX_NAME = 1000;
    static final int MAX_VALUE = 1000;
    static final int MAX_EXPRESSION = 10_000;

    private RuleChecks() {}

    /** A check as the request states it, its shape verified; app elements not yet resolved. */
    record Draft(int index, RuleValueType type, String elementId, String elementName, String measureId,
            String expression, Operator operator, CompareWith compareWith, String value, String compareVariableId,
            String compareVariableName, String compareExpression, Boolean hasData) {}

    /** The check's shape, or null (with errors added) when it is wrong. */
    static Draft shape(RuleValueRequest request, int index, List<FieldError> errors) {
        String at = "values[" + index + "].";
        if (request == null) {
            errors.add(new FieldError("values[" + index + "]", "is required"));
            return null;
        }
        int before = errors.size();
        RuleValueType type = parse(RuleValueType.class, request.type(), at + "type", errors);
        String variableId = RequestChecks.uuid(request.qlikVariableID(), at + "qlikVariableID", false, errors);
        String variableName = text(request.variableName(), at + "variableName", MAX_NAME, errors);
        String objectId = RequestChecks.uuid(request.qlikObjectID(), at + "qlikObjectID", false, errors);
        String objectName = text(request.objectId(), at + "objectId", MAX_NAME, errors);
        String measureId = text(request.measureId(), at + "measureId", MAX_NAME, errors);
        String expression = expression(request.expression(), at + "expression", errors);
        String compareVariableId = RequestChecks.uuid(request.compareQlikVariableID(), at + "compareQlikVariableID", false,
                errors);
        String compareVariableName = text(request.compareVariableName(), at + "compareVariableName", MAX_NAME, errors);
        String compareExpression = expression(request.compareExpression(), at + "compareExpression", errors);
        if (request.value() != null && request.value().length() > MAX_VALUE) {
            errors.add(new FieldError(at + "value", "must be at most " + MAX_VALUE + " characters"));
        }
        if (type == null) {
            return null;
        }
        boolean variable = present(request.qlikVariableID()) || variableName != null;
        boolean object = present(request.qlikObjectID()) || objectName != null;
        requireOnly(type == RuleValueType.Variable, variable, at + "qlikVariableID", type, errors);
        requireOnly(type == RuleValueType.KPI || type == RuleValueType.ChartData, object, at + "qlikObjectID", type, errors);
        requireOnly(type == RuleValueType.Expression, present(request.expression()), at + "expression", type, errors);
        if (measureId != null && type != RuleValueType.KPI) {
            errors.add(new FieldError(at + "measureId", "only applies to a KPI check"));
        }
        Operator operator = null;
        CompareWith compareWith = null;
        Boolean hasData = null;
        if (type == RuleValueType.ChartData) {
            hasData = request.hasData() == null ? Boolean.TRUE : request.hasData();
            for (String[] field : new String[][] {{"operator", request.operator()}, {"compareWith", request.compareWith()},
                    {"value", request.value()}, {"compareQlikVariableID", request.compareQlikVariableID()},
                    {"compareVariableName", request.compareVariableName()},
                    {"compareExpression", request.compareExpression()}}) {
                if (field[1] != null && !field[1].isBlank()) {
                    errors.add(new FieldError(at + field[0], "does not apply to a ChartData check (use hasData)"));
                }
            }
        } else {
            if (request.hasData() != null) {
                errors.add(new FieldError(at + "hasData", "only applies to a ChartData check"));
            }
            if (!present(request.operator())) {
                errors.add(new FieldError(at + "operator", "is required: one of " + Operator.symbols()));
            } else {
                operator = Operator.of(request.operator()).orElse(null);
                if (operator == null) {
                    errors.add(new FieldError(at + "operator", "must be one of " + Operator.symbols()));
                }
            }
            compareWith = parse(CompareWith.class, request.compareWith(), at + "compareWith", errors);
            if (compareWith != null) {
                boolean value = compareWith == CompareWith.Value ? request.value() != null : present(request.value());
                requireOnly(compareWith == CompareWith.Value, value, at + "value", compareWith, errors);
                requireOnly(compareWith == CompareWith.Variable,
                        present(request.compareQlikVariableID()) || compareVariableName != null, at + "compareQlikVariableID",
                        compareWith, errors);
                requireOnly(compareWith == CompareWith.Expression, present(request.compareExpression()),
                        at + "compareExpression", compareWith, errors);
            }
        }
        if (errors.size() > before) {
            return null;
        }
        return new Draft(index, type, type == RuleValueType.Variable ? variableId : objectId,
                type == RuleValueType.Variable ? variableName : objectName, measureId, expression, operator, compareWith,
                request.value(), compareVariableId, compareVariableName, compareExpression, hasData);
    }

    /** The check with its app elements resolved, or null (with errors added) when the app does not have them. */
    static RuleValue resolve(Draft draft, OpenApp app, List<FieldError> errors) {
        String at = "values[" + draft.index() + "].";
        int before = errors.size();
        String elementId = null;
        String elementName = null;
        String measureId = draft.measureId();
        switch (draft.type()) {
            case Variable -> {
                Optional<VariableInfo> variable = app.variable(draft.elementId(), draft.elementName());
                if (variable.isEmpty()) {
                    errors.add(new FieldError(at + (draft.elementId() != null ? "qlikVariableID" : "variableName"),
                            "is not a variable of app '" + app.name() + "'"));
                } else {
                    elementName = variable.get().name();
                    elementId = AppElementIds.variable(app.id(), elementName);
                }
            }
            case KPI, ChartData -> {
                String field = at + (draft.elementId() != null ? "qlikObjectID" : "objectId");
                Optional<ObjectInfo> object = app.object(draft.elementId(), draft.elementName());
                if (object.isEmpty()) {
                    errors.add(new FieldError(field, "is not an object of app '" + app.name() + "'"));
                } else if (draft.type() == RuleValueType.KPI && !"kpi".equals(object.get().type())) {
                    errors.add(new FieldError(field, "is a " + object.get().type() + ", not a KPI"));
                } else if (draft.type() == RuleValueType.ChartData && "kpi".equals(object.get().type())) {
                    errors.add(new FieldError(field, "is a KPI, which always shows a value: compare it with a KPI check"));
                } else {
                    elementName = object.get().id();
                    elementId = AppElementIds.object(app.id(), elementName);
                    if (measureId != null && object.get().columns().stream()
                            .noneMatch(c -> c.kind() == ColumnKind.MEASURE && measureId.equals(c.id()))) {
                        errors.add(new FieldError(at + "measureId", "is not a measure of KPI '" + object.get().title() + "'"));
                    }
                }
            }
            case Expression -> app.expressionError(draft.expression())
                    .ifPresent(problem -> errors.add(new FieldError(at + "expression", problem)));
        }
        String compareVariableId = null;
        String compareVariableName = null;
        if (draft.compareWith() == CompareWith.Variable) {
            Optional<VariableInfo> variable = app.variable(draft.compareVariableId(), draft.compareVariableName());
            if (variable.isEmpty()) {
                errors.add(new FieldError(at + (draft.compareVariableId() != null ? "compareQlikVariableID" : "compareVariableName"),
                        "is not a variable of app '" + app.name() + "'"));
            } else {
                compareVariableName = variable.get().name();
                compareVariableId = AppElementIds.variable(app.id(), compareVariableName);
            }
        }
        if (draft.compareWith() == CompareWith.Expression) {
            app.expressionError(draft.compareExpression())
                    .ifPresent(problem -> errors.add(new FieldError(at + "compareExpression", problem)));
        }
        if (errors.size() > before) {
            return null;
        }
        return new RuleValue(draft.type(), elementId, elementName, measureId, draft.expression(),
                draft.operator() == null ? null : draft.operator().symbol(), draft.compareWith(),
                draft.compareWith() == CompareWith.Value ? draft.value() : null, compareVariableId, compareVariableName,
                draft.compareExpression(), draft.hasData());
    }

    // ---- helpers ----

    private static <E extends Enum<E>> E parse(Class<E> type, String given, String field, List<FieldError> errors) {
        String allowed = String.join(", ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
        if (!present(given)) {
            errors.add(new FieldError(field, "is required: one of " + allowed));
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().toLowerCase(Locale.ROOT).equals(given.trim().toLowerCase(Locale.ROOT))) {
                return constant;
            }
        }
        errors.add(new FieldError(field, "must be one of " + allowed));
        return null;
    }

    /** Adds "is required" when the operand is needed and missing, "does not apply" when given and not needed. */
    private static void requireOnly(boolean needed, boolean given, String field, Enum<?> kind, List<FieldError> errors) {
        if (needed && !given) {
            errors.add(new FieldError(field, "is required for " + kind.name()));
        } else if (!needed && given) {
            errors.add(new FieldError(field, "does not apply to " + kind.name()));
        }
    }

    private static String text(String given, String field, int max, List<FieldError> errors) {
        if (!present(given)) {
            return null;
        }
        if (given.length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
            return null;
        }
        return given.trim();
    }

    private static String expression(String given, String field, List<FieldError> errors) {
        if (!present(given)) {
            return null;
        }
        String trimmed = given.trim();
        if (!trimmed.startsWith("=")) {
            errors.add(new FieldError(field, "must start with ="));
            return null;
        }
        if (trimmed.length() > MAX_EXPRESSION) {
            errors.add(new FieldError(field, "must be at most " + MAX_EXPRESSION + " characters"));
            return null;
        }
        return trimmed;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
