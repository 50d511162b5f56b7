package org.qalyptus.server.group;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.group.GroupRequests.CreateGroup;
import org.qalyptus.server.group.GroupRequests.UpdateGroup;
import org.qalyptus.server.organization.OrganizationAccess;
import org.qalyptus.server.organization.OrganizationRepository;
import org.qalyptus.server.permission.PermissionService;
import org.qalyptus.server.user.MembershipEditor;
import org.qalyptus.server.user.UserDocument.Membership;
import org.qalyptus.server.user.UserDocument;
import org.qalyptus.server.user.UserRepository;
import org.qalyptus.server.web.ApiException;
import org.qalyptus.server.web.ApiResponse.FieldError;
import org.qalyptus.server.web.RequestValidator;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Groups of an organization. Members of an organization see its groups (they pick them as recipients and
 * permission holders); only its administrators change them. The "All users" group follows membership of
 * the organization by itself, so it can be neither edited by hand nor deleted.
 */
@Service
public class GroupService {

    private final GroupRepository groups;
    private final UserRepository users;
    private final OrganizationRepository organizations;
    private final OrganizationAccess access;
    private final MembershipEditor memberships;
    private final Clock clock;
    private final PermissionService permissions;
    private final RequestValidator validator;

    GroupService(GroupRepository groups, UserRepository users, OrganizationRepository organizations,
            OrganizationAccess access, MembershipEditor memberships, Clock clock, PermissionService permissions,
            RequestValidator validator) {
        this.validator = validator;
        this.permissions = permissions;
        this.groups = groups;
        this.users = users;
        this.organizations = organizations;
        this.access = access;
        this.memberships = memberships;
        this.clock = clock;
    }

    /** Creates the organization's "All users" group, or returns the one that exists. */
    public GroupDocument ensureAllUsersGroup(String organizationId) {
        return groups.findByOrganizationIdAndIsDefaultTrue(organizationId).orElseGet(() -> groups.insert(
                new GroupDocument(UUID.randomUUID().toString(), organizationId, GroupDocument.ALL_USERS,
                        "Every member of the organization", true, clock.instant())));
    }

    /** Creates a group in an organization the caller administers (400 before 404/403 for invalid requests). */
    public GroupDocument create(Caller caller, CreateGroup request) {
        validator.valid(request);
        return create(caller, request.organizationID().toString(), request.name(), request.description());
    }

    private GroupDocument create(Caller caller, String organizationId, String name, String description) {
        if (organizations.findById(organizationId).isEmpty()) {
            throw ApiException.notFound("Organization " + organizationId);
        }
        access.requireAdministrator(caller, organizationId);
        try {
            return groups.insert(new GroupDocument(UUID.randomUUID().toString(), organizationId, name.trim(), description,
                    false, clock.instant()));
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("The organization already has a group named '" + name.trim() + "'");
        }
    }

    /** Every group of the organizations the caller can see. */
    public List<GroupDocument> list(Caller caller) {
        Set<String> visible = access.visibleOrganizationIds(caller);
        return groups.findByOrganizationIdIn(visible);
    }

    /** The groups of one organization the caller can see (404 otherwise). */
    public List<GroupDocument> listOf(Caller caller, String organizationId) {
        access.requireMember(caller, organizationId);
        return groups.findByOrganizationId(organizationId);
    }

    /** The group, or 404 when it does not exist or its organization is not visible to the caller. */
    public GroupDocument get(Caller caller, String id) {
        GroupDocument group = groups.findById(id).orElseThrow(() -> ApiException.notFound("Group " + id));
        if (!access.canSee(caller, group.organizationId())) {
            throw ApiException.notFound("Group " + id);
        }
        return group;
    }

    private GroupDocument administered(Caller caller, String id) {
        GroupDocument group = get(caller, id);
        if (!access.administers(caller, group.organizationId())) {
            throw ApiException.forbidden("Only administrators of the organization may change its groups");
        }
        return group;
    }

    public GroupDocument update(Caller caller, String id, UpdateGroup request) {
        validator.valid(request);
        return update(caller, id, request.name(), request.description());
    }

    private GroupDocument update(Caller caller, String id, String name, String description) {
        GroupDocument group = administered(caller, id);
        if (group.isDefault() && !group.name().equals(name.trim())) {
            throw ApiException.conflict("The '" + GroupDocument.ALL_USERS + "' group cannot be renamed");
        }
        GroupDocument updated = new GroupDocument(group.id(), group.organizationId(), name.trim(), description,
                group.isDefault(), group.createdAt());
        try {
            return groups.save(updated);
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("The organization already has a group named '" + name.trim() + "'");
        }
    }

