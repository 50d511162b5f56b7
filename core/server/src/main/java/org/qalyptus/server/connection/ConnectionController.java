package org.qalyptus.server.connection;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.web.ApiResponse;
import org.qalyptus.spi.ConnectionTestResult;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Connections")
class ConnectionController {

    private final ConnectionService connections;

    ConnectionController(ConnectionService connections) {
        this.connections = connections;
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
}
