package org.qalyptus.server.storageservice;

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
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The Storage services routes; the rules live in {@link StorageServiceService}. */
@RestController
@RequestMapping("/api/v1/storage-services")
@Tag(name = "Storage services")
class StorageServiceController {

    private final StorageServiceService services;

    StorageServiceController(StorageServiceService services) {
        this.services = services;
    }

    @Operation(summary = "Create a storage service")
    @PostMapping
    ApiResponse<StorageServiceView> create(Caller caller, @RequestBody StorageServiceRequest request) {
        return ApiResponse.ok(services.create(caller, request));
    }

    @Operation(summary = "Get a list of all storage services")
    @GetMapping
    ApiResponse<List<StorageServiceView>> list(Caller caller) {
        return ApiResponse.ok(services.list(caller));
    }

    @Operation(summary = "Get the storage service with the specified ID")
    @GetMapping("/{id}")
    ApiResponse<StorageServiceView> get(Caller caller, @PathVariable UUID id) {
        return ApiResponse.ok(services.get(caller, id.toString()));
    }

    @Operation(summary = "Update a storage service")
    @PutMapping("/{id}")
    ApiResponse<StorageServiceView> update(Caller caller, @PathVariable UUID id, @RequestBody StorageServiceRequest request,
            @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return ApiResponse.ok(services.update(caller, id.toString(), request, ifMatch));
    }

    @Operation(summary = "Delete the storage service with the specified ID")
    @DeleteMapping("/{id}")
    ApiResponse<String> delete(Caller caller, @PathVariable UUID id) {
        services.delete(caller, id.toString());
        return ApiResponse.ok(id.toString());
    }

    @Operation(summary = "Delete multiple storage services")
    @DeleteMapping
    ApiResponse<List<String>> deleteMany(Caller caller, @RequestBody List<UUID> ids) {
        return ApiResponse.ok(services.deleteMany(caller, ids));
    }

    @Operation(summary = "Test a storage service: the plugin checks that it can write there, leaving nothing behind")
    @PostMapping("/{id}/test")
    ApiResponse<ConnectionTestResult> test(Caller caller, @PathVariable UUID id) {
        return ApiResponse.ok(services.test(caller, id.toString()));
    }
}
