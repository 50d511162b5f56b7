package org.qalyptus.server.user;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.group.GroupDocument;
import org.qalyptus.server.group.GroupRepository;
import org.qalyptus.server.license.License;
import org.qalyptus.server.organization.OrganizationAccess;
import org.qalyptus.server.organization.OrganizationDocument;
import org.qalyptus.server.organization.OrganizationRepository;
import org.qalyptus.server.user.UserDocument.Membership;
import org.springframework.stereotype.Component;

/**
 * Users as the API shows them to one caller: only the roles and groups of organizations the caller can
 * see, and a license computed from those roles (plus the tenant role), so nothing of another organization
 * leaks through a user who belongs to both.
 */
@Component
public class UserViews {

    /** The user as the API shows it; field names are the reference's. */
    public record UserView(String id, String name, String firstName, String lastName, String type, String email,
            List<GroupRef> groups, String status, String license, boolean isTenantOwner, String tenantAdminRole,
            List<OrganizationRole> organizationRoles, String language, String timeZone, Instant createdDate) {}

    public record GroupRef(String id, String name, String organizationID, boolean isDefault) {}

    public record OrganizationRole(String organizationID, String organizationName, String role, String license) {}

    private final OrganizationAccess access;
    private final OrganizationRepository organizations;
    private final GroupRepository groups;

    UserViews(OrganizationAccess access, OrganizationRepository organizations, GroupRepository groups) {
        this.access = access;
        this.organizations = organizations;
        this.groups = groups;
    }

    /** A converter for one caller, reading what it needs once. */
    public Function<UserDocument, UserView> forCaller(Caller caller) {
        Set<String> visible = access.visibleOrganizationIds(caller);
        boolean wholeTenant = access.seesWholeTenant(caller);
        Map<String, OrganizationDocument> organizationsById = organizations.findAllById(visible).stream()
                .collect(Collectors.toMap(OrganizationDocument::id, o -> o));
        Map<String, GroupDocument> groupsById = groups.findByOrganizationIdIn(visible).stream()
                .collect(Collectors.toMap(GroupDocument::id, g -> g));
        return user -> view(user, visible, wholeTenant, organizationsById, groupsById);
    }

    public List<UserView> all(Caller caller, Collection<UserDocument> users) {
        return users.stream().map(forCaller(caller)).toList();
    }

    private static UserView view(UserDocument user, Set<String> visible, boolean wholeTenant,
            Map<String, OrganizationDocument> organizationsById, Map<String, GroupDocument> groupsById) {
        List<Membership> shown = user.memberships().stream().filter(m -> visible.contains(m.organizationId())).toList();
        List<OrganizationRole> roles = shown.stream()
                .map(m -> new OrganizationRole(m.organizationId(),
                        organizationsById.containsKey(m.organizationId()) ? organizationsById.get(m.organizationId()).displayName() : null,
                        m.role(), m.licenseLevel().name()))
                .toList();
        List<GroupRef> groupRefs = shown.stream().flatMap(m -> m.groupIds().stream())
                .map(groupsById::get).filter(g -> g != null)
                .map(g -> new GroupRef(g.id(), g.name(), g.organizationId(), g.isDefault()))
                .toList();
        List<License> levels = new ArrayList<>();
        user.tenantAdminRoleLicense().ifPresent(levels::add);
        shown.forEach(m -> levels.add(m.licenseLevel()));
        License license = wholeTenant ? user.license() : License.highest(levels);
        String tenantAdminRole = user.tenantAdminRoleLicense().map(Enum::name).orElse(null);
        return new UserView(user.id(), user.displayName(), user.firstName(), user.lastName(), user.type(), user.email(),
                groupRefs, user.status() == null ? null : user.status().name(), license.name(), user.tenantOwner(),
                tenantAdminRole, roles, user.language(), user.timeZone(), user.createdAt());
    }
}
