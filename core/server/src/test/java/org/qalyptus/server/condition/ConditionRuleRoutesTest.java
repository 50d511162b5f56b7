package org.qalyptus.server.condition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qalyptus.server.filter.ContentFixture.APP;
import static org.qalyptus.server.filter.ContentFixture.assertInvalid;
import static org.qalyptus.server.filter.ContentFixture.assertStatus;
import static org.qalyptus.server.filter.ContentFixture.ids;
import static org.qalyptus.server.filter.ContentFixture.object;
import static org.qalyptus.server.filter.ContentFixture.unique;
import static org.qalyptus.server.filter.ContentFixture.variable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qalyptus.server.app.AppElementIds;
import org.qalyptus.server.filter.ContentFixture;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import org.qalyptus.server.support.TenantFixture.Person;
import tools.jackson.databind.JsonNode;

/**
 * The rule routes of conditions over real HTTP against the bundled Sales demo app: each kind of check
 * (variable, KPI, expression, chart data) compared with a value, a variable or an expression, with each
 * operator; validation of every part; create or update by id, list, get, delete; 400, 401, 403, 404, 409.
 */
class ConditionRuleRoutesTest {

    static ContentFixture f;
    private static Http http;
    private static String project;

    @BeforeAll
    static void fixture() {
        setUp(new ContentFixture());
    }

    static void setUp(ContentFixture fixture) {
        f = fixture;
        http = f.http;
        project = f.project(f.creator);
        f.grantOnProject(project, f.explorer, f.creator, "viewProject", "viewCondition", "editCondition");
        f.grantOnProject(project, f.viewer, f.creator, "viewProject", "viewCondition", "editCondition");
        f.grantOnProject(project, f.otherCreator, f.creator, "viewProject", "viewCondition");
    }

    private static String newCondition() {
        return ConditionRoutesTest.create(http, f.creator, project, unique("Rules")).get("id").asString();
    }

