package org.qalyptus.server.apikey;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.qalyptus.server.apikey.ApiKeyRequests.CreateApiKey;
import org.qalyptus.server.apikey.ApiKeyRequests.UpdateApiKey;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.organization.OrganizationDocument;
import org.qalyptus.server.organization.OrganizationRepository;
import org.qalyptus.server.web.ApiResponse;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "API keys")
class ApiKeyController {

    private final ApiKeyService keys;
    private final OrganizationRepository organizations;

    ApiKeyController(ApiKeyService keys, OrganizationRepository organizations) {
        this.keys = keys;
        this.organizations = organizations;
    }

    /** A key as listed: never its secret. */
    record ApiKeyView(String id, String name, String description, Instant expiryDate, boolean isExpired,
            String organizationID, String organization, Instant createdDate) {}

    /** A key just created: {@code key} is the secret, shown this once and never again. */
    record CreatedApiKey(String id, String name, String description, Instant expiryDate, String organizationID,
            String organization, Instant createdDate, String key) {}

    private List<ApiKeyView> views(List<ApiKeyDocument> list) {
        Map<String, String> names = organizations.findAllById(list.stream().map(ApiKeyDocument::organizationId)
                        .filter(o -> o != null).distinct().toList())
                .stream().collect(Collectors.toMap(OrganizationDocument::id, OrganizationDocument::displayName));
        Instant now = Instant.now();
        return list.stream().map(k -> new ApiKeyView(k.id(), k.name(), k.description(), k.expiresAt(),
                !k.expiresAt().isAfter(now), k.organizationId(), names.get(k.organizationId()), k.createdAt())).toList();
    }

    @Operation(summary = "Create API key (the key is in the answer once; only its hash is kept)")
    @PostMapping("/api/v1/api-keys")
    ApiResponse<CreatedApiKey> create(Caller caller, @RequestBody CreateApiKey request) {
        ApiKeyService.IssuedApiKey issued = keys.create(caller, request);
        ApiKeyDocument k = issued.document();
        String organization = organizations.findById(k.organizationId()).map(OrganizationDocument::displayName).orElse(null);
        return ApiResponse.ok(new CreatedApiKey(k.id(), k.name(), k.description(), k.expiresAt(), k.organizationId(),
                organization, k.createdAt(), issued.key()));
    }

    @Operation(summary = "Get the caller's API keys")
    @GetMapping("/api/v1/api-keys")
    ApiResponse<List<ApiKeyView>> list(Caller caller) {
        return ApiResponse.ok(views(keys.list(caller)));
    }

    @Operation(summary = "Update API key (name and description)")
    @PutMapping("/api/v1/api-keys/{id}")
    ApiResponse<ApiKeyView> update(Caller caller, @PathVariable UUID id, @RequestBody UpdateApiKey request) {
        return ApiResponse.ok(views(List.of(keys.update(caller, id.toString(), request)))
                .get(0));
    }

    @Operation(summary = "Get one of the caller's API keys")
    @GetMapping("/api/v1/api-keys/{id}")
    ApiResponse<ApiKeyView> get(Caller caller, @PathVariable UUID id) {
        return ApiResponse.ok(views(List.of(keys.get(caller, id.toString()))).get(0));
    }

    @Operation(summary = "Delete API key (it stops working at once)")
    @DeleteMapping("/api/v1/api-keys/{id}")
    ApiResponse<Void> delete(Caller caller, @PathVariable UUID id) {
        keys.delete(caller, id.toString());
        return ApiResponse.ok(null);
    }

    @Operation(summary = "Delete API keys (all or none)")
    @DeleteMapping("/api/v1/api-keys")
    ApiResponse<Void> deleteAll(Caller caller, @RequestBody @NotNull List<@NotNull UUID> ids) {
        keys.deleteAll(caller, ids.stream().map(UUID::toString).toList());
        return ApiResponse.ok(null);
    }
}
