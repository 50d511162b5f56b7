package org.qalyptus.server.storageservice;

import java.time.Instant;
import java.util.Map;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A storage service: an instance of a {@code StorageTarget} plugin type in one organization, with its
 * settings. Tasks deliver files to it.
 *
 * @param nameKey the name as compared for uniqueness within the organization
 * @param settings the plugin's non-secret config values, typed as {@code Config.bind} made them
 * @param secrets the plugin's secret config values, each encrypted; never returned by the API
 * @param ownerId who created it; they and the organization's administrators may change it
 */
@Document("storageServices")
@CompoundIndex(name = "organization_name", def = "{'organizationId': 1, 'nameKey': 1}", unique = true)
public record StorageServiceDocument(
        @Id String id,
        String organizationId,
        String name,
        String nameKey,
        String description,
        String type,
        Map<String, Object> settings,
        Map<String, String> secrets,
        String ownerId,
        Instant createdAt,
        Instant updatedAt,
        @Version Long version) {

    public StorageServiceDocument {
        settings = settings == null ? Map.of() : Map.copyOf(settings);
        secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
    }
}
