package org.qalyptus.server.identity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.identity.IdentityProviderRequests.CreateIdentityProvider;
import org.qalyptus.server.identity.IdentityProviderRequests.UpdateIdentityProvider;
import org.qalyptus.server.web.ApiResponse;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Identity provider")
class IdentityProviderController {

    private final IdentityProviderService providers;

    IdentityProviderController(IdentityProviderService providers) {
        this.providers = providers;
    }

    /** The provider as the API shows it: never the client secret, only whether one is set. */
    record IdentityProviderView(String id, String name, String description, String type, String clientID,
            boolean isClientSecretSet, String authorizationEndpoint, String accessTokenEndpoint, String userinfoEndpoint,
            String logoutEndpoint, String postLogoutRedirectUrl, String organizationID, Instant createdDate,
            Instant modifiedDate, String issuer, String jwksUri) {
        static IdentityProviderView of(IdentityProviderDocument p) {
            return new IdentityProviderView(p.id(), p.name(), p.description(), p.type(), p.clientId(),
                    p.encryptedClientSecret() != null, p.authorizationEndpoint(), p.accessTokenEndpoint(),
                    p.userinfoEndpoint(), p.logoutEndpoint(), p.postLogoutRedirectUrl(), p.organizationId(),
                    p.createdAt(), p.updatedAt(), p.issuer(), p.jwksUri());
        }
    }

    @Operation(summary = "Create an identity provider (one per organization)")
    @PostMapping("/api/v1/identity-providers")
    ApiResponse<IdentityProviderView> create(Caller caller, @RequestBody CreateIdentityProvider r) {
        return ApiResponse.ok(IdentityProviderView.of(providers.create(caller, r)));
    }

    @Operation(summary = "Get all identity providers (of the organizations the caller administers)")
    @GetMapping("/api/v1/identity-providers")
    ApiResponse<List<IdentityProviderView>> list(Caller caller) {
        return ApiResponse.ok(providers.list(caller).stream().map(IdentityProviderView::of).toList());
    }

    @Operation(summary = "Update identity provider (clientSecret null or empty keeps the stored one)")
    @PutMapping("/api/v1/identity-providers/{id}")
    ApiResponse<IdentityProviderView> update(Caller caller, @PathVariable UUID id, @RequestBody UpdateIdentityProvider r) {
        return ApiResponse.ok(IdentityProviderView.of(providers.update(caller, id.toString(), r)));
    }

    @Operation(summary = "Get identity provider")
    @GetMapping("/api/v1/identity-providers/{id}")
    ApiResponse<IdentityProviderView> get(Caller caller, @PathVariable UUID id) {
        return ApiResponse.ok(IdentityProviderView.of(providers.get(caller, id.toString())));
    }

    @Operation(summary = "Delete identity provider")
    @DeleteMapping("/api/v1/identity-providers/{id}")
    ApiResponse<Void> delete(Caller caller, @PathVariable UUID id) {
        providers.delete(caller, id.toString());
        return ApiResponse.ok(null);
    }
}
