package org.qalyptus.server.connection;

import java.time.Instant;
import java.util.Map;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A connection: an instance of an app connector type in one organization, with its settings.
 *
 * @param type the connector's type id ({@code Embedded}, {@code QlikSense} ...)
 * @param settings the values of the connector's non-secret config fields, typed as {@code Config.bind} made them
 * @param secrets the values of its secret fields, each encrypted with {@code SecretCipher}; never returned by the API
 */
@Document("connections")
@CompoundIndex(name = "organization_name", def = "{'organizationId': 1, 'name': 1}", unique = true)
public record ConnectionDocument(
        @Id String id,
        String organizationId,
        String name,
        String description,
        String type,
        Map<String, Object> settings,
        Map<String, String> secrets,
        String createdBy,
        Instant createdAt,
        Instant updatedAt) {

    public ConnectionDocument {
        settings = settings == null ? Map.of() : Map.copyOf(settings);
        secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
        description = description == null ? "" : description;
    }
}
