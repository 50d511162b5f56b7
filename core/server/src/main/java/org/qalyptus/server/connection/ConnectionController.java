package org.qalyptus.server.connection;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.web.ApiResponse;
import org.qalyptus.spi.ConnectionTestResult;
import org.qalyptus.spi.app.AppModel.AppInfo;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@Tag(name = "Connections")
class ConnectionController {

    private final ConnectionService connections;
    private final ConnectionAppService apps;

    ConnectionController(ConnectionService connections, ConnectionAppService apps) {
        this.connections = connections;
        this.apps = apps;
    }

    @Operation(summary = "List connections, of one organization or of every organization the caller sees")
    @GetMapping("/api/v1/connections")
    ApiResponse<List<ConnectionView>> list(Caller caller, @RequestParam(name = "organizationId", required = false) UUID organizationId) {
        return ApiResponse.ok(connections.list(caller, organizationId == null ? null : organizationId.toString()).stream()
                .map(ConnectionView::of).toList());
    }

    @Operation(summary = "Get a connection by ID")
    @GetMapping("/api/v1/connections/{id}")
    ApiResponse<ConnectionView> get(Caller caller, @PathVariable UUID id) {
        return ApiResponse.ok(ConnectionView.of(connections.get(caller, id.toString())));
    }

    @Operation(summary = "Create a connection (organization administrators)")
    @PostMapping("/api/v1/connections")
    ApiResponse<ConnectionView> create(Caller caller, @RequestBody(required = false) ConnectionRequest request) {
        return ApiResponse.ok(ConnectionView.of(connections.create(caller, request)));
    }

    @Operation(summary = "Update a connection (organization administrators)")
    @PutMapping("/api/v1/connections/{id}")
    ApiResponse<ConnectionView> update(Caller caller, @PathVariable UUID id, @RequestBody(required = false) ConnectionRequest request) {
        return ApiResponse.ok(ConnectionView.of(connections.update(caller, id.toString(), request)));
    }

    @Operation(summary = "Delete a connection (organization administrators)")
    @DeleteMapping("/api/v1/connections/{id}")
    ApiResponse<Void> delete(Caller caller, @PathVariable UUID id) {
        connections.delete(caller, id.toString());
        return ApiResponse.ok(null);
    }

    @Operation(summary = "Test a connection: whether the system behind it is reachable with its settings")
    @PostMapping("/api/v1/connections/{id}/test")
    ApiResponse<ConnectionTestResult> test(Caller caller, @PathVariable UUID id) {
        return ApiResponse.ok(connections.test(caller, id.toString()));
    }

    @Operation(summary = "Upload an app into a connection (organization administrators)",
            description = "A zip archive holding the app's manifest (app.yaml, app.yml or app.json) and its data files, at its "
                    + "top or in a single top folder. Refused: entries outside the app, over 10,000 entries, over 1 GiB "
                    + "unpacked, entries inflating over 200 times their compressed size, and (Embedded) JDBC sources. "
                    + "An app with the same id answers 409 unless replace=true.")
    @PostMapping(value = "/api/v1/connections/{id}/apps", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ApiResponse<AppInfo> uploadApp(Caller caller, @PathVariable UUID id,
            @RequestPart(value = "file", required = false) MultipartFile file,
            @RequestParam(name = "replace", defaultValue = "false") boolean replace) throws IOException {
        ConnectionAppService.Upload upload = file == null ? null
                : new ConnectionAppService.Upload(file.getOriginalFilename(), file.getSize(), file.getInputStream());
        return ApiResponse.ok(apps.upload(caller, id.toString(), upload, replace));
    }

    @Operation(summary = "Remove an app from a connection (organization administrators)")
    @DeleteMapping("/api/v1/connections/{id}/apps/{appId}")
    ApiResponse<Void> removeApp(Caller caller, @PathVariable UUID id, @PathVariable String appId) {
        if (appId.length() > 200) {
            throw org.qalyptus.server.web.ApiException.invalid("appId", "An app id has at most 200 characters");
        }
        apps.remove(caller, id.toString(), appId);
        return ApiResponse.ok(null);
    }
}
