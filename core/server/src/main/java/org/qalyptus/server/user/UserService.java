package org.qalyptus.server.user;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.qalyptus.server.apikey.ApiKeyService;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.group.GroupDocument;
import org.qalyptus.server.group.GroupRepository;
import org.qalyptus.server.group.GroupService;
import org.qalyptus.server.license.License;
import org.qalyptus.server.organization.OrganizationAccess;
import org.qalyptus.server.organization.OrganizationRepository;
import org.qalyptus.server.permission.PermissionService;
import org.qalyptus.server.user.UserDocument.Membership;
import org.qalyptus.server.user.UserRequests.AddUser;
import org.qalyptus.server.user.UserRequests.TransferRequest;
import org.qalyptus.server.user.UserRequests.UpdateUser;
import org.qalyptus.server.web.ApiException;
import org.qalyptus.server.web.RequestValidator;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Users and their roles. Who may do what:
 * <ul>
 *   <li>see a user: members of an organization the user belongs to (recipients and permission holders are
 *       picked from them), and tenant administrators whose credential is not limited to an organization;
 *   <li>change a user's organizations, groups, roles and licenses: administrators of the organizations
 *       concerned, each change only in organizations the caller administers;
 *   <li>change a user's status or delete them, which affects every organization they are in: tenant
 *       administrators, or administrators of every organization the user belongs to; only tenant
 *       administrators act on tenant administrators and give or take the Tenant Administrator role.
 * </ul>
 * The tenant owner is never deleted, disabled or demoted.
 */
@Service
public class UserService {

    static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private final UserRepository users;
    private final GroupRepository groups;
    private final GroupService groupService;
    private final OrganizationRepository organizations;
    private final OrganizationAccess access;
    private final MembershipEditor memberships;
    private final OwnedContent ownedContent;
    private final ApiKeyService apiKeys;
    private final List<UserTransferParticipant> transferParticipants;
    private final MongoTemplate mongo;
    private final Clock clock;
    private final PermissionService permissions;
    private final RequestValidator validator;

    UserService(UserRepository users, GroupRepository groups, GroupService groupService,
            OrganizationRepository organizations, OrganizationAccess access, MembershipEditor memberships,
            OwnedContent ownedContent, ApiKeyService apiKeys, List<UserTransferParticipant> transferParticipants,
            MongoTemplate mongo, Clock clock, PermissionService permissions, RequestValidator validator) {
        this.validator = validator;
        this.permissions = permissions;
        this.users = users;
        this.groups = groups;
        this.groupService = groupService;
        this.organizations = organizations;
        this.access = access;
        this.memberships = memberships;
        this.ownedContent = ownedContent;
        this.apiKeys = apiKeys;
        this.transferParticipants = transferParticipants;
        this.mongo = mongo;
        this.clock = clock;
    }

    // ---------------------------------------------------------------- reading

    public List<UserDocument> list(Caller caller) {
        if (access.seesWholeTenant(caller)) {
            return users.findAll();
        }
        return users.findByMembershipsOrganizationIdIn(access.visibleOrganizationIds(caller));
    }

    /** The user, or 404 when it does not exist or shares no organization visible to the caller. */
    public UserDocument get(Caller caller, String id) {
        UserDocument user = users.findById(id).orElseThrow(() -> ApiException.notFound("User " + id));
        if (!canSee(caller, user)) {
            throw ApiException.notFound("User " + id);
        }
        return user;
    }

    /** The members of an organization the caller can see. */
    public List<UserDocument> membersOf(Caller caller, String organizationId) {
        if (organizations.findById(organizationId).isEmpty()) {
            throw ApiException.notFound("Organization " + organizationId);
        }
        access.requireMember(caller, organizationId);
        return users.findByMembershipsOrganizationId(organizationId);
    }

    /**
     * The members of several organizations with one store query (GraphQL's batched links); organizations the
     * caller cannot see answer no members.
     */
    public Map<String, List<UserDocument>> membersOf(Caller caller, Collection<String> organizationIds) {
        Set<String> visible = access.visibleOrganizationIds(caller);
        Map<String, List<UserDocument>> members = new LinkedHashMap<>();
        organizationIds.forEach(id -> members.put(id, new ArrayList<>()));
        List<String> asked = organizationIds.stream().filter(visible::contains).distinct().toList();
        if (!asked.isEmpty()) {
            for (UserDocument user : users.findByMembershipsOrganizationIdIn(asked)) {
                asked.stream().filter(user::isMemberOf).forEach(id -> members.get(id).add(user));
            }
        }
        return members;
    }