    private static Map<String, Object> map(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static Map<String, Object> rule(Object... checks) {
        return map("name", "Rule", "qlikAppID", APP, "values", Arrays.asList(checks));
    }

    private static Answer put(Person by, String conditionId, Map<String, Object> body) {
        return http.putJson("/api/v1/conditions/" + conditionId + "/rules", by == null ? null : by.key(), Http.json(body));
    }

    private static Map<String, Object> variableAbove(String value) {
        return map("type", "Variable", "qlikVariableID", variable("vRevenue"), "operator", ">", "compareWith", "Value",
                "value", value);
    }

    // ---- each kind of check ----

    @Test
    void aRuleComparesAVariableWithAValue() {
        String condition = newCondition();
        Answer answer = put(f.explorer, condition, map("name", "Some revenue", "qlikAppID", APP,
                "values", List.of(variableAbove("1000"))));

        assertStatus(answer, 200);
        JsonNode rule = answer.data();
        assertThat(rule.get("name").asString()).isEqualTo("Some revenue");
        assertThat(rule.get("qlikAppID").asString()).isEqualTo(APP);
        assertThat(rule.get("conditionID").asString()).isEqualTo(condition);
        assertThat(rule.get("conditionVersion").asLong()).isEqualTo(1);
        JsonNode check = rule.get("values").get(0);
        assertThat(check.get("type").asString()).isEqualTo("Variable");
        assertThat(check.get("qlikVariableID").asString()).isEqualTo(variable("vRevenue"));
        assertThat(check.get("variableName").asString()).isEqualTo("vRevenue");
        assertThat(check.get("operator").asString()).isEqualTo(">");
        assertThat(check.get("compareWith").asString()).isEqualTo("Value");
        assertThat(check.get("value").asString()).isEqualTo("1000");
        assertThat(check.has("qlikObjectID")).isFalse();
        assertThat(check.has("hasData")).isFalse();
    }

    @Test
    void everyOperatorIsAcceptedAndNoOther() {
        String condition = newCondition();
        String ruleId = put(f.creator, condition, rule(variableAbove("0"))).data().get("id").asString();
        for (String operator : List.of("=", "!=", ">", ">=", "<", "<=", " >= ")) {
            Map<String, Object> check = variableAbove("5");
            check.put("operator", operator);
            Answer answer = put(f.creator, condition, map("id", ruleId, "name", "Rule", "qlikAppID", APP, "values", List.of(check)));
            assertStatus(answer, 200);
            assertThat(answer.data().get("id").asString()).isEqualTo(ruleId);
            assertThat(answer.data().get("values").get(0).get("operator").asString()).isEqualTo(operator.trim());
        }
        Document before = f.stored("conditions", condition);
        for (String operator : List.of("==", "<>", "=>", "=<", "!", "gt", "")) {
            Map<String, Object> check = variableAbove("5");
            check.put("operator", operator);
            assertInvalid(put(f.creator, condition, map("id", ruleId, "name", "Rule", "qlikAppID", APP, "values", List.of(check))),
                    "values[0].operator");
        }
        Map<String, Object> noOperator = variableAbove("5");
        noOperator.remove("operator");
        assertInvalid(put(f.creator, condition, rule(noOperator)), "values[0].operator");
        assertThat(f.stored("conditions", condition)).isEqualTo(before);
    }

    @Test
    void variablesKpisAndExpressionsCompareWithValuesVariablesAndExpressions() {
        String condition = newCondition();
        Answer answer = put(f.creator, condition, rule(
                map("type", "Variable", "variableName", "vMargin", "operator", ">=", "compareWith", "Variable",
                        "compareVariableName", "vTargetMargin"),
                map("type", "variable", "qlikVariableID", variable("vRevenue"), "operator", ">", "compareWith", "expression",
                        "compareExpression", "=Sum(cost)"),
                map("type", "KPI", "objectId", "kpi-revenue", "operator", ">", "compareWith", "Value", "value", "0"),
                map("type", "KPI", "qlikObjectID", object("kpi-margin"), "measureId", "status", "operator", "=",
                        "compareWith", "Value", "value", "On target"),
                map("type", "KPI", "objectId", "kpi-margin", "operator", ">=", "compareWith", "Variable",
                        "compareQlikVariableID", variable("vTargetMargin")),
                map("type", "Expression", "expression", "=Sum(units)", "operator", "<", "compareWith", "Expression",
                        "compareExpression", "=Count(product) * 100"),
                map("type", "ChartData", "objectId", "chart-revenue-by-month", "hasData", true),
                map("type", "ChartData", "qlikObjectID", object("table-region-product"), "hasData", false),
                map("type", "ChartData", "objectId", "chart-category-pie")));

        assertStatus(answer, 200);
        JsonNode values = answer.data().get("values");
        assertThat(values.size()).isEqualTo(9);
        assertThat(values.get(0).get("compareQlikVariableID").asString()).isEqualTo(variable("vTargetMargin"));
        assertThat(values.get(0).get("compareVariableName").asString()).isEqualTo("vTargetMargin");
        assertThat(values.get(1).get("type").asString()).isEqualTo("Variable");
        assertThat(values.get(1).get("compareWith").asString()).isEqualTo("Expression");
        assertThat(values.get(2).get("qlikObjectID").asString()).isEqualTo(object("kpi-revenue"));
        assertThat(values.get(2).get("objectId").asString()).isEqualTo("kpi-revenue");
        assertThat(values.get(3).get("measureId").asString()).isEqualTo("status");
        assertThat(values.get(4).get("compareVariableName").asString()).isEqualTo("vTargetMargin");
        assertThat(values.get(5).get("expression").asString()).isEqualTo("=Sum(units)");
        assertThat(values.get(6).get("hasData").asBoolean()).isTrue();
        assertThat(values.get(6).has("operator")).isFalse();
        assertThat(values.get(7).get("hasData").asBoolean()).isFalse();
        assertThat(values.get(8).get("hasData").asBoolean()).as("a chart check holds on data by default").isTrue();
    }

    // ---- validation ----

    @Test
    void variableChecksNameAVariableOfTheApp() {
        String condition = newCondition();
        Document before = f.stored("conditions", condition);
        assertInvalid(put(f.creator, condition, rule(map("type", "Variable", "operator", "=", "compareWith", "Value",
                "value", "1"))), "values[0].qlikVariableID");
        assertInvalid(put(f.creator, condition, rule(map("type", "Variable", "variableName", "vNope", "operator", "=",
                "compareWith", "Value", "value", "1"))), "values[0].variableName");
        assertInvalid(put(f.creator, condition, rule(map("type", "Variable", "qlikVariableID",
                AppElementIds.variable(UUID.randomUUID().toString(), "vRevenue"), "operator", "=", "compareWith", "Value",
                "value", "1"))), "values[0].qlikVariableID");
        assertInvalid(put(f.creator, condition, rule(map("type", "Variable", "qlikVariableID", "vRevenue", "operator", "=",
                "compareWith", "Value", "value", "1"))), "values[0].qlikVariableID");
        assertInvalid(put(f.creator, condition, rule(map("type", "Variable", "variableName", "vRevenue", "operator", "=",
                "compareWith", "Variable", "compareVariableName", "vNope"))), "values[0].compareVariableName");
        assertInvalid(put(f.creator, condition, rule(map("type", "Variable", "variableName", "vRevenue", "operator", "=",
                "compareWith", "Variable"))), "values[0].compareQlikVariableID");
        assertInvalid(put(f.creator, condition, rule(map("type", "Variable", "variableName", "vRevenue",
                "objectId", "kpi-revenue", "operator", "=", "compareWith", "Value", "value", "1"))), "values[0].qlikObjectID");
        assertThat(f.stored("conditions", condition)).isEqualTo(before);
    }

    @Test
    void kpiAndChartChecksNameTheRightKindOfObject() {
        String condition = newCondition();
        Document before = f.stored("conditions", condition);
        Answer notAKpi = put(f.creator, condition, rule(map("type", "KPI", "objectId", "chart-revenue-by-month",
                "operator", ">", "compareWith", "Value", "value", "0")));
        assertInvalid(notAKpi, "values[0].objectId");
        assertThat(notAKpi.json().get("error").asString()).contains("barchart, not a KPI");
        assertInvalid(put(f.creator, condition, rule(map("type", "KPI", "objectId", "kpi-revenue", "measureId", "margin",
                "operator", ">", "compareWith", "Value", "value", "0"))), "values[0].measureId");
        assertInvalid(put(f.creator, condition, rule(map("type", "KPI", "qlikObjectID", object("nope"), "operator", ">",
                "compareWith", "Value", "value", "0"))), "values[0].qlikObjectID");
        assertInvalid(put(f.creator, condition, rule(map("type", "ChartData", "objectId", "kpi-revenue"))),
                "values[0].objectId");
        assertInvalid(put(f.creator, condition, rule(map("type", "ChartData", "objectId", "chart-category-pie",
                "operator", ">", "compareWith", "Value", "value", "1"))), "values[0].operator", "values[0].compareWith",
                "values[0].value");
        assertInvalid(put(f.creator, condition, rule(map("type", "ChartData"))), "values[0].qlikObjectID");
        assertInvalid(put(f.creator, condition, rule(map("type", "Variable", "variableName", "vRevenue", "hasData", true,
                "measureId", "revenue", "operator", "=", "compareWith", "Value", "value", "1"))), "values[0].hasData",
                "values[0].measureId");
        assertThat(f.stored("conditions", condition)).isEqualTo(before);
    }

    @Test
    void expressionsStartWithAnEqualsSignAndMustEvaluate() {
        String condition = newCondition();
        Document before = f.stored("conditions", condition);
        Answer noEquals = put(f.creator, condition, rule(map("type", "Expression", "expression", "Sum(units)", "operator", ">",
                "compareWith", "Value", "value", "0")));
        assertInvalid(noEquals, "values[0].expression");
        assertThat(noEquals.json().get("error").asString()).contains("must start with =");
        assertInvalid(put(f.creator, condition, rule(map("type", "Expression", "expression", "=Sum(units", "operator", ">",
                "compareWith", "Value", "value", "0"))), "values[0].expression");
        assertInvalid(put(f.creator, condition, rule(map("type", "Expression", "expression", "=Sum(nothing)", "operator", ">",
                "compareWith", "Value", "value", "0"))), "values[0].expression");
        assertInvalid(put(f.creator, condition, rule(map("type", "Expression", "operator", ">", "compareWith", "Value",
                "value", "0"))), "values[0].expression");
        assertInvalid(put(f.creator, condition, rule(map("type", "Variable", "variableName", "vRevenue", "operator", ">",
                "compareWith", "Expression", "compareExpression", "Sum(cost)"))), "values[0].compareExpression");
        assertInvalid(put(f.creator, condition, rule(map("type", "Variable", "variableName", "vRevenue", "operator", ">",
                "compareWith", "Expression", "compareExpression", "=Sum(cost"))), "values[0].compareExpression");
        assertThat(f.stored("conditions", condition)).isEqualTo(before);
    }

    @Test
    void comparisonsNeedWhatTheyCompareWith() {
        String condition = newCondition();
        assertInvalid(put(f.creator, condition, rule(map("type", "Variable", "variableName", "vRevenue", "operator", ">"))),
                "values[0].compareWith");
        assertInvalid(put(f.creator, condition, rule(map("type", "Variable", "variableName", "vRevenue", "operator", ">",
                "compareWith", "Nothing"))), "values[0].compareWith");
        assertInvalid(put(f.creator, condition, rule(map("type", "Variable", "variableName", "vRevenue", "operator", ">",
                "compareWith", "Value"))), "values[0].value");
        assertInvalid(put(f.creator, condition, rule(map("type", "Variable", "variableName", "vRevenue", "operator", ">",
                "compareWith", "Variable", "compareVariableName", "vCurrency", "value", "3"))), "values[0].value");
        assertInvalid(put(f.creator, condition, rule(map("type", "Variable", "variableName", "vRevenue", "operator", ">",
                "compareWith", "Value", "value", "x".repeat(1001)))), "values[0].value");
        assertStatus(put(f.creator, condition, rule(map("type", "Variable", "variableName", "vCurrency", "operator", "=",
                "compareWith", "Value", "value", ""))), 200);
        assertStatus(put(f.creator, condition, rule(map("type", "Variable", "variableName", "vRevenue", "operator", ">",
                "compareWith", "Value", "value", 1000))), 200);
    }

    @Test
    void rulesNeedANameAnAppOfTheOrganizationAndKnownKindsOfChecks() {
        String condition = newCondition();
        Document before = f.stored("conditions", condition);
        assertInvalid(put(f.creator, condition, map("qlikAppID", APP, "values", List.of(variableAbove("1")))), "name");
        assertInvalid(put(f.creator, condition, map("name", "R", "values", List.of(variableAbove("1")))), "qlikAppID");
        assertInvalid(put(f.creator, condition, map("name", "R", "qlikAppID", "app", "values", List.of(variableAbove("1")))),
                "qlikAppID");
        assertInvalid(put(f.creator, condition, map("name", "R", "qlikAppID", UUID.randomUUID().toString(),
                "values", List.of(variableAbove("1")))), "qlikAppID");
        assertInvalid(put(f.creator, condition, map("name", "R", "qlikAppID", APP)), "values");
        assertInvalid(put(f.creator, condition, map("name", "R", "qlikAppID", APP, "values", List.of())), "values");
        assertInvalid(put(f.creator, condition, map("name", "R", "qlikAppID", APP, "values", Arrays.asList((Object) null))),
                "values[0]");
        assertInvalid(put(f.creator, condition, rule(map("operator", ">"))), "values[0].type");
        assertInvalid(put(f.creator, condition, rule(map("type", "Dimension"))), "values[0].type");
        List<Object> tooMany = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            tooMany.add(variableAbove("1"));
        }
        assertInvalid(put(f.creator, condition, map("name", "R", "qlikAppID", APP, "values", tooMany)), "values");
        Answer several = put(f.creator, condition, rule(variableAbove("1"), map("type", "KPI"),
                map("type", "Expression", "expression", "1", "operator", "~", "compareWith", "Value", "value", "1")));
        assertInvalid(several, "values[1].qlikObjectID", "values[1].operator", "values[2].expression", "values[2].operator");
        assertStatus(http.putJson("/api/v1/conditions/" + condition + "/rules", f.creator.key(),
                "{\"name\": \"R\", \"qlikAppID\": \"" + APP + "\", \"values\": [{\"type\": {\"$ne\": null}}]}"), 400);
        assertStatus(http.putJson("/api/v1/conditions/" + condition + "/rules", f.creator.key(), "null"), 400);
        assertThat(f.stored("conditions", condition)).isEqualTo(before);
    }

