package org.qalyptus.server.task;

import org.qalyptus.server.asset.AssetKind;
import org.qalyptus.server.asset.Located;
import org.qalyptus.server.asset.ProjectAsset;
import org.qalyptus.server.asset.ProjectAssets;
import org.qalyptus.server.permission.AssetType;
import org.qalyptus.server.permission.Subject;
import org.qalyptus.server.project.ProjectDocument;
import org.qalyptus.server.support.RunningServer;
import org.qalyptus.server.user.UserDocument;
import org.qalyptus.server.user.UserRepository;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Deletions of other features' assets as those features announce them ({@link ProjectAssets#deleted}),
 * for tests on a branch where the reports, filters and conditions features do not exist yet.
 */
final class AssetTypeKinds {

    static final AssetKind<Stand> REPORT = AssetKind.of(AssetType.Report, Stand.class);
    static final AssetKind<Stand> FILTER = AssetKind.of(AssetType.Filter, Stand.class);
    static final AssetKind<Stand> CONDITION = AssetKind.of(AssetType.Condition, Stand.class);

    private AssetTypeKinds() {}

    /** An asset of {@code kind}, as its feature's document would describe it. */
    record Stand(String id, String projectId, String organizationId, String name, String ownerId, Long version,
            AssetKind<?> kind) implements ProjectAsset {}

    /** Announces that the asset was deleted, through the kernel, as the owning feature's delete route does. */
    static void announceDeleted(RunningServer server, AssetKind<Stand> kind, String id, String projectId, String byUserId) {
        ProjectDocument project = server.bean(MongoTemplate.class).findById(projectId, ProjectDocument.class);
        UserDocument user = server.bean(UserRepository.class).findById(byUserId).orElseThrow();
        Stand asset = new Stand(id, projectId, project.organizationId(), "deleted", byUserId, 0L, kind);
        server.bean(ProjectAssets.class).deleted(new Located<>(asset, project, user, Subject.of(user, project.organizationId())));
    }
}
