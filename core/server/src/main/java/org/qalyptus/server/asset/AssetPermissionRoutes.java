package org.qalyptus.server.asset;

import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import java.util.UUID;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.permission.MemberPermissionView;
import org.qalyptus.server.permission.PermissionDto;
import org.qalyptus.server.permission.SetPermissionsRequest;
import org.qalyptus.server.web.ApiException;
import org.qalyptus.server.web.ApiResponse;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * The seven permission and owner routes of an asset type, inherited by the type's controller, whose
 * class-level {@code @RequestMapping} gives the prefix ({@code /api/v1/reports} ...).
 *
 * @param <V> the type's answer for one asset, returned by the owner change
 */
public abstract class AssetPermissionRoutes<V> {

    private final AssetPermissions permissions;

    protected AssetPermissionRoutes(AssetPermissions permissions) {
        this.permissions = permissions;
    }

    /** The asset type these routes serve. */
    protected abstract AssetKind<?> kind();

    /** The asset as its GET route answers it. */
    protected abstract V view(Caller caller, String id);

    @Operation(summary = "Get permissions")
    @GetMapping("/{id}/permissions")
    ApiResponse<List<MemberPermissionView>> permissions(Caller caller, @PathVariable UUID id) {
        return ApiResponse.ok(permissions.members(caller, kind(), id.toString()));
    }

    @Operation(summary = "Set permissions")
    @PutMapping("/{id}/permissions")
    ApiResponse<List<MemberPermissionView>> setPermissions(Caller caller, @PathVariable UUID id,
            @RequestBody SetPermissionsRequest request) {
        return ApiResponse.ok(permissions.setMembers(caller, kind(), id.toString(), request));
    }

    @Operation(summary = "Get member permissions")
    @GetMapping("/{id}/permissions/{memberPermissionId}")
    ApiResponse<MemberPermissionView> memberPermissions(Caller caller, @PathVariable UUID id,
            @PathVariable UUID memberPermissionId) {
        return ApiResponse.ok(permissions.member(caller, kind(), id.toString(), memberPermissionId.toString()));
    }

    @Operation(summary = "Set member permissions")
    @PutMapping("/{id}/permissions/{memberPermissionId}")
    ApiResponse<MemberPermissionView> setMemberPermissions(Caller caller, @PathVariable UUID id,
            @PathVariable UUID memberPermissionId, @RequestBody PermissionDto flags) {
        if (flags == null) {
            throw ApiException.invalid("permissions", "is required");
        }
        return ApiResponse.ok(permissions.setMember(caller, kind(), id.toString(), memberPermissionId.toString(),
                flags.toSet()));
    }

    @Operation(summary = "Delete member permissions")
    @DeleteMapping("/{id}/permissions/{memberPermissionId}")
    ApiResponse<String> deleteMemberPermission(Caller caller, @PathVariable UUID id, @PathVariable UUID memberPermissionId) {
        permissions.deleteMembers(caller, kind(), id.toString(), List.of(memberPermissionId.toString()));
        return ApiResponse.ok(memberPermissionId.toString());
    }

    @Operation(summary = "Delete members permissions")
    @DeleteMapping("/{id}/permissions")
    ApiResponse<List<String>> deleteMemberPermissions(Caller caller, @PathVariable UUID id,
            @RequestBody List<UUID> memberPermissionIds) {
        if (memberPermissionIds == null || memberPermissionIds.isEmpty()) {
            throw ApiException.invalid("memberPermissionIds", "must list at least one id");
        }
        if (memberPermissionIds.contains(null)) {
            throw ApiException.invalid("memberPermissionIds[" + memberPermissionIds.indexOf(null) + "]",
                    "must be a member permission id");
        }
        List<String> ids = memberPermissionIds.stream().map(UUID::toString).distinct().toList();
        permissions.deleteMembers(caller, kind(), id.toString(), ids);
        return ApiResponse.ok(ids);
    }

    @Operation(summary = "Change owner")
    @PutMapping("/{id}/owner/{ownerId}")
    ApiResponse<V> changeOwner(Caller caller, @PathVariable UUID id, @PathVariable UUID ownerId) {
        permissions.changeOwner(caller, kind(), id.toString(), ownerId.toString());
        return ApiResponse.ok(view(caller, id.toString()));
    }
}
