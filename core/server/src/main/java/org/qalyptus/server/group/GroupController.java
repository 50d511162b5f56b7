package org.qalyptus.server.group;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.group.GroupRequests.CreateGroup;
import org.qalyptus.server.group.GroupRequests.UpdateGroup;
import org.qalyptus.server.organization.OrganizationDocument;
import org.qalyptus.server.organization.OrganizationRepository;
import org.qalyptus.server.user.UserViews;
import org.qalyptus.server.user.UserViews.UserView;
import org.qalyptus.server.web.ApiResponse;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Groups")
class GroupController {

    private final GroupService groups;
    private final OrganizationRepository organizations;
    private final UserViews userViews;

    GroupController(GroupService groups, OrganizationRepository organizations, UserViews userViews) {
        this.groups = groups;
        this.organizations = organizations;
        this.userViews = userViews;
    }

    /** The group as the API shows it: {@code members} is the number of members. */
    record GroupView(String id, String name, long members, boolean isDefault, String description, String organization,
            String organizationID) {}

    private Function<GroupDocument, GroupView> views(List<GroupDocument> list) {
        Map<String, String> names = organizations.findAllById(list.stream().map(GroupDocument::organizationId).distinct().toList())
                .stream().collect(Collectors.toMap(OrganizationDocument::id, OrganizationDocument::displayName));
        return g -> new GroupView(g.id(), g.name(), groups.memberCount(g), g.isDefault(), g.description(),
                names.get(g.organizationId()), g.organizationId());
    }

    private GroupView view(GroupDocument group) {
        return views(List.of(group)).apply(group);
    }

    @Operation(summary = "Create group")
    @PostMapping("/api/v1/groups")
    ApiResponse<GroupView> create(Caller caller, @RequestBody CreateGroup request) {
        return ApiResponse.ok(view(groups.create(caller, request)));
    }

    @Operation(summary = "Get all groups")
    @GetMapping("/api/v1/groups")
    ApiResponse<List<GroupView>> list(Caller caller) {
        List<GroupDocument> list = groups.list(caller);
        return ApiResponse.ok(list.stream().map(views(list)).toList());
    }

    @Operation(summary = "Update group")
    @PutMapping("/api/v1/groups/{id}")
    ApiResponse<GroupView> update(Caller caller, @PathVariable UUID id, @RequestBody UpdateGroup request) {
        return ApiResponse.ok(view(groups.update(caller, id.toString(), request)));
    }

    @Operation(summary = "Get group")
    @GetMapping("/api/v1/groups/{id}")
    ApiResponse<GroupView> get(Caller caller, @PathVariable UUID id) {
        return ApiResponse.ok(view(groups.get(caller, id.toString())));
    }

    @Operation(summary = "Delete group")
    @DeleteMapping("/api/v1/groups/{id}")
    ApiResponse<Void> delete(Caller caller, @PathVariable UUID id) {
        groups.deleteAll(caller, List.of(id.toString()));
        return ApiResponse.ok(null);
    }

    @Operation(summary = "Delete groups")
    @DeleteMapping("/api/v1/groups")
    ApiResponse<Void> deleteAll(Caller caller, @RequestBody @NotNull List<@NotNull UUID> ids) {
        groups.deleteAll(caller, ids.stream().map(UUID::toString).toList());
        return ApiResponse.ok(null);
    }

    @Operation(summary = "Update group members")
    @PutMapping("/api/v1/groups/{id}/members")
    ApiResponse<List<UserView>> setMembers(Caller caller, @PathVariable UUID id, @RequestBody @NotNull List<@NotNull UUID> userIds) {
        return ApiResponse.ok(userViews.all(caller, groups.setMembers(caller, id.toString(),
                userIds.stream().map(UUID::toString).toList())));
    }

    @Operation(summary = "Get group members")
    @GetMapping("/api/v1/groups/{id}/members")
    ApiResponse<List<UserView>> members(Caller caller, @PathVariable UUID id) {
        return ApiResponse.ok(userViews.all(caller, groups.members(caller, id.toString())));
    }
}
