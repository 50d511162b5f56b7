package org.qalyptus.server.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qalyptus.server.support.Http.Answer;
import org.qalyptus.server.support.RunningServer;
import org.qalyptus.server.support.SharedServer;
import tools.jackson.databind.JsonNode;

/** The demo task "Monthly sales" of a fresh install runs to completed without any SMTP server. */
class DemoRunTest {

    @Test
    void theMonthlySalesDemoTaskRunsToCompletedOnAFreshInstall() throws Exception {
        RunningServer server = SharedServer.get();
        String key = server.credentials().apiKey();
        JsonNode task = server.http().get("/api/v1/tasks", key).data().valueStream()
                .filter(t -> t.get("name").asString().equals("Monthly sales")).findFirst().orElseThrow();
        assertThat(task.get("isActive").asBoolean()).isTrue();
        String taskId = task.get("id").asString();
        JsonNode schedule = server.http().get("/api/v1/tasks/" + taskId + "/schedules", key).data().get(0);
        assertThat(schedule.get("frequency").asString()).isEqualTo("Monthly");
        assertThat(schedule.get("nextExecutionDate").isNull()).isFalse();

        Answer queued = server.http().postJson("/api/v1/tasks/" + taskId + "/run", key, "");
        assertThat(queued.status()).as(queued.body()).isEqualTo(200);
        String id = queued.data().get("id").asString();
        JsonNode ended = null;
        for (int i = 0; i < 600; i++) {
            ended = server.http().get("/api/v1/status/tasks/" + id, key).data();
            if (!List.of("Queued", "Running").contains(ended.get("status").asString())) {
                break;
            }
            Thread.sleep(100);
        }
        String log = server.http().get("/api/v1/status/tasks/" + id + "/log", key).body();

        assertThat(ended.get("status").asString()).as(log).isEqualTo("Completed");
        List<String> names = new ArrayList<>();
        ended.get("files").forEach(f -> names.add(f.get("fileName").asString()));
        assertThat(names).containsExactly("Sales by region.pdf", "Sales workbook.xlsx");
        Path folder = server.dataDir().resolve("deliveries/files")
                .resolve(orgOf(server, taskId)).resolve("Monthly sales");
        assertThat(Files.exists(folder.resolve("Sales by region.pdf"))).isTrue();
        assertThat(Files.exists(folder.resolve("Sales workbook.xlsx"))).isTrue();
        assertThat(server.http().get("/api/v1/hub/files?taskId=" + taskId, key).data().size()).isEqualTo(2);
    }

    private static String orgOf(RunningServer server, String taskId) {
        return server.bean(org.springframework.data.mongodb.core.MongoTemplate.class)
                .findById(taskId, org.bson.Document.class, "tasks").getString("organizationId");
    }
}
