package org.qalyptus.server.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qalyptus.server.project.ProjectDocument;
import org.qalyptus.server.project.ProjectRepository;
import org.qalyptus.server.support.Http.Answer;
import org.qalyptus.server.support.RunningServer;
import org.qalyptus.server.support.SharedServer;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;

/** The demo project's task, made by the first start. */
class DemoTaskTest {

    @Test
    void theFirstStartGaveTheDemoProjectAnInactiveDailyTaskForItsOwner() {
        RunningServer server = SharedServer.get();
        String key = server.credentials().apiKey();
        JsonNode task = server.http().get("/api/v1/tasks", key).data().valueStream()
                .filter(t -> t.get("name").asString().equals(DemoTask.NAME)).findFirst().orElseThrow();
        assertThat(task.get("project").get("name").asString()).isEqualTo("Demo");
        assertThat(task.get("isActive").asBoolean()).isFalse();
        assertThat(task.get("isMine").asBoolean()).isTrue();
        String path = "/api/v1/tasks/" + task.get("id").asString();

        JsonNode schedules = server.http().get(path + "/schedules", key).data();
        assertThat(schedules.size()).isEqualTo(1);
        assertThat(schedules.get(0).get("frequency").asString()).isEqualTo("Daily");
        assertThat(schedules.get(0).get("atHour").asInt()).isEqualTo(7);
        assertThat(schedules.get(0).get("atMinut").asInt()).isZero();
        assertThat(schedules.get(0).get("timeZone").asString()).isEqualTo("Europe/Paris");
        assertThat(schedules.get(0).get("nextExecutionDate").isNull()).as("inactive task").isTrue();
        JsonNode recipients = server.http().get(path + "/recipients", key).data();
        assertThat(recipients.findValuesAsString("recipientID")).containsExactly(task.get("owner").asString());
        assertThat(server.http().get(path + "/email", key).data().get("subject").asString()).isEqualTo("Sales by region");
    }

    @Test
    void theDemoTaskIsMadeOnceAndGeneratesTheDemoReportWhenTheProjectHasIt() {
        RunningServer server = SharedServer.get();
        TaskWorld w = TaskWorld.get();
        String projectId = w.project(w.creator).get("id").asString();
        String report = w.report(projectId, w.creator.id(), DemoTask.REPORT_NAME, "HTML", false, List.of());
        ProjectDocument project = server.bean(ProjectRepository.class).findById(projectId).orElseThrow();

        server.bean(DemoTask.class).ensure(project);
        server.bean(DemoTask.class).ensure(project);

        Query tasks = new Query(Criteria.where("projectId").is(projectId).and("name").is(DemoTask.NAME));
        assertThat(server.bean(MongoTemplate.class).count(tasks, "tasks")).isEqualTo(1);
        String taskId = server.bean(MongoTemplate.class).findOne(tasks, TaskDocument.class).id();
        Answer reports = server.http().get("/api/v1/tasks/" + taskId + "/reports", w.creator.key());
        assertThat(reports.data().size()).isEqualTo(1);
        assertThat(reports.data().get(0).get("reportID").asString()).isEqualTo(report);
        assertThat(reports.data().get(0).get("format").asString()).isEqualTo("Html");
        assertThat(reports.data().get(0).get("emailEmbedment").asBoolean()).isTrue();
    }
}
