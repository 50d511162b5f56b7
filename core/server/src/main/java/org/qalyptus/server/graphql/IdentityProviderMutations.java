package org.qalyptus.server.graphql;

import java.util.List;
import java.util.Map;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.identity.IdentityProviderDocument;
import org.qalyptus.server.identity.IdentityProviderRequests.CreateIdentityProvider;
import org.qalyptus.server.identity.IdentityProviderRequests.UpdateIdentityProvider;
import org.qalyptus.server.identity.IdentityProviderService;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * The identity provider configuration of organizations; the REST routes' service calls. The client secret is
 * written, never read: the IdentityProvider type has no field for it, only isClientSecretSet.
 */
@Controller
class IdentityProviderMutations {

    private final IdentityProviderService providers;

    IdentityProviderMutations(IdentityProviderService providers) {
        this.providers = providers;
    }

    @QueryMapping
    IdentityProviderDocument identityProvider(@ContextValue Caller caller, @Argument String id) {
        return providers.get(caller, Inputs.uuid(Map.of("id", id), "id", "IdentityProvider"));
    }

    @SchemaMapping(typeName = "IdentityProvider", field = "createdDate")
    java.time.Instant created(IdentityProviderDocument provider) {
        return provider.createdAt();
    }

    @SchemaMapping(typeName = "IdentityProvider", field = "modifiedDate")
    java.time.Instant modified(IdentityProviderDocument provider) {
        return provider.updatedAt();
    }

    @MutationMapping
    Map<String, Object> createIdentityProvider(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("identityProvider", () -> providers.create(caller, new CreateIdentityProvider(
                Inputs.string(input, "name"), Inputs.string(input, "description"), Inputs.string(input, "type"),
                Inputs.string(input, "clientId"), Inputs.string(input, "clientSecret"),
                Inputs.string(input, "authorizationEndpoint"), Inputs.string(input, "accessTokenEndpoint"),
                Inputs.string(input, "userinfoEndpoint"), Inputs.string(input, "logoutEndpoint"),
                Inputs.string(input, "postLogoutRedirectUrl"),
                AdminInputs.uuid(input, "organizationId", "Organization", "organizationID"),
                Inputs.string(input, "issuer"), Inputs.string(input, "jwksUri"))));
    }

    @MutationMapping
    Map<String, Object> updateIdentityProvider(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("identityProvider", () -> providers.update(caller,
                Inputs.uuid(input, "id", "IdentityProvider"), new UpdateIdentityProvider(Inputs.string(input, "name"),
                        Inputs.string(input, "description"), Inputs.string(input, "clientId"),
                        Inputs.string(input, "clientSecret"), Inputs.string(input, "authorizationEndpoint"),
                        Inputs.string(input, "accessTokenEndpoint"), Inputs.string(input, "userinfoEndpoint"),
                        Inputs.string(input, "logoutEndpoint"), Inputs.string(input, "postLogoutRedirectUrl"),
                        Inputs.string(input, "issuer"), Inputs.string(input, "jwksUri"))));
    }

    @MutationMapping
    Map<String, Object> deleteIdentityProvider(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("deletedIds", () -> {
            String id = Inputs.uuid(input, "id", "IdentityProvider");
            providers.delete(caller, id);
            return List.of(id);
        });
    }
}