    /** Deletes every listed group, or none when one of them may not be deleted. */
    public void deleteAll(Caller caller, Collection<String> ids) {
        List<GroupDocument> doomed = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ids)) {
            GroupDocument group = administered(caller, id);
            if (group.isDefault()) {
                throw ApiException.conflict("The '" + GroupDocument.ALL_USERS + "' group of an organization cannot be deleted");
            }
            doomed.add(group);
        }
        for (GroupDocument group : doomed) {
            groups.deleteById(group.id());
            permissions.memberDeleted(group.id());
            for (UserDocument user : users.findByMembershipsGroupIds(group.id())) {
                memberships.update(user.id(), u -> withoutGroup(u.memberships(), group.id()));
            }
        }
    }

    public long memberCount(GroupDocument group) {
        return group.isDefault() ? users.countByMembershipsOrganizationId(group.organizationId())
                : users.countByMembershipsGroupIds(group.id());
    }

    /**
     * The members of several groups the caller can see, with two store queries whatever their number (for
     * GraphQL's batched links): for "All users", every member of the organization.
     */
    public java.util.Map<String, List<UserDocument>> membersOf(Collection<GroupDocument> visibleGroups) {
        java.util.Map<String, List<UserDocument>> members = new java.util.HashMap<>();
        visibleGroups.forEach(g -> members.put(g.id(), new ArrayList<>()));
        List<String> plain = visibleGroups.stream().filter(g -> !g.isDefault()).map(GroupDocument::id).toList();
        if (!plain.isEmpty()) {
            for (UserDocument user : users.findByMembershipsGroupIdsIn(plain)) {
                user.memberships().stream().flatMap(m -> m.groupIds().stream()).distinct()
                        .filter(members::containsKey).filter(plain::contains)
                        .forEach(groupId -> members.get(groupId).add(user));
            }
        }
        List<GroupDocument> defaults = visibleGroups.stream().filter(GroupDocument::isDefault).toList();
        if (!defaults.isEmpty()) {
            for (UserDocument user : users.findByMembershipsOrganizationIdIn(
                    defaults.stream().map(GroupDocument::organizationId).distinct().toList())) {
                defaults.stream().filter(g -> user.isMemberOf(g.organizationId()))
                        .forEach(g -> members.get(g.id()).add(user));
            }
        }
        return members;
    }

    /** The group's members: for "All users", every member of the organization. */
    public List<UserDocument> members(Caller caller, String id) {
        GroupDocument group = get(caller, id);
        return group.isDefault() ? users.findByMembershipsOrganizationId(group.organizationId())
                : users.findByMembershipsGroupIds(group.id());
    }

    /**
     * Makes the listed users the group's members. Every listed user must be a member of the group's
     * organization (400 naming the others); nothing changes when one is not.
     */
    public List<UserDocument> setMembers(Caller caller, String id, List<String> userIds) {
        GroupDocument group = administered(caller, id);
        if (group.isDefault()) {
            throw ApiException.conflict("The members of '" + GroupDocument.ALL_USERS
                    + "' are the organization's members; add or remove users to or from the organization instead");
        }
        Set<String> wanted = new LinkedHashSet<>(userIds);
        List<FieldError> errors = new ArrayList<>();
        int index = 0;
        for (String userId : userIds) {
            boolean member = users.findById(userId).map(u -> u.isMemberOf(group.organizationId())).orElse(false);
            if (!member) {
                errors.add(new FieldError("[" + index + "]", "is not a member of the group's organization"));
            }
            index++;
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        for (UserDocument current : users.findByMembershipsGroupIds(group.id())) {
            if (!wanted.contains(current.id())) {
                memberships.update(current.id(), u -> withoutGroup(u.memberships(), group.id()));
            }
        }
        for (String userId : wanted) {
            memberships.update(userId, u -> withGroup(u.memberships(), group));
        }
        return users.findByMembershipsGroupIds(group.id());
    }

    static List<Membership> withoutGroup(List<Membership> current, String groupId) {
        return current.stream()
                .map(m -> m.groupIds().contains(groupId)
                        ? m.withGroupIds(m.groupIds().stream().filter(g -> !g.equals(groupId)).toList()) : m)
                .toList();
    }

    static List<Membership> withGroup(List<Membership> current, GroupDocument group) {
        return current.stream()
                .map(m -> m.organizationId().equals(group.organizationId()) && !m.groupIds().contains(group.id())
                        ? m.withGroupIds(append(m.groupIds(), group.id())) : m)
                .toList();
    }

    private static List<String> append(List<String> list, String value) {
        List<String> copy = new ArrayList<>(list);
        copy.add(value);
        return copy;
    }
}
