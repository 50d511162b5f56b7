package org.qalyptus.server.project;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.permission.MemberPermissionView;
import org.qalyptus.server.permission.PermissionDto;
import org.qalyptus.server.permission.SetPermissionsRequest;
import org.qalyptus.server.project.ProjectRequests.CreateProject;
import org.qalyptus.server.project.ProjectRequests.UpdateProject;
import org.qalyptus.server.web.ApiException;
import org.qalyptus.server.web.ApiResponse;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The Projects routes of the Qalyptus Cloud API; the rules live in {@link ProjectService}. */
@RestController
@Tag(name = "Projects")
class ProjectController {

    private final ProjectService projects;

    ProjectController(ProjectService projects) {
        this.projects = projects;
    }

    @Operation(summary = "Create project")
    @PostMapping("/api/v1/projects")
    ApiResponse<ProjectView> create(Caller caller, @RequestBody CreateProject request) {
        return ApiResponse.ok(projects.create(caller, request));
    }

    @Operation(summary = "Get projects")
    @GetMapping("/api/v1/projects")
    ApiResponse<List<ProjectView>> list(Caller caller) {
        return ApiResponse.ok(projects.list(caller));
    }

    @Operation(summary = "Get organization projects: the projects of the organization the caller may see")
    @GetMapping("/api/v1/organizations/{id}/projects")
    ApiResponse<List<ProjectView>> listInOrganization(Caller caller, @PathVariable UUID id) {
        return ApiResponse.ok(projects.listInOrganization(caller, id.toString()));
    }

    @Operation(summary = "Update project")
    @PutMapping("/api/v1/projects/{id}")
    ApiResponse<ProjectView> update(Caller caller, @PathVariable UUID id, @RequestBody UpdateProject request) {
        return ApiResponse.ok(projects.update(caller, id.toString(), request));
    }

    @Operation(summary = "Get project")
    @GetMapping("/api/v1/projects/{id}")
    ApiResponse<ProjectView> get(Caller caller, @PathVariable UUID id) {
        return ApiResponse.ok(projects.get(caller, id.toString()));
    }

    @Operation(summary = "Delete project")
    @DeleteMapping("/api/v1/projects/{id}")
    ApiResponse<String> delete(Caller caller, @PathVariable UUID id) {
        projects.delete(caller, id.toString());
        return ApiResponse.ok(id.toString());
    }

    @Operation(summary = "Update permission mode")
    @PutMapping("/api/v1/projects/{id}/permission-mode/{value}")
    ApiResponse<ProjectView> permissionMode(Caller caller, @PathVariable UUID id, @PathVariable boolean value) {
        return ApiResponse.ok(projects.setPermissionMode(caller, id.toString(), value));
    }

    @Operation(summary = "Get organization projects")
    @GetMapping("/api/v1/projects/organization/{id}")
    ApiResponse<List<ProjectView>> organizationProjects(Caller caller, @PathVariable UUID id) {
        return ApiResponse.ok(projects.listInOrganization(caller, id.toString()));
    }

    @Operation(summary = "Delete multiple projects")
    @DeleteMapping("/api/v1/projects")
    ApiResponse<List<String>> deleteMany(Caller caller, @RequestBody List<UUID> ids) {
        return ApiResponse.ok(projects.deleteMany(caller, ids));
    }

    @Operation(summary = "Get permissions")
    @GetMapping("/api/v1/projects/{id}/permissions")
    ApiResponse<List<MemberPermissionView>> permissions(Caller caller, @PathVariable UUID id) {
        return ApiResponse.ok(projects.permissions(caller, id.toString()));
    }

    @Operation(summary = "Set permissions")
    @PutMapping("/api/v1/projects/{id}/permissions")
    ApiResponse<List<MemberPermissionView>> setPermissions(Caller caller, @PathVariable UUID id,
            @RequestBody SetPermissionsRequest request) {
        return ApiResponse.ok(projects.setPermissions(caller, id.toString(), request));
    }

    @Operation(summary = "Get member permissions")
    @GetMapping("/api/v1/projects/{id}/permissions/{memberPermissionId}")
    ApiResponse<MemberPermissionView> memberPermissions(Caller caller, @PathVariable UUID id,
            @PathVariable UUID memberPermissionId) {
        return ApiResponse.ok(projects.memberPermissions(caller, id.toString(), memberPermissionId.toString()));
    }

    @Operation(summary = "Set member permissions")
    @PutMapping("/api/v1/projects/{id}/permissions/{memberPermissionId}")
    ApiResponse<MemberPermissionView> setMemberPermissions(Caller caller, @PathVariable UUID id,
            @PathVariable UUID memberPermissionId, @RequestBody PermissionDto permissions) {
        return ApiResponse.ok(projects.setMemberPermissions(caller, id.toString(), memberPermissionId.toString(),
                permissions.toSet()));
    }

    @Operation(summary = "Delete member permission")
    @DeleteMapping("/api/v1/projects/{id}/permissions/{memberPermissionId}")
    ApiResponse<String> deleteMemberPermission(Caller caller, @PathVariable UUID id, @PathVariable UUID memberPermissionId) {
        projects.deleteMemberPermissions(caller, id.toString(), List.of(memberPermissionId.toString()));
        return ApiResponse.ok(memberPermissionId.toString());
    }

    @Operation(summary = "Delete member's permissions")
    @DeleteMapping("/api/v1/projects/{id}/permissions")
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
        projects.deleteMemberPermissions(caller, id.toString(), ids);
        return ApiResponse.ok(ids);
    }

    @Operation(summary = "Change owner")
    @PutMapping("/api/v1/projects/{id}/owner/{ownerId}")
    ApiResponse<ProjectView> changeOwner(Caller caller, @PathVariable UUID id, @PathVariable UUID ownerId) {
        return ApiResponse.ok(projects.changeOwner(caller, id.toString(), ownerId.toString()));
    }
}