    // ---- create or update, list, get ----

    @Test
    void aRuleIsReplacedByItsIdAndRulesKeepTheirOrder() {
        String condition = newCondition();
        String first = put(f.creator, condition, map("name", "First", "qlikAppID", APP, "values", List.of(variableAbove("1"))))
                .data().get("id").asString();
        String second = put(f.creator, condition, map("name", "Second", "qlikAppID", APP,
                "values", List.of(variableAbove("2")))).data().get("id").asString();

        Answer replaced = put(f.creator, condition, map("id", first, "name", "First again", "qlikAppID", APP,
                "values", List.of(map("type", "ChartData", "objectId", "chart-category-pie"))));
        assertStatus(replaced, 200);
        assertThat(replaced.data().get("id").asString()).isEqualTo(first);
        assertThat(replaced.data().get("conditionVersion").asLong()).isEqualTo(3);

        Answer rules = http.get("/api/v1/conditions/" + condition + "/rules", f.otherCreator.key());
        assertThat(ids(rules)).containsExactly(first, second);
        assertThat(rules.data().get(0).get("name").asString()).isEqualTo("First again");
        assertThat(rules.data().get(0).get("values").get(0).get("type").asString()).isEqualTo("ChartData");
        assertThat(rules.data().get(0).has("conditionVersion")).isFalse();

        Answer one = http.get("/api/v1/conditions/rules/" + second, f.otherCreator.key());
        assertStatus(one, 200);
        assertThat(one.data().get("name").asString()).isEqualTo("Second");
        assertThat(one.data().get("conditionID").asString()).isEqualTo(condition);

        assertStatus(put(f.creator, condition, map("id", UUID.randomUUID().toString(), "name", "X", "qlikAppID", APP,
                "values", List.of(variableAbove("1")))), 404);
        assertInvalid(put(f.creator, condition, map("id", "first", "name", "X", "qlikAppID", APP,
                "values", List.of(variableAbove("1")))), "id");
    }

