package org.qalyptus.server.connection;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A connection as the API shows it: secret settings are never returned, only listed by name in
 * {@code secretsSet} when a value is stored.
 */
public record ConnectionView(String id, String name, String description, String type, String organizationID,
        Map<String, Object> settings, List<String> secretsSet, Instant createdAt, Instant updatedAt) {

    static ConnectionView of(ConnectionDocument c) {
        return new ConnectionView(c.id(), c.name(), c.description(), c.type(), c.organizationId(), c.settings(),
                c.secrets().keySet().stream().sorted().toList(), c.createdAt(), c.updatedAt());
    }
}
