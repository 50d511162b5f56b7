package org.qalyptus.server.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qalyptus.server.support.SharedServer;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document lists every Tasks route of the API reference (rest-routes.tsv) but Run, with the
 * optional query parameters of the add-or-update routes.
 */
class TaskOpenApiTest {

    static final List<String> ROUTES = List.of(
            "POST /api/v1/tasks",
            "GET /api/v1/tasks",
            "POST /api/v1/tasks/{id}/duplicate",
            "PUT /api/v1/tasks/{id}",
            "GET /api/v1/tasks/{id}",
            "DELETE /api/v1/tasks/{id}",
            "DELETE /api/v1/tasks",
            "GET /api/v1/tasks/{id}/permissions",
            "PUT /api/v1/tasks/{id}/permissions",
            "GET /api/v1/tasks/{id}/permissions/{memberPermissionId}",
            "PUT /api/v1/tasks/{id}/permissions/{memberPermissionId}",
            "DELETE /api/v1/tasks/{id}/permissions/{memberPermissionId}",
            "DELETE /api/v1/tasks/{id}/permissions",
            "PUT /api/v1/tasks/{id}/owner/{ownerId}",
            "GET /api/v1/tasks/{id}/email",
            "PUT /api/v1/tasks/{id}/email",
            "GET /api/v1/tasks/{id}/recipients",
            "PUT /api/v1/tasks/{id}/recipients",
            "DELETE /api/v1/tasks/{id}/recipients",
            "PUT /api/v1/tasks/{id}/schedules?taskScheduleID=",
            "GET /api/v1/tasks/{id}/schedules/{taskScheduleID}",
            "GET /api/v1/tasks/{id}/schedules",
            "DELETE /api/v1/tasks/{id}/schedules",
            "PUT /api/v1/tasks/{id}/external-events?taskExternalEventID=",
            "GET /api/v1/tasks/{id}/external-events/{taskExternalEventID}",
            "GET /api/v1/tasks/{id}/external-events",
            "GET /api/v1/tasks/{id}/triggers",
            "DELETE /api/v1/tasks/{id}/external-events",
            "DELETE /api/v1/tasks/{id}/external-events/{externalEventId}",
            "DELETE /api/v1/tasks/{id}/triggers",
            "GET /api/v1/tasks/{id}/reports",
            "GET /api/v1/tasks/{id}/reports/{taskReportID}",
            "PUT /api/v1/tasks/{id}/reports?taskReportID=",
            "DELETE /api/v1/tasks/{id}/reports");

    @Test
    void everyTasksRouteButRunIsDocumented() {
        JsonNode paths = SharedServer.get().http().get("/api/v1/openapi.json", null).json().get("paths");
        List<String> missing = new ArrayList<>();
        for (String route : ROUTES) {
            String method = route.substring(0, route.indexOf(' ')).toLowerCase();
            String path = route.substring(route.indexOf(' ') + 1);
            String query = null;
            if (path.contains("?")) {
                query = path.substring(path.indexOf('?') + 1, path.length() - 1);
                path = path.substring(0, path.indexOf('?'));
            }
            JsonNode operation = paths.path(path).path(method);
            if (operation.isMissingNode()) {
                missing.add(route);
            } else if (query != null) {
                String name = query;
                boolean documented = operation.path("parameters").valueStream()
                        .anyMatch(p -> p.get("name").asString().equals(name) && p.get("in").asString().equals("query")
                                && !p.path("required").asBoolean(false));
                if (!documented) {
                    missing.add(route + " (optional query parameter)");
                }
            }
        }
        assertThat(missing).isEmpty();
        assertThat(paths.path("/api/v1/tasks/{id}/run").path("post").isMissingNode()).as("Run, served by the execution engine")
                .isFalse();
    }
}
