package org.qalyptus.server.graphql;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.qalyptus.server.asset.AssetKind;
import org.qalyptus.server.asset.AssetPermissions;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.condition.ConditionDocument;
import org.qalyptus.server.filter.FilterDocument;
import org.qalyptus.server.permission.MemberType;
import org.qalyptus.server.permission.Permission;
import org.qalyptus.server.permission.PermissionDto;
import org.qalyptus.server.permission.SetPermissionsRequest;
import org.qalyptus.server.project.ProjectRequests.CreateProject;
import org.qalyptus.server.project.ProjectRequests.UpdateProject;
import org.qalyptus.server.project.ProjectService;
import org.qalyptus.server.report.ReportDocument;
import org.qalyptus.server.task.TaskDocument;
import org.qalyptus.server.web.ApiException;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

/** The project mutations and the permission mutations of projects and assets; the REST routes' service calls. */
@Controller
class ProjectMutations {

    private final ProjectService projects;
    private final AssetPermissions assetPermissions;

    ProjectMutations(ProjectService projects, AssetPermissions assetPermissions) {
        this.projects = projects;
        this.assetPermissions = assetPermissions;
    }

    @MutationMapping
    Map<String, Object> createProject(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("project", () -> projects.create(caller, new CreateProject(Inputs.string(input, "name"),
                Inputs.string(input, "description"), Inputs.id(input, "organizationId", "Organization"))));
    }

    @MutationMapping
    Map<String, Object> updateProject(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("project", () -> projects.update(caller, Inputs.uuid(input, "id", "Project"),
                new UpdateProject(Inputs.string(input, "name"), Inputs.string(input, "description"))));
    }

    @MutationMapping
    Map<String, Object> deleteProjects(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("deletedIds", () -> {
            List<UUID> ids = Inputs.uuids(input, "ids", "Project");
            if (ids.size() == 1) {
                projects.delete(caller, ids.get(0).toString());
                return List.of(ids.get(0).toString());
            }
            return projects.deleteMany(caller, ids);
        });
    }

    @MutationMapping
    Map<String, Object> setProjectPermissionMode(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("project", () -> projects.setPermissionMode(caller, Inputs.uuid(input, "id", "Project"),
                Boolean.TRUE.equals(input.get("isGlobalPermissions"))));
    }

    @MutationMapping
    Map<String, Object> changeProjectOwner(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("project", () -> projects.changeOwner(caller, Inputs.uuid(input, "id", "Project"),
                Inputs.uuid(input, "ownerId", "User")));
    }

    // ---- permissions of projects and assets ----

    /** A project or an asset, named by a global id or by a plain id and its type. */
    private record Target(String type, String id) {}

    private static Target target(Map<String, Object> input) {
        String given = Inputs.string(input, "id");
        var global = GlobalId.decode(given);
        String type = global.map(GlobalId::type).orElseGet(() -> {
            String t = Inputs.string(input, "targetType");
            if (t == null) {
                throw ApiException.invalid("targetType", "is required with a plain id");
            }
            return t.substring(0, 1).toUpperCase() + t.substring(1).toLowerCase();
        });
        if (!List.of("Project", "Report", "Filter", "Condition", "Task").contains(type)) {
            throw ApiException.invalid("targetType", "must be PROJECT, REPORT, FILTER, CONDITION or TASK");
        }
        String plain = global.map(GlobalId::id).orElse(given);
        try {
            return new Target(type, UUID.fromString(plain).toString());
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound(type + " " + plain);
        }
    }

    private static AssetKind<?> kind(String type) {
        return switch (type) {
            case "Report" -> ReportDocument.KIND;
            case "Filter" -> FilterDocument.KIND;
            case "Condition" -> ConditionDocument.KIND;
            case "Task" -> TaskDocument.KIND;
            default -> throw new IllegalArgumentException(type);
        };
    }

    static PermissionDto flags(Map<String, Object> input) {
        List<String> given = Inputs.strings(input, "permissions");
        if (given == null) {
            throw ApiException.invalid("permissions", "is required");
        }
        EnumSet<Permission> set = EnumSet.noneOf(Permission.class);
        for (int i = 0; i < given.size(); i++) {
            int index = i;
            set.add(Permission.ofFlag(given.get(i))
                    .orElseThrow(() -> ApiException.invalid("permissions[" + index + "]", "is not a permission flag")));
        }
        return PermissionDto.of(set);
    }

    @SuppressWarnings("unchecked")
    @MutationMapping
    Map<String, Object> setPermissions(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("permissions", () -> {
            Target target = target(input);
            List<SetPermissionsRequest.MemberRequest> members = ((List<Map<String, Object>>) input.get("members")).stream()
                    .map(m -> new SetPermissionsRequest.MemberRequest(Inputs.string(m, "id"), memberType(Inputs.string(m, "type"))))
                    .toList();
            SetPermissionsRequest request = new SetPermissionsRequest(members, flags(input));
            return target.type().equals("Project") ? projects.setPermissions(caller, target.id(), request)
                    : assetPermissions.setMembers(caller, kind(target.type()), target.id(), request);
        });
    }

    @MutationMapping
    Map<String, Object> setMemberPermissions(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("permissions", () -> {
            Target target = target(input);
            String member = Inputs.string(input, "memberPermissionId");
            var flags = flags(input).toSet();
            return List.of(target.type().equals("Project")
                    ? projects.setMemberPermissions(caller, target.id(), member, flags)
                    : assetPermissions.setMember(caller, kind(target.type()), target.id(), member, flags));
        });
    }

    @MutationMapping
    Map<String, Object> deleteMemberPermissions(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("deletedIds", () -> {
            Target target = target(input);
            List<String> ids = Inputs.uuids(input, "memberPermissionIds", "MemberPermission").stream()
                    .map(UUID::toString).distinct().toList();
            if (target.type().equals("Project")) {
                projects.deleteMemberPermissions(caller, target.id(), ids);
            } else {
                assetPermissions.deleteMembers(caller, kind(target.type()), target.id(), ids);
            }
            return ids;
        });
    }

    private static MemberType memberType(String type) {
        for (MemberType t : MemberType.values()) {
            if (t.name().equalsIgnoreCase(type)) {
                return t;
            }
        }
        return null;
    }
}
