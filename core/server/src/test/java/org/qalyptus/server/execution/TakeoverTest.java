package org.qalyptus.server.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qalyptus.server.execution.ExecutionWorld.body;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.qalyptus.server.support.TenantFixture;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;

/**
 * A node that died mid-run (its lease expired) leaves its execution to another node, which resumes it: files
 * already stored are not rendered again and deliveries already done are not repeated.
 */
class TakeoverTest {

    @Test
    void anExecutionWhoseLeaseExpiredIsResumedWithoutRenderingOrDeliveringAgain() {
        ExecutionWorld w = ExecutionWorld.get();
        String report = w.report(false);
        String task = w.task(TenantFixture.unique("Takeover"));
        String taskReport = w.taskReport(task, body("reportID", report, "format", "Html", "emailEmbedment", true,
                "emailAttachment", false, "fileStorage", Map.of("enabled", true, "folder", "takeover"), "hub",
                Map.of("publish", true, "retentionCount", 5)));
        JsonNode first = w.runAndWait(task);
        ExecutionDocument model = w.mongo().findById(first.get("id").asString(), ExecutionDocument.class);
        ExecutionFile rendered = w.mongo().findOne(new Query(Criteria.where("executionId").is(model.id())), ExecutionFile.class);

        // what a node that died after rendering and the folder delivery, before the hub, leaves behind
        String id = UUID.randomUUID().toString();
        Instant past = Instant.now().minusSeconds(120);
        w.mongo().insert(new ExecutionFile(UUID.randomUUID().toString(), id, rendered.fileKey(), taskReport, report,
                rendered.reportName(), rendered.fileName(), rendered.mediaType(), rendered.size(), rendered.gridFsId(), Map.of(), 0,
                past));
        w.mongo().insert(new DeliveryDocument(UUID.randomUUID().toString(), id, rendered.fileKey(), "folder", "-",
                DeliveryDocument.DONE, 1, null, "somewhere", "dead-node", past));
        // and a file it was writing to the folder when it was killed, next to one of another execution still running
        java.nio.file.Path folder = w.server.dataDir().resolve(DeliverySteps.FILES_FOLDER).resolve(model.organizationId())
                .resolve("takeover");
        java.nio.file.Path leftOver = folder.resolve(DeliverySteps.temporaryName(id, "some file"));
        java.nio.file.Path another = folder.resolve(DeliverySteps.temporaryName(UUID.randomUUID().toString(), "some file"));
        writeFile(leftOver);
        writeFile(another);
        w.mongo().insert(new ExecutionDocument(id, ExecutionDocument.TASK, model.organizationId(), model.projectId(), task, null,
                model.name(), model.trigger(), ExecutionStatus.Running.name(), 0, past, past, null, 40, "Rendering", "dead-node",
                past.plusSeconds(30), past, false, 1, null, null, null, null, null, 0, 0));

        JsonNode resumed = w.waitFor("/api/v1/status/tasks/", id);

        String log = w.log(id);
        assertThat(resumed.get("status").asString()).as(log).isEqualTo("Completed");
        assertThat(resumed.get("attempts").asInt()).isEqualTo(2);
        assertThat(log).contains("Resuming: 1 file(s)").contains("0 file(s) rendered").contains("published on the hub")
                .doesNotContain("stored in the file storage folder");
        assertThat(log).contains("Removed 1 temporary file(s) an earlier attempt left in the file storage folder");
        assertThat(leftOver).doesNotExist();
        assertThat(another).exists();
        assertThat(w.mongo().count(new Query(Criteria.where("executionId").is(id)), ExecutionFile.class)).isEqualTo(1);
        assertThat(w.mongo().count(new Query(Criteria.where("executionId").is(id).and("state").is("done")),
                DeliveryDocument.class)).isEqualTo(2);
    }

    private static void writeFile(java.nio.file.Path path) {
        try {
            java.nio.file.Files.createDirectories(path.getParent());
            java.nio.file.Files.write(path, new byte[] {1, 2, 3});
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
