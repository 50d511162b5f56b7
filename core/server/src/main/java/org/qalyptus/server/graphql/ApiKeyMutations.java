package org.qalyptus.server.graphql;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.qalyptus.server.apikey.ApiKeyDocument;
import org.qalyptus.server.apikey.ApiKeyRequests.CreateApiKey;
import org.qalyptus.server.apikey.ApiKeyRequests.UpdateApiKey;
import org.qalyptus.server.apikey.ApiKeyService;
import org.qalyptus.server.auth.Caller;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/**
 * The caller's own API keys; the REST routes' service calls. The key itself is in createApiKey's payload
 * only, once: nothing else can read it again (only its hash is stored).
 */
@Controller
class ApiKeyMutations {

    private final ApiKeyService keys;

    ApiKeyMutations(ApiKeyService keys) {
        this.keys = keys;
    }

    @QueryMapping
    ApiKeyDocument apiKey(@ContextValue Caller caller, @Argument String id) {
        return keys.get(caller, Inputs.uuid(Map.of("id", id), "id", "ApiKey"));
    }

    @MutationMapping
    Map<String, Object> createApiKey(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return AdminInputs.payload(() -> {
            Instant expiry = input.get("expiryDate") instanceof Instant i ? i : null;
            ApiKeyService.IssuedApiKey issued = keys.create(caller, new CreateApiKey(Inputs.string(input, "name"),
                    Inputs.string(input, "description"), expiry == null ? null : expiry.atOffset(ZoneOffset.UTC),
                    AdminInputs.uuid(input, "organizationId", "Organization", "organizationID")));
            return AdminInputs.of("apiKey", issued.document(), "key", issued.key());
        });
    }

    @MutationMapping
    Map<String, Object> updateApiKey(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("apiKey", () -> keys.update(caller, Inputs.uuid(input, "id", "ApiKey"),
                new UpdateApiKey(Inputs.string(input, "name"), Inputs.string(input, "description"))));
    }

    @MutationMapping
    Map<String, Object> deleteApiKeys(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("deletedIds", () -> {
            List<String> ids = Inputs.uuids(input, "ids", "ApiKey").stream().map(UUID::toString).distinct().toList();
            keys.deleteAll(caller, ids);
            return ids;
        });
    }
}
