package org.qalyptus.server.asset;

import org.qalyptus.server.permission.AssetRef;

/**
 * What every project asset document (report, filter, condition, task) has, so that lookup, listing,
 * permissions, ownership and bulk deletion are written once in {@link ProjectAssets}.
 *
 * <p>Asset documents keep {@code projectId}, {@code organizationId} and {@code ownerId} as top-level
 * fields under those names: project deletion, user deletion and transfer query them by name.
 */
public interface ProjectAsset {

    String id();

    String projectId();

    String organizationId();

    String name();

    String ownerId();

    /** The optimistic-concurrency version, moved by every write (Spring Data's {@code @Version}). */
    Long version();

    AssetKind<?> kind();

    default AssetRef ref() {
        return new AssetRef(kind().type(), id(), ownerId());
    }
}
