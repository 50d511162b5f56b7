package org.qalyptus.server.asset;

/**
 * Published (synchronously, in the deleting request) after an asset document was removed, so that the
 * features referring to it drop their references: tasks remove deleted reports, filters and conditions
 * from their task reports. Listeners must be idempotent: a deletion cut short is retried.
 */
public record AssetDeleted(AssetKind<?> kind, String id, String projectId) {}
