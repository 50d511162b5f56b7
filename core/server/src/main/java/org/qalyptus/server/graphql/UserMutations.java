package org.qalyptus.server.graphql;

import graphql.GraphQLContext;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.user.InvitationService;
import org.qalyptus.server.user.UserRequests.AddUser;
import org.qalyptus.server.user.UserRequests.InviteUsers;
import org.qalyptus.server.user.UserRequests.TransferRequest;
import org.qalyptus.server.user.UserRequests.UpdateUser;
import org.qalyptus.server.user.UserService;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The user mutations; the REST routes' service calls. Excel import and its template move files and stay
 * REST-only (POST /api/v1/users/import, GET /api/v1/users/import/template).
 */
@Controller
class UserMutations {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final UserService users;
    private final InvitationService invitations;

    UserMutations(UserService users, InvitationService invitations) {
        this.users = users;
        this.invitations = invitations;
    }

    @MutationMapping
    Map<String, Object> addUser(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("user", () -> AdminInputs.renamingFields(() -> users.add(caller, new AddUser(
                Inputs.string(input, "firstName"), Inputs.string(input, "lastName"), Inputs.string(input, "email"),
                Inputs.optionalUuids(input, "organizationIds", "Organization"))),
                field -> field.replaceFirst("^organizations", "organizationIds")));
    }

    /** The update actions of REST: the action's value is the input field named for it. */
    enum UpdateType {
        STATUS("status", "status"), ORGANIZATIONS("organizations", "organizationIds"), GROUPS("groups", "groupIds"),
        ORGANIZATION_ROLES("organizationRoles", "organizationRoles"), LICENSE("license", "license"),
        TENANT_ADMIN_ROLE("tenantAdminRole", "license");

        final String rest;
        final String field;

        UpdateType(String rest, String field) {
            this.rest = rest;
            this.field = field;
        }
    }

    @MutationMapping
    Map<String, Object> updateUser(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("user", () -> {
            String id = Inputs.uuid(input, "id", "User");
            UpdateType type = UpdateType.valueOf(Inputs.string(input, "type"));
            JsonNode value = value(type, input);
            return AdminInputs.renamingFields(() -> users.update(caller, id, new UpdateUser(type.rest, value)),
                    field -> rename(type, input, field));
        });
    }

    /** REST's {@code value} as this action's input field: {@code value[0].license} is {@code organizationRoles[0].license}. */
    private static String rename(UpdateType type, Map<String, Object> input, String field) {
        if (!field.startsWith("value")) {
            return field;
        }
        String rest = field.substring("value".length());
        if (type == UpdateType.LICENSE && input.get("organizationId") != null && rest.startsWith(".")) {
            // {organizationID, license}: each part is its own input field
            return rest.substring(1);
        }
        return type.field + rest;
    }

    @SuppressWarnings("unchecked")
    private static JsonNode value(UpdateType type, Map<String, Object> input) {
        return switch (type) {
            case STATUS -> text(Inputs.string(input, "status"));
            case ORGANIZATIONS -> ids(Inputs.strings(input, "organizationIds"), "Organization");
            case GROUPS -> ids(Inputs.strings(input, "groupIds"), "Group");
            case ORGANIZATION_ROLES -> {
                if (!(input.get("organizationRoles") instanceof List<?> roles)) {
                    yield null;
                }
                ArrayNode array = JSON.arrayNode();
                for (Object role : roles) {
                    Map<String, Object> r = (Map<String, Object>) role;
                    array.add(JSON.objectNode().put("organizationID", Inputs.id(r, "organizationId", "Organization"))
                            .put("role", Inputs.string(r, "role")).put("license", Inputs.string(r, "license")));
                }
                yield array;
            }
            case LICENSE -> {
                String organization = Inputs.id(input, "organizationId", "Organization");
                if (organization == null) {
                    yield text(Inputs.string(input, "license"));
                }
                ObjectNode object = JSON.objectNode().put("organizationID", organization);
                yield object.put("license", Inputs.string(input, "license"));
            }
            case TENANT_ADMIN_ROLE -> text(Inputs.string(input, "license"));
        };
    }

    private static JsonNode text(String value) {
        return value == null ? JSON.nullNode() : JSON.stringNode(value);
    }

    private static JsonNode ids(List<String> ids, String type) {
        if (ids == null) {
            return null;
        }
        ArrayNode array = JSON.arrayNode();
        ids.forEach(id -> array.add(GlobalId.plain(id, type)));
        return array;
    }

    @MutationMapping
    Map<String, Object> deleteUsers(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("deletedIds", () -> {
            List<String> ids = Inputs.uuids(input, "ids", "User").stream().map(UUID::toString).distinct().toList();
            users.deleteAll(caller, ids);
            return ids;
        });
    }

    /** What was transferred: counts by kind of content, and the number of permissions. */
    record Transferred(String kind, long count) {}

    @MutationMapping
    Map<String, Object> transferUser(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return AdminInputs.payload(() -> {
            UserService.TransferResult result = users.transfer(caller, Inputs.uuid(input, "id", "User"),
                    new TransferRequest(AdminInputs.uuid(input, "newUserId", "User", "newUserID"),
                            (Boolean) input.get("transferContent"), (Boolean) input.get("transferPermissions")));
            return AdminInputs.of("contentTransferred", result.contentTransferred().entrySet().stream()
                            .map(e -> new Transferred(e.getKey(), e.getValue())).toList(),
                    "permissionsTransferred", result.permissionsTransferred());
        }, "contentTransferred");
    }

    @SuppressWarnings("unchecked")
    @MutationMapping
    Map<String, Object> inviteUsers(@ContextValue Caller caller, @Argument Map<String, Object> input,
            GraphQLContext context) {
        return AdminInputs.payload(() -> {
            List<InvitationService.OrganizationRole> roles = input.get("organizations") instanceof List<?> given
                    ? given.stream().map(r -> (Map<String, Object>) r).map(r -> new InvitationService.OrganizationRole(
                            Inputs.id(r, "organizationId", "Organization"), Inputs.string(r, "role"),
                            Inputs.string(r, "license"))).toList()
                    : null;
            InvitationService.InvitationResult result = invitations.invite(caller, new InviteUsers(
                    Inputs.strings(input, "emails"), Inputs.string(input, "tenantAdminRole"), roles),
                    context.get(RequestBaseUrl.KEY));
            return AdminInputs.of("users", result.users(), "emailSent", result.emailSent(), "message", result.message());
        }, "users");
    }
}
