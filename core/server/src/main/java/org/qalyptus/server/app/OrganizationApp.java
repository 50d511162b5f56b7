package org.qalyptus.server.app;

import java.time.Instant;

/**
 * An app of an organization and the connection that serves it.
 *
 * @param lastReloadTime when its data last changed, or null when unknown
 */
public record OrganizationApp(String id, String name, String description, Instant lastReloadTime, String connectionID,
        String connectionName, String connectionType) {}
