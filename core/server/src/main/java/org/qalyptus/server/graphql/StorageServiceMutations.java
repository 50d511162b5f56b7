package org.qalyptus.server.graphql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.storageservice.StorageServiceRequest;
import org.qalyptus.server.storageservice.StorageServiceService;
import org.qalyptus.server.storageservice.StorageServiceView;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/**
 * The storage service mutations (create and test are routes of ours beyond the reference); the REST routes'
 * service calls, which validate the settings against the plugin's fields. Secrets are written, never read.
 */
@Controller
class StorageServiceMutations {

    /** The answer of a test: whether the plugin could write there, and what it said. */
    record TestResult(boolean ok, String message) {}

    private final StorageServiceService services;

    StorageServiceMutations(StorageServiceService services) {
        this.services = services;
    }

    @QueryMapping
    StorageServiceView storageService(@ContextValue Caller caller, @Argument String id) {
        return services.get(caller, Inputs.uuid(Map.of("id", id), "id", "StorageService"));
    }

    @MutationMapping
    Map<String, Object> createStorageService(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("storageService", () -> services.create(caller, request(input)));
    }

    @MutationMapping
    Map<String, Object> updateStorageService(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("storageService", () -> services.update(caller,
                Inputs.uuid(input, "id", "StorageService"), request(input), null));
    }

    @MutationMapping
    Map<String, Object> deleteStorageServices(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("deletedIds", () -> services.deleteMany(caller,
                Inputs.uuids(input, "ids", "StorageService")));
    }

    @MutationMapping
    Map<String, Object> testStorageService(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("result", () -> {
            var result = services.test(caller, Inputs.uuid(input, "id", "StorageService"));
            return new TestResult(result.ok(), result.message());
        });
    }

    /** The REST body the input stands for: settings by name, values as text, which the plugin's fields parse. */
    @SuppressWarnings("unchecked")
    private static StorageServiceRequest request(Map<String, Object> input) {
        Map<String, Object> settings = null;
        if (input.get("settings") instanceof List<?> given) {
            settings = new LinkedHashMap<>();
            for (Object item : given) {
                Map<String, Object> setting = (Map<String, Object>) item;
                settings.put(Inputs.string(setting, "name"), setting.get("value"));
            }
        }
        return new StorageServiceRequest(Inputs.string(input, "name"), Inputs.string(input, "description"),
                Inputs.string(input, "type"), Inputs.id(input, "organizationId", "Organization"), settings,
                Inputs.string(input, "host"), Inputs.string(input, "username"), Inputs.string(input, "password"),
                input.get("passiveMode") instanceof Boolean b ? b : null, Inputs.string(input, "ftpTestDirectoryPath"),
                input.get("sftpPort") instanceof Number n ? n.intValue() : null, Inputs.version(input));
    }
}
