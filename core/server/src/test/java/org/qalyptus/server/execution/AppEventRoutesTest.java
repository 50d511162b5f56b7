package org.qalyptus.server.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import org.qalyptus.server.support.TenantFixture;
import org.qalyptus.server.task.TaskDocument;
import org.qalyptus.server.task.TaskExternalEvent;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/** {@code POST /api/v1/events/app-reload}: generic and Qlik Cloud bodies run matching tasks once per reload. */
class AppEventRoutesTest {

    static ExecutionWorld w;
    static String task;

    @BeforeAll
    static void world() {
        w = ExecutionWorld.get();
        task = w.task(TenantFixture.unique("On reload"));
        TaskExternalEvent event = new TaskExternalEvent(UUID.randomUUID().toString(), "Reloaded", null, true,
                TaskExternalEvent.APP_RELOAD_SUCCEEDED, ExecutionWorld.SALES_DEMO, "Queue", 0, null, null, null);
        w.mongo().updateFirst(new Query(Criteria.where("_id").is(task)), new Update().set("isActive", true)
                .set("externalEvents", List.of(event)), TaskDocument.class);
    }

    static long runs() {
        return w.mongo().count(new Query(Criteria.where("taskId").is(task).and("trigger.type").is("Event")), ExecutionDocument.class);
    }

    static Answer post(String key, Object body) {
        return w.http.postJson("/api/v1/events/app-reload", key, Http.json(body));
    }

    @Test
    void aSucceededReloadRunsTheTaskOnceHoweverOftenItIsReported() {
        long before = runs();
        Map<String, Object> body = Map.of("appId", ExecutionWorld.SALES_DEMO, "status", "Succeeded", "reloadTime",
                "2025-06-01T10:00:00Z");

        Answer first = post(w.creator.key(), body);
        Answer again = post(w.admin.key(), body);

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.data().get("executionIds")).hasSize(1);
        assertThat(again.data().get("executionIds")).isEmpty();
        assertThat(runs()).isEqualTo(before + 1);
    }

    @Test
    void aQlikCloudWebhookBodyIsUnderstood() {
        long before = runs();
        Answer answer = post(w.creator.key(), Map.of("eventType", "com.qlik.v1.app.reload.finished", "time",
                Instant.now().toString(), "data", Map.of("id", ExecutionWorld.SALES_DEMO, "status", "ok")));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(runs()).isEqualTo(before + 1);
    }

    @Test
    void aFailedReloadOrAnotherOrganizationsCallerRunsNothing() {
        long before = runs();

        assertThat(post(w.creator.key(), Map.of("appId", ExecutionWorld.SALES_DEMO, "status", "Failed")).data()
                .get("succeeded").asBoolean()).isFalse();
        assertThat(post(w.outsider.key(), Map.of("appId", ExecutionWorld.SALES_DEMO)).data().get("executionIds")).isEmpty();

        assertThat(runs()).isEqualTo(before);
    }

    @Test
    void badBodiesAre400AndNoCredentialIs401() {
        assertThat(post(w.creator.key(), Map.of("status", "ok")).body()).contains("appId");
        assertThat(post(w.creator.key(), Map.of("status", "ok")).status()).isEqualTo(400);
        assertThat(post(w.creator.key(), Map.of("appId", "x", "reloadTime", "yesterday")).status()).isEqualTo(400);
        assertThat(post(w.creator.key(), Map.of("eventType", "com.qlik.v1.user.created", "data", Map.of("id", "x"))).status())
                .isEqualTo(400);
        assertThat(w.http.postJson("/api/v1/events/app-reload", w.creator.key(), "[1]").status()).isEqualTo(400);
        assertThat(post(null, Map.of("appId", ExecutionWorld.SALES_DEMO)).status()).isEqualTo(401);
    }
}
