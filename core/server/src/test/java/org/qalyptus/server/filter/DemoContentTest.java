package org.qalyptus.server.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qalyptus.server.filter.ContentFixture.APP;
import static org.qalyptus.server.filter.ContentFixture.assertStatus;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qalyptus.server.condition.DemoCondition;
import org.qalyptus.server.filter.OpenApp.ValueCheck;
import org.qalyptus.server.project.ProjectDocument;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import org.qalyptus.server.support.RunningServer;
import org.qalyptus.server.support.SharedServer;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;

/**
 * The demo project's sample filter and condition: there after the first start, answered by the routes,
 * valid against the bundled app they were written for without opening it, and written once.
 */
class DemoContentTest {

    private final RunningServer server = SharedServer.get();
    private final Http http = server.http();
    private final String key = SharedServer.ownerKey();

    private JsonNode demoProject() {
        Answer projects = http.get("/api/v1/projects", key);
        assertStatus(projects, 200);
        return projects.data().valueStream().filter(p -> p.get("name").asString().equals("Demo")).findFirst().orElseThrow();
    }

    private JsonNode named(String route, String projectId, String name) {
        Answer listed = http.get(route + "/project/" + projectId, key);
        assertStatus(listed, 200);
        String id = listed.data().valueStream().filter(n -> n.get("name").asString().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(listed.body())).get("id").asString();
        Answer one = http.get(route + "/" + id, key);
        assertStatus(one, 200);
        return one.data();
    }

    @Test
    void theDemoProjectHasAFilterOnEuropeThatTheAppHas() {
        JsonNode demo = demoProject();
        JsonNode filter = named("/api/v1/filters", demo.get("id").asString(), DemoFilter.NAME);

        assertThat(filter.get("appId").asString()).isEqualTo(APP);
        assertThat(filter.get("isMine").asBoolean()).isTrue();
        JsonNode item = filter.get("items").get(0);
        assertThat(item.get("fieldName").asString()).isEqualTo("region");
        assertThat(item.get("filterItemFieldValues").valueStream().map(JsonNode::asString).toList()).containsExactly("Europe");
        try (OpenApp app = server.bean(AppElements.class).open(demo.get("organizationID").asString(), APP, "qlikAppID")) {
            var field = app.field(item.get("qlikFieldID").asString(), null).orElseThrow();
            assertThat(app.checkValues(field, List.of("Europe"))).containsEntry("Europe", ValueCheck.KNOWN);
        }
    }

    @Test
    void theDemoProjectHasAConditionWhoseRulesTheAppHas() {
        JsonNode demo = demoProject();
        JsonNode condition = named("/api/v1/conditions", demo.get("id").asString(), DemoCondition.NAME);

        JsonNode rules = condition.get("rules");
        assertThat(rules.size()).isEqualTo(2);
        JsonNode chart = rules.get(0).get("values").get(0);
        JsonNode margin = rules.get(1).get("values").get(0);
        assertThat(chart.get("type").asString()).isEqualTo("ChartData");
        assertThat(chart.get("hasData").asBoolean()).isTrue();
        assertThat(margin.get("operator").asString()).isEqualTo(">=");
        assertThat(margin.get("compareWith").asString()).isEqualTo("Variable");
        try (OpenApp app = server.bean(AppElements.class).open(demo.get("organizationID").asString(), APP, "qlikAppID")) {
            assertThat(app.object(chart.get("qlikObjectID").asString(), null)).get()
                    .satisfies(o -> assertThat(o.type()).isEqualTo("barchart"));
            assertThat(app.variable(margin.get("qlikVariableID").asString(), null)).isPresent();
            assertThat(app.variable(margin.get("compareQlikVariableID").asString(), null)).isPresent();
        }
    }

    @Test
    void writingTheDemoContentAgainAddsNothing() {
        String projectId = demoProject().get("id").asString();
        MongoTemplate mongo = server.bean(MongoTemplate.class);
        ProjectDocument project = mongo.findById(projectId, ProjectDocument.class);

        server.bean(DemoFilter.class).ensure(project, APP);
        server.bean(DemoCondition.class).ensure(project, APP);

        Query inDemo = new Query(Criteria.where("projectId").is(projectId));
        assertThat(mongo.count(Query.of(inDemo).addCriteria(Criteria.where("name").is(DemoFilter.NAME)), "filters")).isEqualTo(1);
        assertThat(mongo.count(Query.of(inDemo).addCriteria(Criteria.where("name").is(DemoCondition.NAME)), "conditions"))
                .isEqualTo(1);
    }
}
