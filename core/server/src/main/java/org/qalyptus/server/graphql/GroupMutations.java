package org.qalyptus.server.graphql;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.group.GroupRequests.CreateGroup;
import org.qalyptus.server.group.GroupRequests.UpdateGroup;
import org.qalyptus.server.group.GroupService;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

/** The group mutations; the REST routes' service calls, so the same validation and rights. */
@Controller
class GroupMutations {

    private final GroupService groups;

    GroupMutations(GroupService groups) {
        this.groups = groups;
    }

    @MutationMapping
    Map<String, Object> createGroup(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("group", () -> groups.create(caller, new CreateGroup(Inputs.string(input, "name"),
                Inputs.string(input, "description"),
                AdminInputs.uuid(input, "organizationId", "Organization", "organizationID"))));
    }

    @MutationMapping
    Map<String, Object> updateGroup(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("group", () -> groups.update(caller, Inputs.uuid(input, "id", "Group"),
                new UpdateGroup(Inputs.string(input, "name"), Inputs.string(input, "description"))));
    }

    @MutationMapping
    Map<String, Object> deleteGroups(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("deletedIds", () -> {
            List<String> ids = Inputs.uuids(input, "ids", "Group").stream().map(UUID::toString).distinct().toList();
            groups.deleteAll(caller, ids);
            return ids;
        });
    }

    @MutationMapping
    Map<String, Object> setGroupMembers(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return AdminInputs.payload(() -> {
            String id = Inputs.uuid(input, "id", "Group");
            List<String> userIds = Inputs.optionalUuids(input, "userIds", "User").stream().map(UUID::toString).toList();
            // REST names a refused user by its index in the body, which is the list: here the list is input.userIds
            var members = AdminInputs.renamingFields(() -> groups.setMembers(caller, id, userIds),
                    field -> field.startsWith("[") ? "userIds" + field : field);
            return AdminInputs.of("group", groups.get(caller, id), "members", members);
        }, "members");
    }
}