    private boolean canSee(Caller caller, UserDocument user) {
        if (access.seesWholeTenant(caller)) {
            return true;
        }
        if (user.id().equals(caller.userId()) && caller.limitedToOrganization().isEmpty()) {
            return true;
        }
        Set<String> visible = access.visibleOrganizationIds(caller);
        return user.memberships().stream().anyMatch(m -> visible.contains(m.organizationId()));
    }

    // ---------------------------------------------------------------- creating

    /** Adds a recipient (a user who only receives email) to organizations the caller administers. */
    public UserDocument add(Caller caller, AddUser request) {
        validator.valid(request);
        return addRecipient(caller, request.firstName(), request.lastName(), request.email(),
                request.organizations().stream().map(UUID::toString).toList());
    }

    private UserDocument addRecipient(Caller caller, String firstName, String lastName, String email,
            List<String> organizationIds) {
        String normalized = normalizeEmail(email);
        if (normalized != null && !EMAIL.matcher(normalized).matches()) {
            throw ApiException.invalid("email", "is not an email address");
        }
        List<NewMembership> wanted = new ArrayList<>();
        for (String organizationId : new LinkedHashSet<>(organizationIds)) {
            requireAdministeredOrganization(caller, organizationId);
            wanted.add(new NewMembership(organizationId, Membership.MEMBER, License.Unlicensed));
        }
        UserDocument user = new UserDocument(UUID.randomUUID().toString(), normalized, firstName.trim(), lastName.trim(),
                null, UserStatus.Active, UserDocument.RECIPIENT, false, false, memberships(wanted), "en", "UTC",
                clock.instant());
        try {
            return users.insert(user);
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("A user with the email " + normalized + " already exists");
        }
    }

    /** Checks that the organization exists and that the caller administers it (404 / 403). */
    public void requireAdministeredOrganization(Caller caller, String organizationId) {
        if (organizations.findById(organizationId).isEmpty()) {
            throw ApiException.notFound("Organization " + organizationId);
        }
        access.requireAdministrator(caller, organizationId);
    }

    /** The memberships for new organizations, each with the organization's "All users" group. */
    public List<Membership> memberships(Collection<NewMembership> wanted) {
        return wanted.stream().map(w -> new Membership(w.organizationId(), w.role(), w.license().name(),
                List.of(groupService.ensureAllUsersGroup(w.organizationId()).id()))).toList();
    }

    static String normalizeEmail(String email) {
        if (email == null || email.isBlank()) {
            return null;
        }
        return email.trim().toLowerCase(Locale.ROOT);
    }

    // ---------------------------------------------------------------- updating

    /** The update actions of {@code PUT /users/{id}}. */
    public enum UpdateType {
        status, organizations, groups, organizationRoles, license, tenantAdminRole;

        static Optional<UpdateType> parse(String type) {
            for (UpdateType t : values()) {
                if (t.name().equalsIgnoreCase(type)) {
                    return Optional.of(t);
                }
            }
            return Optional.empty();
        }
    }

    /** One update action of {@code PUT /users/{id}}; invalid requests are refused (400) before anything is read. */
    public UserDocument update(Caller caller, String id, UpdateUser request) {
        validator.valid(request);
        return update(caller, id, request.type(), request.value());
    }

    private UserDocument update(Caller caller, String id, String type, JsonNode value) {
        UpdateType action = UpdateType.parse(type).orElseThrow(() -> ApiException.invalid("type",
                "must be one of status, organizations, groups, organizationRoles, license, tenantAdminRole"));
        UserDocument user = get(caller, id);
        switch (action) {
            case status -> updateStatus(caller, user, value);
            case organizations -> updateOrganizations(caller, user, value);
            case groups -> updateGroups(caller, user, value);
            case organizationRoles -> updateOrganizationRoles(caller, user, value);
            case license -> updateLicense(caller, user, value);
            case tenantAdminRole -> updateTenantAdminRole(caller, user, value);
        }
        return users.findById(id).orElseThrow(() -> ApiException.notFound("User " + id));
    }