    @Test
    void ruleChangesNeedEditConditionAndTheCurrentVersion() {
        String condition = newCondition();
        Map<String, Object> body = rule(variableAbove("1"));
        assertStatus(put(null, condition, body), 401);
        assertStatus(put(f.viewer, condition, body), 403);
        assertStatus(put(f.otherCreator, condition, body), 403);
        assertStatus(put(f.outsider, condition, body), 404);
        assertStatus(put(f.creator, UUID.randomUUID().toString(), body), 404);
        Map<String, Object> stale = rule(variableAbove("1"));
        stale.put("version", 7);
        assertStatus(put(f.creator, condition, stale), 409);
        assertThat(f.stored("conditions", condition).get("rules", List.class)).isEmpty();
        assertStatus(put(f.explorer, condition, body), 200);
    }

    @Test
    void readingRulesAnswers401And403And404() {
        String condition = newCondition();
        String rule = put(f.creator, condition, rule(variableAbove("1"))).data().get("id").asString();
        String hiddenProject = f.project(f.creator);
        f.grantOnProject(hiddenProject, f.otherCreator, f.creator, "viewProject");
        String hidden = ConditionRoutesTest.create(http, f.creator, hiddenProject, unique("Hidden")).get("id").asString();
        String hiddenRule = put(f.creator, hidden, rule(variableAbove("1"))).data().get("id").asString();

        assertStatus(http.get("/api/v1/conditions/" + condition + "/rules", null), 401);
        assertStatus(http.get("/api/v1/conditions/" + hidden + "/rules", f.otherCreator.key()), 403);
        assertStatus(http.get("/api/v1/conditions/" + condition + "/rules", f.outsider.key()), 404);
        assertStatus(http.get("/api/v1/conditions/" + UUID.randomUUID() + "/rules", f.creator.key()), 404);
        assertStatus(http.get("/api/v1/conditions/rules/" + rule, null), 401);
        assertStatus(http.get("/api/v1/conditions/rules/" + hiddenRule, f.otherCreator.key()), 403);
        assertStatus(http.get("/api/v1/conditions/rules/" + rule, f.outsider.key()), 404);
        assertStatus(http.get("/api/v1/conditions/rules/" + UUID.randomUUID(), f.creator.key()), 404);
        assertInvalid(http.get("/api/v1/conditions/rules/r", f.creator.key()), "id");
    }

