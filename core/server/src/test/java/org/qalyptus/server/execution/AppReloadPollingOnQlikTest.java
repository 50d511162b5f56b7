package org.qalyptus.server.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qalyptus.qlik.simulator.EngineSimulator;
import org.qalyptus.server.app.AppService;
import org.qalyptus.server.app.OrganizationApp;
import org.qalyptus.server.support.AppBackend;
import org.qalyptus.server.support.SharedServer;
import org.qalyptus.server.support.TenantFixture;
import org.qalyptus.server.task.TaskDocument;
import org.qalyptus.server.task.TaskExternalEvent;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Reload detection end to end on Qlik Sense: the QlikSense connection lists the simulated app with the reload time the
 * Qlik Cloud items API gives, and the execution engine's reload poller runs a task waiting for that app's reloads once
 * when the simulated app is reloaded (its reload time moves), and not again until the next reload.
 */
class AppReloadPollingOnQlikTest {

    static ExecutionWorld w;
    static EngineSimulator simulator;
    static String task;

    @BeforeAll
    static void world() {
        w = new ExecutionWorld(SharedServer.get(), AppBackend.QLIK_SIMULATOR);
        simulator = AppBackend.simulator(w.server);
        task = w.task(TenantFixture.unique("On Qlik reload"));
        TaskExternalEvent event = new TaskExternalEvent(UUID.randomUUID().toString(), "Reloaded", null, true,
                TaskExternalEvent.APP_RELOAD_SUCCEEDED, ExecutionWorld.SALES_DEMO, "Queue", 0, null, null, null);
        w.mongo().updateFirst(new Query(Criteria.where("_id").is(task)), new Update().set("isActive", true)
                .set("externalEvents", List.of(event)), TaskDocument.class);
    }

    static long runs() {
        return w.mongo().count(new Query(Criteria.where("taskId").is(task).and("trigger.type").is("Event")), ExecutionDocument.class);
    }

    static Instant listedReloadTime() {
        return w.server.bean(AppService.class).apps(w.orgA.id()).stream().filter(a -> a.id().equals(ExecutionWorld.SALES_DEMO))
                .map(OrganizationApp::lastReloadTime).findFirst().orElseThrow();
    }

    @Test
    void aReloadOfTheQlikAppRunsTheWaitingTaskOnce() {
        AppReloadPoller poller = w.server.bean(AppReloadPoller.class);
        poller.poll(); // the first sight of the app only records its reload time
        poller.poll();
        long before = runs();
        assertThat(before).as("no reload yet").isZero();

        Instant reloaded = listedReloadTime().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        simulator.reload(ExecutionWorld.SALES_DEMO, reloaded);
        assertThat(listedReloadTime()).as("listApps gives the items API's lastReloadTime").isEqualTo(reloaded);
        poller.poll();
        poller.poll();

        assertThat(runs()).as("one run for one reload").isEqualTo(1);
        simulator.reload(ExecutionWorld.SALES_DEMO, reloaded.plus(1, ChronoUnit.MINUTES));
        poller.poll();
        assertThat(runs()).as("the next reload runs it again").isEqualTo(2);
    }
}