    private void updateStatus(Caller caller, UserDocument user, JsonNode value) {
        String text = value == null || !value.isString() ? null : value.asString();
        UserStatus status = "Active".equalsIgnoreCase(text) ? UserStatus.Active
                : "Disabled".equalsIgnoreCase(text) ? UserStatus.Disabled : null;
        if (status == null) {
            throw ApiException.invalid("value", "must be \"Active\" or \"Disabled\"");
        }
        requireWholeUserRights(caller, user, "change the status of");
        if (user.tenantOwner() && status != UserStatus.Active) {
            throw ApiException.conflict("The tenant owner cannot be disabled");
        }
        if (user.id().equals(caller.userId()) && status != UserStatus.Active) {
            throw ApiException.conflict("You cannot disable yourself");
        }
        if (status == UserStatus.Active && user.status() == UserStatus.Pending && user.passwordHash() == null
                && UserDocument.USER.equals(user.type())) {
            // Activating an invited user who never set a password only lets them in through an identity provider.
            mongo.updateFirst(byId(user.id()), new Update().set("status", status).unset("invitationHash")
                    .unset("invitationExpiresAt"), UserDocument.class);
            return;
        }
        mongo.updateFirst(byId(user.id()), new Update().set("status", status), UserDocument.class);
    }

    /** Sets the user's organizations among those the caller administers; other memberships stay as they are. */
    private void updateOrganizations(Caller caller, UserDocument user, JsonNode value) {
        List<String> wanted = uuidList(value, "value");
        Set<String> administered = access.administeredOrganizationIds(caller);
        for (String organizationId : wanted) {
            requireAdministeredOrganization(caller, organizationId);
        }
        Set<String> wantedSet = new LinkedHashSet<>(wanted);
        if (wanted.isEmpty() && administered.isEmpty()) {
            throw ApiException.forbidden("Only administrators of the user's organizations may change them");
        }
        License defaultLicense = UserDocument.RECIPIENT.equals(user.type()) ? License.Unlicensed : License.Viewer;
        List<NewMembership> added = wantedSet.stream().filter(o -> !user.isMemberOf(o))
                .map(o -> new NewMembership(o, Membership.MEMBER, defaultLicense)).toList();
        List<Membership> addedMemberships = memberships(added);
        Set<String> removed = new LinkedHashSet<>();
        memberships.update(user.id(), current -> {
            List<Membership> next = new ArrayList<>();
            removed.clear();
            for (Membership m : current.memberships()) {
                if (administered.contains(m.organizationId()) && !wantedSet.contains(m.organizationId())) {
                    removed.add(m.organizationId());
                } else {
                    next.add(m);
                }
            }
            addedMemberships.stream().filter(a -> next.stream().noneMatch(m -> m.organizationId().equals(a.organizationId())))
                    .forEach(next::add);
            return next;
        });
        removed.forEach(organizationId -> apiKeys.revokeForUserInOrganization(user.id(), organizationId));
    }

    /** Sets the user's groups (other than "All users") in the organizations the caller administers. */
    private void updateGroups(Caller caller, UserDocument user, JsonNode value) {
        List<String> wanted = uuidList(value, "value");
        Set<String> administered = access.administeredOrganizationIds(caller);
        if (administered.stream().noneMatch(user::isMemberOf)) {
            throw ApiException.forbidden("Only administrators of the user's organizations may change their groups");
        }
        Map<String, GroupDocument> wantedGroups = new LinkedHashMap<>();
        for (int i = 0; i < wanted.size(); i++) {
            String groupId = wanted.get(i);
            GroupDocument group = groups.findById(groupId).filter(g -> access.canSee(caller, g.organizationId()))
                    .orElseThrow(() -> ApiException.notFound("Group " + groupId));
            if (!administered.contains(group.organizationId())) {
                throw ApiException.forbidden("Only administrators of the group's organization may change its members");
            }
            if (!user.isMemberOf(group.organizationId())) {
                throw ApiException.invalid("value[" + i + "]", "the user is not a member of the group's organization");
            }
            wantedGroups.put(groupId, group);
        }
        memberships.update(user.id(), current -> current.memberships().stream().map(m -> {
            if (!administered.contains(m.organizationId())) {
                return m;
            }
            List<String> next = new ArrayList<>();
            for (String groupId : m.groupIds()) {
                GroupDocument existing = groups.findById(groupId).orElse(null);
                if (existing == null || existing.isDefault()) {
                    next.add(groupId);
                }
            }
            wantedGroups.values().stream().filter(g -> g.organizationId().equals(m.organizationId()))
                    .map(GroupDocument::id).filter(g -> !next.contains(g)).forEach(next::add);
            return m.withGroupIds(next);
        }).toList());
    }

    private record RoleChange(String organizationId, String role, License license) {}

