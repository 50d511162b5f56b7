package org.qalyptus.server.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qalyptus.server.execution.ExecutionWorld.body;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;

/** A task run end to end on the demo app: filters, conditions, iteration, files, folder and hub, logs. */
class ExecutionFlowTest {

    static ExecutionWorld w;
    static Http http;

    @BeforeAll
    static void world() {
        w = ExecutionWorld.get();
        http = w.http;
    }

    @Test
    void aRunRendersEveryRegionStoresTheFilesAndDeliversThemToTheFolderAndTheHub() throws Exception {
        String report = w.report(true);
        String task = w.task(org.qalyptus.server.support.TenantFixture.unique("Burst"));
        String folder = "burst-" + task.substring(0, 8);
        w.taskReport(task, body("reportID", report, "format", "Pdf", "emailEmbedment", false, "emailAttachment", true,
                "filters", List.of(Map.of("id", w.filter("region", List.of("Europe", "Asia Pacific")), "order", 1)),
                "fileStorage", Map.of("enabled", true, "folder", folder), "hub", Map.of("publish", true, "retentionCount", 1)));

        JsonNode ended = w.runAndWait(task);

        assertThat(ended.get("status").asString()).as(w.log(ended.get("id").asString())).isEqualTo("Completed");
        assertThat(ended.get("progress").asInt()).isEqualTo(100);
        assertThat(ended.get("version").asLong()).isEqualTo(1);
        List<String> names = new ArrayList<>();
        ended.get("files").forEach(f -> names.add(f.get("fileName").asString()));
        assertThat(names).containsExactlyInAnyOrder("Sales-Asia Pacific.pdf", "Sales-Europe.pdf");
        Path delivered = w.server.dataDir().resolve("deliveries/files").resolve(w.orgA.id()).resolve(folder);
        try (Stream<Path> files = Files.list(delivered)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("Sales-Asia Pacific.pdf",
                    "Sales-Europe.pdf");
        }
        assertThat(Files.readAllBytes(delivered.resolve("Sales-Europe.pdf"))).startsWith("%PDF".getBytes());
        String log = w.log(ended.get("id").asString());
        assertThat(log).contains("2 iteration value(s)").contains("2 file(s) rendered as Pdf").contains("published on the hub");
        Answer hub = http.get("/api/v1/hub/files?taskId=" + task, w.creator.key());
        assertThat(hub.data()).hasSize(2);

        JsonNode second = w.runAndWait(task);
        assertThat(second.get("version").asLong()).isEqualTo(2);
        Answer kept = http.get("/api/v1/hub/files?taskId=" + task, w.creator.key());
        assertThat(kept.data()).hasSize(2);
        kept.data().forEach(f -> assertThat(f.get("executionID").asString()).isEqualTo(second.get("id").asString()));
        Answer older = http.get("/api/v1/status/" + second.get("id").asString() + "/download/stream?version=1", w.creator.key());
        assertThat(older.status()).isEqualTo(200);
        assertThat(older.headers().firstValue("Content-Type")).hasValue("application/zip");
        Answer viewerHub = http.get("/api/v1/hub/files?taskId=" + task, w.outsider.key());
        assertThat(viewerHub.data()).isEmpty();
    }

    @Test
    void aFilterThatLeavesNothingSelectedFailsTheRunAndSaysSoInTheLog() {
        String report = w.report(false);
        String task = w.task(org.qalyptus.server.support.TenantFixture.unique("Empty"));
        w.taskReport(task, body("reportID", report, "format", "Html", "emailEmbedment", true, "emailAttachment", false,
                "filters", List.of(Map.of("id", w.filter("region", List.of("Atlantis")), "order", 1))));

        JsonNode ended = w.runAndWait(task);

        assertThat(ended.get("status").asString()).isEqualTo("Failed");
        assertThat(ended.get("files")).isEmpty();
        assertThat(w.log(ended.get("id").asString())).contains("leaves nothing selected").contains("ERROR");
    }

    @Test
    void aReportSkippedByItsConditionEndsTheRunWithAWarning() {
        String report = w.report(false);
        String task = w.task(org.qalyptus.server.support.TenantFixture.unique("Skipped"));
        w.taskReport(task, body("reportID", report, "format", "Html", "emailEmbedment", true, "emailAttachment", false,
                "conditions", List.of(Map.of("id", w.condition("=Sum(revenue)", "<", "0")))));

        JsonNode ended = w.runAndWait(task);

        assertThat(ended.get("status").asString()).isEqualTo("Warning");
        assertThat(ended.get("files")).isEmpty();
        assertThat(w.log(ended.get("id").asString())).contains("skipped").contains("Every report of the task was skipped");
    }

