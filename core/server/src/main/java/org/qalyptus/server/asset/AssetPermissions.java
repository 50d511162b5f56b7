package org.qalyptus.server.asset;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.permission.Member;
import org.qalyptus.server.permission.MemberPermissionView;
import org.qalyptus.server.permission.Permission;
import org.qalyptus.server.permission.PermissionService;
import org.qalyptus.server.permission.SetPermissionsRequest;
import org.qalyptus.server.web.ApiException;
import org.springframework.stereotype.Service;

/**
 * The permission and owner routes every asset type has. Reading and changing an asset's members needs
 * the type's {@code setPermissions} flag; in global mode they are the project's and read-only here
 * (409). Changing the owner is for the current owner and the project's managers.
 */
@Service
public class AssetPermissions {

    private final ProjectAssets assets;
    private final PermissionService permissions;

    AssetPermissions(ProjectAssets assets, PermissionService permissions) {
        this.assets = assets;
        this.permissions = permissions;
    }

    public List<MemberPermissionView> members(Caller caller, AssetKind<?> kind, String id) {
        Located<?> located = assets.require(caller, kind, id, kind.setPermissions());
        return permissions.describe(permissions.members(located.projectRef(), located.asset().ref()));
    }

    /**
     * The members of several assets of one kind, by asset id, in a fixed number of reads: those the caller may
     * see and holds {@code setPermissions} on; the others are left out (the single read refuses them).
     */
    public <T extends ProjectAsset> java.util.Map<String, List<MemberPermissionView>> members(Caller caller,
            AssetKind<T> kind, Collection<String> ids) {
        List<Located<T>> found = assets.visibleMatching(caller, kind,
                org.springframework.data.mongodb.core.query.Criteria.where("_id").in(ids)).stream()
                .filter(located -> assets.allows(located, kind.setPermissions())).toList();
        // one read of each project's memberships, whatever the number of its assets
        java.util.Map<String, java.util.Map<String, List<org.qalyptus.server.permission.PermissionDocument>>> byProject =
                new java.util.HashMap<>();
        found.stream().collect(java.util.stream.Collectors.groupingBy(located -> located.projectRef().id()))
                .forEach((projectId, ofProject) -> byProject.put(projectId, permissions.membersOfAssets(
                        ofProject.get(0).projectRef(), ofProject.stream().map(located -> located.asset().ref()).toList())));
        List<List<org.qalyptus.server.permission.PermissionDocument>> memberships = found.stream()
                .map(located -> byProject.get(located.projectRef().id()).get(located.asset().id())).toList();
        List<MemberPermissionView> described = permissions.describe(memberships.stream().flatMap(List::stream).toList());
        java.util.Map<String, List<MemberPermissionView>> byAsset = new java.util.HashMap<>();
        int next = 0;
        for (int i = 0; i < found.size(); i++) {
            int size = memberships.get(i).size();
            byAsset.put(found.get(i).asset().id(), described.subList(next, next + size));
            next += size;
        }
        return byAsset;
    }

    public MemberPermissionView member(Caller caller, AssetKind<?> kind, String id, String memberPermissionId) {
        Located<?> located = assets.require(caller, kind, id, kind.setPermissions());
        return permissions.describe(List.of(
                permissions.member(located.projectRef(), located.asset().ref(), memberPermissionId))).get(0);
    }

    public List<MemberPermissionView> setMembers(Caller caller, AssetKind<?> kind, String id, SetPermissionsRequest request) {
        List<Member> members = request.validMembers();
        Located<?> located = assets.require(caller, kind, id, kind.setPermissions());
        return permissions.describe(permissions.setMembers(located.projectRef(), located.asset().ref(), members,
                request.permissions().toSet()));
    }

    public MemberPermissionView setMember(Caller caller, AssetKind<?> kind, String id, String memberPermissionId,
            Set<Permission> flags) {
        Located<?> located = assets.require(caller, kind, id, kind.setPermissions());
        return permissions.describe(List.of(permissions.setMember(located.projectRef(), located.asset().ref(),
                memberPermissionId, flags))).get(0);
    }

    public void deleteMembers(Caller caller, AssetKind<?> kind, String id, Collection<String> memberPermissionIds) {
        Located<?> located = assets.require(caller, kind, id, kind.setPermissions());
        permissions.deleteMembers(located.projectRef(), located.asset().ref(), memberPermissionIds);
    }

    /** @return the asset as found before the change (the caller re-reads it for the answer) */
    public Located<?> changeOwner(Caller caller, AssetKind<?> kind, String id, String ownerId) {
        Located<?> located = assets.find(caller, kind, id);
        if (!located.isMine() && !permissions.manages(located.subject(), located.projectRef())) {
            throw ApiException.forbidden("Only the " + kind.label().toLowerCase()
                    + "'s owner, the project's owner or an administrator may change its owner");
        }
        assets.changeOwner(located, ownerId);
        return located;
    }
}