    /** Sets the role and license of the user in the listed organizations. */
    private void updateOrganizationRoles(Caller caller, UserDocument user, JsonNode value) {
        if (value == null || !value.isArray()) {
            throw ApiException.invalid("value", "must be a list of {organizationID, role, license}");
        }
        List<RoleChange> changes = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            String path = "value[" + i + "]";
            String organizationId = uuidField(item, "organizationID", path);
            String role = textField(item, "role");
            if (!Membership.ADMINISTRATOR.equals(role) && !Membership.MEMBER.equals(role)) {
                throw ApiException.invalid(path + ".role", "must be Administrator or Member");
            }
            License license = License.parse(textField(item, "license")).orElseThrow(() ->
                    ApiException.invalid(path + ".license", "must be one of " + License.allowedValues()));
            requireAdministeredOrganization(caller, organizationId);
            if (!user.isMemberOf(organizationId)) {
                throw ApiException.invalid(path + ".organizationID", "the user is not a member of this organization");
            }
            changes.add(new RoleChange(organizationId, role, license));
        }
        applyRoles(user, changes);
    }

    /** Sets the license of the user's roles: a license name for every organization the caller administers, or {organizationID, license}. */
    private void updateLicense(Caller caller, UserDocument user, JsonNode value) {
        List<RoleChange> changes = new ArrayList<>();
        if (value != null && value.isObject()) {
            String organizationId = uuidField(value, "organizationID", "value");
            License license = License.parse(textField(value, "license")).orElseThrow(() ->
                    ApiException.invalid("value.license", "must be one of " + License.allowedValues()));
            requireAdministeredOrganization(caller, organizationId);
            Membership membership = user.membership(organizationId).orElseThrow(() ->
                    ApiException.invalid("value.organizationID", "the user is not a member of this organization"));
            changes.add(new RoleChange(organizationId, membership.role(), license));
        } else {
            License license = License.parse(value == null || !value.isString() ? null : value.asString()).orElseThrow(() ->
                    ApiException.invalid("value", "must be one of " + License.allowedValues()
                            + " or {organizationID, license}"));
            Set<String> administered = access.administeredOrganizationIds(caller);
            user.memberships().stream().filter(m -> administered.contains(m.organizationId()))
                    .forEach(m -> changes.add(new RoleChange(m.organizationId(), m.role(), license)));
            if (changes.isEmpty()) {
                throw ApiException.forbidden("Only administrators of the user's organizations may change their license");
            }
        }
        applyRoles(user, changes);
    }

    private void applyRoles(UserDocument user, List<RoleChange> changes) {
        if (UserDocument.RECIPIENT.equals(user.type())
                && changes.stream().anyMatch(c -> c.license() != License.Unlicensed || Membership.ADMINISTRATOR.equals(c.role()))) {
            throw ApiException.invalid("value", "a recipient only receives email: it has no seat and no administrator role");
        }
        memberships.update(user.id(), current -> current.memberships().stream().map(m -> changes.stream()
                .filter(c -> c.organizationId().equals(m.organizationId())).reduce((a, b) -> b)
                .map(c -> m.withRole(c.role(), c.license().name())).orElse(m)).toList());
    }

    /** Gives (a license name) or takes (null) the Tenant Administrator role. */
    private void updateTenantAdminRole(Caller caller, UserDocument user, JsonNode value) {
        access.requireTenantAdministrator(caller, "give or take the Tenant Administrator role");
        Optional<License> license;
        if (value == null || value.isNull()) {
            license = Optional.empty();
        } else if (value.isString() && License.parse(value.asString()).isPresent()) {
            license = License.parse(value.asString());
        } else {
            throw ApiException.invalid("value", "must be null (no role) or one of " + License.allowedValues());
        }
        if (user.tenantOwner()) {
            throw ApiException.conflict("The tenant owner's Tenant Administrator role cannot be changed");
        }
        if (license.isPresent() && UserDocument.RECIPIENT.equals(user.type())) {
            throw ApiException.invalid("value", "a recipient cannot be a tenant administrator");
        }
        Update update = license.map(l -> new Update().set("tenantAdmin", true).set("tenantAdminLicense", l.name()))
                .orElseGet(() -> new Update().set("tenantAdmin", false).unset("tenantAdminLicense"));
        mongo.updateFirst(new Query(Criteria.where("_id").is(user.id()).and("tenantOwner").ne(true)), update,
                UserDocument.class);
    }

    /**
     * Status changes and deletion reach every organization of the user: they need a tenant administrator, or
     * an administrator of every one of the user's organizations; tenant administrators are only acted on by
     * tenant administrators.
     */
    private void requireWholeUserRights(Caller caller, UserDocument user, String what) {
        if (access.isTenantAdministrator(caller)) {
            return;
        }
        boolean administersAll = !user.memberships().isEmpty()
                && user.memberships().stream().allMatch(m -> access.administers(caller, m.organizationId()));
        if (!administersAll || user.tenantAdmin() || user.tenantOwner()) {
            throw ApiException.forbidden("Only tenant administrators, or administrators of every organization of the user, may "
                    + what + " this user");
        }
    }

    // ---------------------------------------------------------------- deleting

    public void delete(Caller caller, String id) {
        deleteAll(caller, List.of(id));
    }

    /** Deletes every listed user, or none when one of them may not be deleted. */
    public void deleteAll(Caller caller, Collection<String> ids) {
        List<UserDocument> doomed = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ids)) {
            UserDocument user = get(caller, id);
            if (user.id().equals(caller.userId())) {
                throw ApiException.conflict("You cannot delete yourself");
            }
            if (user.tenantOwner()) {
                throw ApiException.conflict("The tenant owner cannot be deleted");
            }
            requireWholeUserRights(caller, user, "delete");
            Map<String, Long> owned = ownedContent.countsOwnedBy(user.id());
            if (!owned.isEmpty()) {
                throw new ApiException(org.springframework.http.HttpStatus.CONFLICT,
                        user.displayName() + " owns " + OwnedContent.describe(owned)
                                + "; transfer the content to another user first", Map.of("owned", owned));
            }
            doomed.add(user);
        }
        for (UserDocument user : doomed) {
            users.deleteById(user.id());
            permissions.memberDeleted(user.id());
            apiKeys.revokeForUser(user.id());
            mongo.remove(new Query(Criteria.where("userId").is(user.id())), "sessions");
        }
    }

    // ---------------------------------------------------------------- transferring

    public record TransferResult(Map<String, Long> contentTransferred, long permissionsTransferred) {}

    /**
     * Gives another user what a user owns and/or the permissions granted to them. The new owner must belong to
     * every organization of the user, so that no content ends up owned by someone outside its organization.
     */
    public TransferResult transfer(Caller caller, String id, TransferRequest request) {
        validator.valid(request);
        return transfer(caller, id, request.newUserID().toString(), request.transferContent(),
                request.transferPermissions());
    }

    private TransferResult transfer(Caller caller, String id, String newUserId, boolean content, boolean permissions) {
        if (!content && !permissions) {
            throw ApiException.invalid("transferContent", "transferContent or transferPermissions must be true");
        }
        UserDocument from = get(caller, id);
        requireWholeUserRights(caller, from, "transfer the content of");
        UserDocument to = users.findById(newUserId).filter(u -> canSee(caller, u))
                .orElseThrow(() -> ApiException.invalid("newUserID", "no such user"));
        if (from.id().equals(to.id())) {
            throw ApiException.invalid("newUserID", "must be another user");
        }
        if (!UserDocument.USER.equals(to.type())) {
            throw ApiException.invalid("newUserID", "a recipient cannot own content");
        }
        List<String> missing = from.memberships().stream().map(Membership::organizationId)
                .filter(o -> !to.isMemberOf(o)).toList();
        if (!missing.isEmpty()) {
            throw ApiException.conflict("The new owner must belong to every organization of the user; missing: "
                    + String.join(", ", missing.stream().map(o -> organizations.findById(o)
                            .map(org -> org.displayName()).orElse(o)).toList()));
        }
        Map<String, Long> moved = content ? ownedContent.transfer(from.id(), to.id()) : Map.of();
        if (content) {
            transferParticipants.forEach(participant -> participant.contentTransferred(from.id(), to.id()));
        }
        long movedPermissions = 0;
        if (permissions) {
            for (UserTransferParticipant participant : transferParticipants) {
                movedPermissions += participant.transferPermissions(from.id(), to.id());
            }
        }
        return new TransferResult(moved, movedPermissions);
    }

    // ---------------------------------------------------------------- helpers

    private static Query byId(String id) {
        return new Query(Criteria.where("_id").is(id));
    }

    static List<String> uuidList(JsonNode value, String field) {
        if (value == null || !value.isArray()) {
            throw ApiException.invalid(field, "must be a list of ids");
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            ids.add(uuid(value.get(i), field + "[" + i + "]"));
        }
        return ids;
    }

    private static String uuidField(JsonNode item, String name, String path) {
        if (item == null || !item.isObject()) {
            throw ApiException.invalid(path, "must be an object");
        }
        return uuid(item.get(name), path + "." + name);
    }

    private static String uuid(JsonNode node, String path) {
        if (node == null || !node.isString()) {
            throw ApiException.invalid(path, "must be a UUID");
        }
        try {
            return UUID.fromString(node.asString()).toString();
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(path, "must be a UUID");
        }
    }

    private static String textField(JsonNode item, String name) {
        JsonNode node = item.get(name);
        return node == null || !node.isString() ? null : node.asString();
    }
}
