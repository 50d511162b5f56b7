package org.qalyptus.server.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qalyptus.server.filter.ContentFixture;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import tools.jackson.databind.JsonNode;

/** A run's logs and file through GraphQL: the Status routes' text and bytes, files by signed link only. */
class ExecutionFilesGraphqlTest {

    static ContentFixture f;
    static String execution;

    @BeforeAll
    static void fixture() throws InterruptedException {
        f = new ContentFixture();
        String project = f.project(f.creator);
        Answer report = f.http.postJson("/api/v1/reports", f.creator.key(), Http.json(Map.of("name",
                ContentFixture.unique("Logged"), "projectID", project, "type", "HTML", "qlikAppIDs", List.of(ContentFixture.APP))));
        String reportId = report.data().get("id").asString();
        Answer saved = f.http.putJson("/api/v1/reports/" + reportId + "/html-content", f.creator.key(),
                Http.json(Map.of("htmlContent", "<html><body><h1>${report.name}</h1></body></html>")));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        Answer queued = f.http.postJson("/api/v1/reports/" + reportId + "/generate/Html", f.creator.key(), "{}");
        assertThat(queued.status()).as(queued.body()).isEqualTo(200);
        execution = queued.data().get("id").asString();
        long until = System.currentTimeMillis() + 60_000;
        String status = "";
        while (System.currentTimeMillis() < until) {
            status = f.http.get("/api/v1/status/requests/" + execution, f.creator.key()).data().get("status").asString();
            if (List.of("Completed", "Warning", "Failed", "Aborted").contains(status)) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(status).isEqualTo("Completed");
    }

    static JsonNode graphql(String key, String query, Map<String, Object> variables) {
        Answer answer = f.http.postJson("/graphql", key, Http.json(Map.of("query", query, "variables", variables)));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    @Test
    void theLogIsRestsTextAsNumberedLinesInPages() {
        List<String> rest = Arrays.asList(f.http.get("/api/v1/status/requests/" + execution + "/log", f.creator.key())
                .body().split("\n"));
        assertThat(rest).isNotEmpty();
        JsonNode all = graphql(f.creator.key(), """
                query($id: ID!) { execution(id: $id) { log(first: 100) { totalCount nodes { number text } }
                  smtpLog(first: 10) { totalCount } } }""", Map.of("id", execution)).get("data").get("execution");
        assertThat(all.get("log").get("totalCount").asInt()).isEqualTo(rest.size());
        assertThat(all.get("log").get("nodes").findValuesAsString("text")).isEqualTo(rest.subList(0, Math.min(100, rest.size())));
        assertThat(all.get("log").get("nodes").get(0).get("number").asInt()).isEqualTo(1);
        String smtp = f.http.get("/api/v1/status/requests/" + execution + "/smtp-log", f.creator.key()).body();
        assertThat(all.get("smtpLog").get("totalCount").asInt()).isEqualTo(smtp.isEmpty() ? 0 : smtp.split("\n").length);

        JsonNode first = graphql(f.creator.key(), """
                query($id: ID!) { execution(id: $id) { log(first: 1) { nodes { number } pageInfo { endCursor hasNextPage } } } }""",
                Map.of("id", execution)).get("data").get("execution").get("log");
        if (rest.size() > 1) {
            assertThat(first.get("pageInfo").get("hasNextPage").asBoolean()).isTrue();
            JsonNode second = graphql(f.creator.key(), """
                    query($id: ID!, $after: String) { execution(id: $id) { log(first: 1, after: $after) { nodes { number text } } } }""",
                    Map.of("id", execution, "after", first.get("pageInfo").get("endCursor").asString()))
                    .get("data").get("execution").get("log");
            assertThat(second.get("nodes").get(0).get("number").asInt()).isEqualTo(2);
            assertThat(second.get("nodes").get(0).get("text").asString()).isEqualTo(rest.get(1));
        }
    }

    @Test
    void theFileIsASignedLinkThatDownloadsWhatRestStreams() throws Exception {
        JsonNode link = graphql(f.creator.key(), """
                query($id: ID!) { execution(id: $id) { downloadLink { url expiresAt fileName version } } }""",
                Map.of("id", execution)).get("data").get("execution").get("downloadLink");
        String url = link.get("url").asString();
        assertThat(url).startsWith(f.http.base()).contains("/api/v1/status/" + execution + "/download/signed");
        assertThat(link.get("fileName").asString()).endsWith(".html");
        HttpResponse<byte[]> signed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(signed.statusCode()).isEqualTo(200);
        HttpResponse<byte[]> stream = f.http.sendBytesResponse(f.http.request("/api/v1/status/" + execution
                + "/download/stream", f.creator.key()).GET());
        assertThat(signed.body()).isEqualTo(stream.body());
    }

    @Test
    void anotherOrganizationSeesNeitherTheLogNorTheLinkAsInRest() {
        assertThat(f.http.get("/api/v1/status/requests/" + execution + "/log", f.outsider.key()).status()).isEqualTo(404);
        assertThat(f.http.get("/api/v1/status/" + execution + "/download", f.outsider.key()).status()).isEqualTo(404);
        JsonNode answer = graphql(f.outsider.key(), """
                query($id: ID!) { execution(id: $id) { log { totalCount } downloadLink { url } } }""", Map.of("id", execution));
        assertThat(answer.get("data").get("execution").isNull()).isTrue();
        assertThat(answer.get("errors").get(0).get("extensions").get("code").asString()).isEqualTo("NOT_FOUND");
    }
}