    @Test
    void conditionsPerIterationValueSkipOnlyTheValuesWhoseConditionFails() {
        String report = w.report(true);
        String task = w.task(org.qalyptus.server.support.TenantFixture.unique("Per value"));
        w.taskReport(task, body("reportID", report, "format", "Html", "emailEmbedment", true, "emailAttachment", false,
                "filters", List.of(Map.of("id", w.filter("region", List.of("Europe", "Asia Pacific")), "order", 1)),
                "conditions", List.of(Map.of("id", w.condition("=Only(region)", "=", "Europe"))),
                "iterationOptions", Map.of("conditionPerIterationValue", true)));

        JsonNode ended = w.runAndWait(task);

        assertThat(ended.get("status").asString()).as(w.log(ended.get("id").asString())).isEqualTo("Completed");
        assertThat(ended.get("files")).hasSize(1);
        assertThat(ended.get("files").get(0).get("fileName").asString()).isEqualTo("Sales-Europe.html");
    }

    @Test
    void anOnDemandRequestAnswersAtOnceAndItsFileDownloadsThroughASignedLink() throws Exception {
        String report = w.report(false);
        Answer queued = http.postJson("/api/v1/reports/" + report + "/generate/Pdf", w.creator.key(), Http.json(Map.of(
                "selections", List.of(Map.of("fieldName", "region", "values", List.of("Europe"))), "appId",
                ExecutionWorld.SALES_DEMO)));
        assertThat(queued.status()).as(queued.body()).isEqualTo(200);
        String id = queued.data().get("id").asString();
        assertThat(queued.data().get("type").asString()).isEqualTo("OnDemand");

        JsonNode ended = w.waitFor("/api/v1/status/requests/", id);
        assertThat(ended.get("status").asString()).isEqualTo("Completed");
        Answer stream = http.get("/api/v1/status/" + id + "/download/stream", w.creator.key());
        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type")).hasValue("application/pdf");

        Answer link = http.get("/api/v1/status/" + id + "/download", w.creator.key());
        assertThat(link.status()).as(link.body()).isEqualTo(200);
        String url = link.data().get("url").asString();
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<byte[]> signed = client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(signed.statusCode()).isEqualTo(200);
        assertThat(signed.body()).startsWith("%PDF".getBytes());
        HttpResponse<String> tampered = client.send(HttpRequest.newBuilder(URI.create(url.replace("signature=",
                "signature=x"))).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tampered.statusCode()).isEqualTo(401);
        assertThat(tampered.body()).contains("\"isSuccess\":false");

        Answer requests = http.get("/api/v1/status/requests?reportId=" + report, w.creator.key());
        assertThat(requests.data()).hasSize(1);
        Answer log = http.get("/api/v1/status/requests/" + id + "/log", w.creator.key());
        assertThat(log.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(log.body()).contains("rendered");
    }

    @Test
    void deletingAnExecutionRemovesItsFilesLogsAndDeliveries() {
        String report = w.report(false);
        String task = w.task(org.qalyptus.server.support.TenantFixture.unique("Deleted"));
        w.taskReport(task, body("reportID", report, "format", "Html", "emailEmbedment", true, "emailAttachment", false,
                "hub", Map.of("publish", true, "retentionCount", 3)));
        String id = w.runAndWait(task).get("id").asString();
        Query byExecution = new Query(Criteria.where("executionId").is(id));
        assertThat(w.mongo().count(byExecution, "executionFiles")).isEqualTo(1);

        assertThat(http.delete("/api/v1/status/" + id, w.viewer.key()).status()).isIn(403, 404);
        assertThat(w.mongo().count(byExecution, "executionFiles")).isEqualTo(1);
        Answer deleted = http.delete("/api/v1/status/" + id, w.creator.key());

        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        assertThat(http.get("/api/v1/status/tasks/" + id, w.creator.key()).status()).isEqualTo(404);
        assertThat(w.mongo().count(byExecution, "executionFiles")).isZero();
        assertThat(w.mongo().count(byExecution, "executionLogs")).isZero();
        assertThat(w.mongo().count(byExecution, "deliveries")).isZero();
        assertThat(w.mongo().count(byExecution, "hub")).isZero();
        assertThat(w.mongo().count(new Query(Criteria.where("metadata.executionId").is(id)), "outputs.files")).isZero();
    }

    @Test
    void statusListsAreNewestFirstFilteredAndLimitedToWhatTheCallerMaySee() {
        String report = w.report(false);
        String task = w.task(org.qalyptus.server.support.TenantFixture.unique("Listed"));
        w.taskReport(task, body("reportID", report, "format", "Html", "emailEmbedment", true, "emailAttachment", false));
        String first = w.runAndWait(task).get("id").asString();
        String second = w.runAndWait(task).get("id").asString();

        Answer list = http.get("/api/v1/status/tasks?taskId=" + task, w.creator.key());
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.data()).hasSize(2);
        assertThat(list.data().get(0).get("id").asString()).isEqualTo(second);
        assertThat(list.data().get(1).get("id").asString()).isEqualTo(first);
        assertThat(http.get("/api/v1/status/tasks?taskId=" + task + "&pageSize=1&page=2", w.creator.key()).data().get(0)
                .get("id").asString()).isEqualTo(first);
        assertThat(http.get("/api/v1/status/tasks?taskId=" + task + "&status=Failed", w.creator.key()).data()).isEmpty();
        assertThat(http.get("/api/v1/status/tasks?taskId=" + task + "&from=2999-01-01", w.creator.key()).data()).isEmpty();
        assertThat(http.get("/api/v1/status/tasks?taskId=" + task, w.outsider.key()).data()).isEmpty();
        assertThat(http.get("/api/v1/status/tasks/" + first, w.outsider.key()).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/status/tasks/" + task, w.creator.key()).data().get("id").asString()).isEqualTo(second);
        assertThat(http.get("/api/v1/status/tasks", null).status()).isEqualTo(401);
        Answer bad = http.get("/api/v1/status/tasks?status=Sleeping&pageSize=0", w.creator.key());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("status").contains("pageSize");
        assertThat(http.get("/api/v1/status/tasks/not-a-uuid", w.creator.key()).status()).isEqualTo(400);
    }

    @Test
    void runningGeneratingAndStoppingAreRefusedWithoutTheRightAndForFinishedRuns() {
        String report = w.report(false);
        String task = w.task(org.qalyptus.server.support.TenantFixture.unique("Guarded"));
        w.taskReport(task, body("reportID", report, "format", "Html", "emailEmbedment", true, "emailAttachment", false));
        long before = w.mongo().count(new Query(Criteria.where("taskId").is(task)), "executions");

        assertThat(http.postJson("/api/v1/tasks/" + task + "/run", null, "").status()).isEqualTo(401);
        assertThat(http.postJson("/api/v1/tasks/" + task + "/run", w.outsider.key(), "").status()).isEqualTo(404);
        assertThat(http.postJson("/api/v1/tasks/" + task + "/run", w.viewer.key(), "").status()).isIn(403, 404);
        assertThat(http.postJson("/api/v1/reports/" + report + "/generate/Pdf", w.viewer.key(), "{}").status()).isIn(403, 404);
        Answer badFormat = http.postJson("/api/v1/reports/" + report + "/generate/Xlsx", w.creator.key(),
                Http.json(Map.of("appId", "not-an-app", "selections", List.of(Map.of("fieldName", "region")))));
        assertThat(badFormat.status()).isEqualTo(400);
        assertThat(badFormat.body()).contains("outputFormat").contains("appId").contains("selections[0].values");
        assertThat(w.mongo().count(new Query(Criteria.where("taskId").is(task)), "executions")).isEqualTo(before);

        String id = w.runAndWait(task).get("id").asString();
        assertThat(http.postJson("/api/v1/status/" + id + "/stop", w.creator.key(), "").status()).isEqualTo(409);
        Answer rerun = http.postJson("/api/v1/status/" + id + "/run", w.creator.key(), "");
        assertThat(rerun.status()).isEqualTo(200);
        assertThat(rerun.data().get("id").asString()).isNotEqualTo(id);
        w.waitFor("/api/v1/status/tasks/", rerun.data().get("id").asString());
    }

    static long count(String collection, Document filter) {
        return w.mongo().getCollection(collection).countDocuments(filter);
    }
}
