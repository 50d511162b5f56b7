package org.qalyptus.server.permission;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One membership: a user or a group granted flags on a project or on one asset of it. Its id is the
 * API's {@code memberPermissionId}.
 *
 * @param projectId the domain: every membership of a project and of its assets shares it
 * @param assetId the project id for project memberships, else the asset's id
 * @param granted the granted {@link Permission#flag()} names
 */
@Document("permissions")
@CompoundIndex(name = "asset_member", def = "{'assetId': 1, 'memberId': 1}", unique = true)
@CompoundIndex(name = "member_asset_type", def = "{'memberId': 1, 'assetType': 1}")
@CompoundIndex(name = "project", def = "{'projectId': 1}")
public record PermissionDocument(
        @Id String id,
        String organizationId,
        String projectId,
        AssetType assetType,
        String assetId,
        MemberType memberType,
        String memberId,
        List<String> granted,
        Instant updatedAt) {

    public PermissionDocument {
        granted = granted == null ? List.of() : List.copyOf(granted);
    }
}
