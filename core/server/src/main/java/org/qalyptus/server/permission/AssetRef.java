package org.qalyptus.server.permission;

/** What the permission rules need of an asset (report, filter, condition, task): its type, id and owner. */
public record AssetRef(AssetType type, String id, String ownerId) {

    public AssetRef {
        if (type == AssetType.Project) {
            throw new IllegalArgumentException("A project is not an asset of itself");
        }
    }
}