    // ---- delete ----

    @Test
    void deletingRulesIsAllOrNone() {
        String condition = newCondition();
        String a = put(f.creator, condition, rule(variableAbove("1"))).data().get("id").asString();
        String b = put(f.creator, condition, rule(variableAbove("2"))).data().get("id").asString();
        String c = put(f.creator, condition, rule(variableAbove("3"))).data().get("id").asString();
        Document before = f.stored("conditions", condition);
        String rules = "/api/v1/conditions/" + condition + "/rules";

        assertStatus(http.deleteJson(rules, f.creator.key(), Http.json(List.of(a, UUID.randomUUID().toString()))), 404);
        assertInvalid(http.deleteJson(rules, f.creator.key(), "[]"), "ids");
        assertInvalid(http.deleteJson(rules, f.creator.key(), "[null]"), "ids[0]");
        assertStatus(http.deleteJson(rules, f.creator.key(), "{\"$ne\": null}"), 400);
        assertStatus(http.deleteJson(rules, null, Http.json(List.of(a))), 401);
        assertStatus(http.deleteJson(rules, f.otherCreator.key(), Http.json(List.of(a))), 403);
        assertStatus(http.deleteJson(rules, f.outsider.key(), Http.json(List.of(a))), 404);
        assertStatus(http.send(http.request(rules, f.creator.key()).header("Content-Type", "application/json")
                .header("If-Match", "1").method("DELETE", java.net.http.HttpRequest.BodyPublishers.ofString(
                        Http.json(List.of(a))))), 409);
        assertThat(f.stored("conditions", condition)).isEqualTo(before);

        Answer deleted = http.deleteJson(rules, f.explorer.key(), Http.json(List.of(c, a)));
        assertStatus(deleted, 200);
        assertThat(deleted.data().valueStream().map(JsonNode::asString).toList()).containsExactly(c, a);
        assertThat(ids(http.get(rules, f.creator.key()))).containsExactly(b);
        assertStatus(http.get("/api/v1/conditions/rules/" + a, f.creator.key()), 404);
    }
}
