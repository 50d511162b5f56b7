package org.qalyptus.server.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.qalyptus.server.support.Http.Answer;
import org.qalyptus.server.support.SharedServer;
import tools.jackson.databind.JsonNode;

/** Every Filters and Conditions route of the API reference (rest-routes.tsv) is served and documented. */
class FilterAndConditionRoutesDocumentedTest {

    /** The Filters (23) and Conditions (19) rows of rest-routes.tsv. */
    private static final List<String> ROUTES = List.of(
            "POST /api/v1/conditions",
            "GET /api/v1/conditions",
            "POST /api/v1/conditions/{id}/duplicate",
            "PUT /api/v1/conditions/{id}",
            "GET /api/v1/conditions/{id}",
            "DELETE /api/v1/conditions/{id}",
            "PUT /api/v1/conditions/{id}/rules",
            "GET /api/v1/conditions/project/{id}",
            "GET /api/v1/conditions/{id}/rules",
            "GET /api/v1/conditions/rules/{id}",
            "DELETE /api/v1/conditions",
            "DELETE /api/v1/conditions/{id}/rules",
            "GET /api/v1/conditions/{id}/permissions",
            "PUT /api/v1/conditions/{id}/permissions",
            "GET /api/v1/conditions/{id}/permissions/{memberPermissionId}",
            "PUT /api/v1/conditions/{id}/permissions/{memberPermissionId}",
            "DELETE /api/v1/conditions/{id}/permissions/{memberPermissionId}",
            "DELETE /api/v1/conditions/{id}/permissions",
            "PUT /api/v1/conditions/{id}/owner/{ownerId}",
            "POST /api/v1/filters",
            "GET /api/v1/filters",
            "POST /api/v1/filters/{id}/duplicate",
            "PUT /api/v1/filters/{id}",
            "GET /api/v1/filters/{id}",
            "DELETE /api/v1/filters/{id}",
            "PUT /api/v1/filters/{id}/variables",
            "PUT /api/v1/filters/{id}/bookmarks",
            "PUT /api/v1/filters/{id}/fields",
            "DELETE /api/v1/filters/{id}/values",
            "PUT /api/v1/filters/{id}/values/order",
            "GET /api/v1/filters/{id}/items",
            "GET /api/v1/filters/items/{id}",
            "GET /api/v1/filters/project/{id}",
            "GET /api/v1/filters/report/{id}",
            "DELETE /api/v1/filters",
            "GET /api/v1/filters/{id}/permissions",
            "PUT /api/v1/filters/{id}/permissions",
            "GET /api/v1/filters/{id}/permissions/{memberPermissionId}",
            "PUT /api/v1/filters/{id}/permissions/{memberPermissionId}",
            "DELETE /api/v1/filters/{id}/permissions/{memberPermissionId}",
            "DELETE /api/v1/filters/{id}/permissions",
            "PUT /api/v1/filters/{id}/owner/{ownerId}");

    @Test
    void openApiDocumentsEveryFilterAndConditionRoute() {
        Answer answer = SharedServer.get().http().get("/api/v1/openapi.json", SharedServer.ownerKey());
        assertThat(answer.status()).isEqualTo(200);
        JsonNode paths = answer.json().get("paths");
        List<String> missing = new ArrayList<>();
        for (String route : ROUTES) {
            String method = route.substring(0, route.indexOf(' ')).toLowerCase(Locale.ROOT);
            String path = route.substring(route.indexOf(' ') + 1);
            JsonNode operations = paths.get(path);
            if (operations == null || !operations.has(method)) {
                missing.add(route);
            }
        }
        assertThat(ROUTES).hasSize(42);
        assertThat(missing).isEmpty();
    }
}
