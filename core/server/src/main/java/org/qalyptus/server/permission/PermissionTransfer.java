package org.qalyptus.server.permission;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.qalyptus.server.project.ProjectDocument;
import org.qalyptus.server.user.UserTransferParticipant;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Moves a user's permissions and the ownership index to another user when an administrator transfers
 * the user's content and authorizations. Each membership is moved through {@link PermissionService}, so
 * enforcers and other nodes see it like any other change; flags the other user already had are kept.
 */
@Component
class PermissionTransfer implements UserTransferParticipant {

    private final PermissionService permissions;
    private final MongoTemplate mongo;

    PermissionTransfer(PermissionService permissions, MongoTemplate mongo) {
        this.permissions = permissions;
        this.mongo = mongo;
    }

    @Override
    public long transferPermissions(String fromUserId, String toUserId) {
        List<PermissionDocument> granted = mongo.find(new Query(Criteria.where("memberId").is(fromUserId)
                .and("memberType").is(MemberType.User)), PermissionDocument.class);
        long moved = 0;
        for (PermissionDocument membership : granted) {
            ProjectDocument project = mongo.findById(membership.projectId(), ProjectDocument.class);
            if (project == null) {
                continue;
            }
            ProjectRef ref = project.ref();
            AssetRef asset = membership.assetType() == AssetType.Project ? null
                    : new AssetRef(membership.assetType(), membership.assetId(), null);
            Set<Permission> flags = EnumSet.noneOf(Permission.class);
            flags.addAll(PermissionService.toPermissions(membership.granted()));
            flagsOf(toUserId, membership.assetId()).ifPresent(flags::addAll);
            permissions.setMembers(ref, asset, List.of(new Member(toUserId, MemberType.User)), flags);
            permissions.deleteMembers(ref, asset, List.of(membership.id()));
            moved++;
        }
        return moved;
    }

    @Override
    public void contentTransferred(String fromUserId, String toUserId) {
        MemberGrants before = mongo.findById(fromUserId, MemberGrants.class);
        if (before == null) {
            return;
        }
        Query ownedNow = new Query(Criteria.where("ownerId").is(toUserId).and("_id").in(before.ownedProjectIds()));
        ownedNow.fields().include("_id");
        for (Document project : mongo.find(ownedNow, Document.class, mongo.getCollectionName(ProjectDocument.class))) {
            String projectId = String.valueOf(project.get("_id"));
            permissions.ownershipReleased(projectId, fromUserId);
            permissions.ownershipTaken(projectId, toUserId);
        }
    }

    private Optional<Set<Permission>> flagsOf(String userId, String assetId) {
        return Optional.ofNullable(mongo.findOne(new Query(Criteria.where("assetId").is(assetId)
                        .and("memberId").is(userId)), PermissionDocument.class))
                .map(existing -> PermissionService.toPermissions(existing.granted()));
    }
}
