package org.qalyptus.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import org.qalyptus.server.support.RunningServer;
import tools.jackson.databind.JsonNode;

/**
 * Walks the API on a fresh install's demo data the way a reporting or ETL tool does (the verified routes
 * of PRODUCT.md): users, groups, projects, filters, reports, tasks; then each task's recipients, reports,
 * each task report and triggers; each report's filters and template items. Every answer is the envelope
 * with the field names PRODUCT.md lists.
 */
class ApiWalkTest {

    static final List<String> USER = List.of("id", "name", "type", "email", "groups", "status", "license", "isTenantOwner",
            "tenantAdminRole", "organizationRoles");
    static final List<String> GROUP = List.of("id", "name", "members", "isDefault", "description", "organization",
            "organizationID");
    static final List<String> PROJECT = List.of("id", "name", "owner", "isMine", "ownerName", "description",
            "isGlobalPermissions");
    static final List<String> FILTER = List.of("id", "name", "owner", "isMine", "project", "ownerName", "description");
    static final List<String> REPORT = List.of("id", "name", "type", "owner", "isMine", "project", "ownerName", "description",
            "isIteration", "templateFile", "outputFormats", "dynamicNameSeparator");
    static final List<String> TASK = List.of("id", "name", "owner", "isMine", "project", "isActive", "testMode",
            "testModeRecipients", "ownerName", "description", "isScheduled", "sendNotifications", "notifyIfError",
            "notifyIfWarning", "notifyIfSuccess", "notificationRecipients", "notificationCc", "notificationBcc",
            "lastExecution");
    static final List<String> RECIPIENT = List.of("id", "name", "type", "email", "recipientID");
    static final List<String> TASK_REPORT = List.of("id", "reportID", "name", "description", "type", "outputFormats",
            "isIteration", "format", "emailEmbedment", "emailAttachment", "filters", "conditions", "storageServices",
            "separatorOptions", "isOpenFilePasswordProtected", "isWriteFilePasswordProtected", "imageQuality",
            "iterationOptions", "hub", "fileStorage");
    static final List<String> TRIGGER = List.of("id", "name", "description", "type", "isActive", "frequency", "startDate",
            "endDate", "timeZone", "timeZoneOfset", "day", "month", "weeklyDays", "atHour", "atMinut", "fromHour",
            "fromMinut", "toHour", "toMinut", "everyHours", "execution", "priority", "nextExecutionDate", "appId",
            "eventType", "qlikEvent");
    static final List<String> TEMPLATE_NODE = List.of("name", "type", "icon", "objects");
    static final List<String> TEMPLATE_OBJECT = List.of("id", "itemID", "title", "type", "objects", "columns");

    @TempDir
    static Path dataDir;
    static RunningServer server;
    static Http http;
    static String key;

    @BeforeAll
    static void freshInstall() {
        server = RunningServer.start(dataDir, RunningServer.SOURCE_TREE_PLUGINS);
        http = server.http();
        key = server.credentials().apiKey();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The data of a successful envelope answer. */
    static JsonNode data(String path) {
        Answer answer = http.get(path, key);
        assertThat(answer.status()).as(path + ": " + answer.body()).isEqualTo(200);
        JsonNode json = answer.json();
        assertThat(json.has("data") && json.has("isSuccess") && json.has("error") && json.has("errorDetails"))
                .as(path + " answers the envelope").isTrue();
        assertThat(json.get("isSuccess").asBoolean()).isTrue();
        return json.get("data");
    }

    static List<JsonNode> list(String path, List<String> fields) {
        JsonNode data = data(path);
        assertThat(data.isArray()).as(path + " answers a list").isTrue();
        assertThat(data.size()).as(path + " lists the demo data").isPositive();
        List<JsonNode> items = new ArrayList<>();
        data.forEach(item -> {
            hasFields(path, item, fields);
            items.add(item);
        });
        return items;
    }

    static void hasFields(String path, JsonNode item, List<String> fields) {
        for (String field : fields) {
            assertThat(item.has(field)).as(path + " item has '" + field + "': " + item).isTrue();
        }
    }

    @Test
    void aReportingToolWalksTheWholeDemoTenant() {
        list("/api/v1/users", USER);
        list("/api/v1/groups", GROUP);
        list("/api/v1/projects", PROJECT);
        list("/api/v1/filters", FILTER);
        List<JsonNode> reports = list("/api/v1/reports", REPORT);
        List<JsonNode> tasks = list("/api/v1/tasks", TASK);

        int taskReports = 0;
        for (JsonNode task : tasks) {
            String id = task.get("id").asString();
            hasFields("task", data("/api/v1/tasks/" + id), TASK);
            list("/api/v1/tasks/" + id + "/recipients", RECIPIENT);
            list("/api/v1/tasks/" + id + "/triggers", TRIGGER);
            JsonNode reportsOfTask = data("/api/v1/tasks/" + id + "/reports");
            for (JsonNode taskReport : reportsOfTask) {
                hasFields("task report", taskReport, TASK_REPORT);
                JsonNode one = data("/api/v1/tasks/" + id + "/reports/" + taskReport.get("id").asString());
                hasFields("task report by id", one, TASK_REPORT);
                hasFields("separator options", one.get("separatorOptions"),
                        List.of("numberDecimalSeparator", "numberGroupSeparator"));
                one.get("filters").forEach(f -> hasFields("task report filter", f, List.of("id", "name", "order")));
                taskReports++;
            }
        }
        assertThat(taskReports).as("task reports of the demo tasks").isPositive();

        int templateNodes = 0;
        int reportFilters = 0;
        for (JsonNode report : reports) {
            String id = report.get("id").asString();
            JsonNode filters = data("/api/v1/filters/report/" + id);
            filters.forEach(f -> hasFields("report filter", f, FILTER));
            reportFilters += filters.size();
            JsonNode items = data("/api/v1/reports/" + id + "/template-items");
            assertThat(items.has("nodes")).as("template items of " + report.get("name")).isTrue();
            for (JsonNode node : items.get("nodes")) {
                hasFields("template node", node, TEMPLATE_NODE);
                for (JsonNode object : node.get("objects")) {
                    hasFields("template object", object, TEMPLATE_OBJECT);
                    object.get("columns").forEach(c -> hasFields("template column", c, List.of("id", "name")));
                }
                templateNodes++;
            }
        }
        assertThat(reportFilters).as("filters usable with the demo reports").isPositive();
        assertThat(templateNodes).as("template item nodes of the demo reports").isPositive();
    }
}
