package org.qalyptus.server.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qalyptus.server.project.ProjectDocument;
import org.qalyptus.server.project.ProjectRepository;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.RunningServer;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The first start gives the demo project its HTML and Excel reports on the demo app, once, whatever happens
 * next, and both render.
 */
class DemoReportTest {

    @TempDir
    Path dataDir;

    @Test
    void theDemoProjectHasAnHtmlAndAnExcelReportOnTheDemoAppThatRenderAndRestartsAddNothing() throws Exception {
        String reportId;
        String excelId;
        try (RunningServer server = RunningServer.start(dataDir, RunningServer.SOURCE_TREE_PLUGINS)) {
            Http http = server.http();
            String key = server.credentials().apiKey();
            JsonNode reports = http.get("/api/v1/reports", key).data();
            assertThat(reports.size()).isEqualTo(2);
            JsonNode report = reports.valueStream().filter(r -> r.get("type").asString().equals("HTML")).findFirst().orElseThrow();
            JsonNode excel = reports.valueStream().filter(r -> r.get("type").asString().equals("Excel")).findFirst().orElseThrow();
            excelId = excel.get("id").asString();
            assertThat(excel.get("name").asString()).isEqualTo("Sales workbook");
            assertThat(excel.get("templateFile").asString()).isEqualTo("Sales workbook.xlsx");
            reportId = report.get("id").asString();
            assertThat(report.get("name").asString()).isEqualTo("Sales by region");
            assertThat(report.get("type").asString()).isEqualTo("HTML");
            assertThat(report.get("project").get("name").asString()).isEqualTo("Demo");
            assertThat(report.get("isMine").asBoolean()).isTrue();
            assertThat(report.get("ownerName").asString()).isEqualTo("Tenant Owner");
            assertThat(report.get("templateFile").asString()).isEqualTo("Sales by region.html");
            assertThat(report.get("qlikAppIDs").valueStream().map(JsonNode::asString)).containsExactly(ReportTenancy.SALES_DEMO);

            String html = http.get("/api/v1/reports/" + reportId + "/html-content", key).data().get("htmlContent").asString();
            JsonNode nodes = http.get("/api/v1/reports/" + reportId + "/template-items", key).data().get("nodes");
            assertThat(nodes.get(0).get("name").asString()).isEqualTo("Used in the template");
            for (String used : new String[] {"kpi-revenue", "kpi-margin", "table-region-product", "chart-revenue-by-month"}) {
                assertThat(html).contains("\"" + used + "\"");
                assertThat(nodes.valueStream().flatMap(n -> n.get("objects").valueStream())
                        .map(o -> o.get("itemID").asString())).as("the template uses objects of the app").contains(used);
            }

            for (String[] rendered : new String[][] {{reportId, "Pdf", "%PDF"}, {excelId, "Xlsx", "PK"}}) {
                var preview = http.sendBytesResponse(http.request("/api/v1/reports/" + rendered[0] + "/preview/" + rendered[1], key)
                        .POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
                assertThat(preview.statusCode()).as(rendered[1] + " " + new String(preview.body())).isEqualTo(200);
                assertThat(new String(preview.body(), 0, rendered[2].length())).isEqualTo(rendered[2]);
            }

            ProjectDocument demo = server.bean(ProjectRepository.class).findAll().get(0);
            server.bean(DemoReport.class).ensure(demo, demo.ownerId());
            assertThat(server.bean(MongoTemplate.class).count(new org.springframework.data.mongodb.core.query.Query(), "reports"))
                    .as("an interrupted setup run again").isEqualTo(2);
        }
        try (RunningServer again = RunningServer.start(dataDir, RunningServer.SOURCE_TREE_PLUGINS)) {
            JsonNode reports = again.http().get("/api/v1/reports", again.credentials().apiKey()).data();
            assertThat(reports.valueStream().map(r -> r.get("id").asString())).containsExactlyInAnyOrder(reportId, excelId);
            assertThat(again.bean(MongoTemplate.class).count(new org.springframework.data.mongodb.core.query.Query(),
                    "templates.files")).isEqualTo(2);
        }
    }
}
