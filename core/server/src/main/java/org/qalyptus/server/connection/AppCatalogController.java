package org.qalyptus.server.connection;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.qalyptus.server.app.AppService;
import org.qalyptus.server.app.OrganizationApp;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.web.ApiResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The apps reachable through an organization's connections. Lives here, not in organization, because connections own it. */
@RestController
@Tag(name = "Organizations")
class AppCatalogController {

    private final AppService apps;

    AppCatalogController(AppService apps) {
        this.apps = apps;
    }

    @Operation(summary = "Get organization qlik apps")
    @GetMapping("/api/v1/organizations/{id}/qlik-apps")
    ApiResponse<List<OrganizationApp>> qlikApps(Caller caller, @PathVariable UUID id) {
        return ApiResponse.ok(apps.apps(caller, id.toString()));
    }
}
