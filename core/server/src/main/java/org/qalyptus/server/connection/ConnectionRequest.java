package org.qalyptus.server.connection;

import java.util.Map;

/**
 * The body of a create or update.
 *
 * @param organizationID the organization of a new connection; optional when the caller's API key is
 *     limited to one organization or the caller belongs to exactly one; ignored on update (fixed)
 * @param type the connector type id; fixed after creation
 * @param settings values of the connector's config fields. On update, a secret field left out keeps its
 *     stored value and a secret field set to null clears it; every other field is replaced.
 */
public record ConnectionRequest(String name, String description, String type, String organizationID,
        Map<String, Object> settings) {}
