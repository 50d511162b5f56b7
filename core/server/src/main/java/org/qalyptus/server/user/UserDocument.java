package org.qalyptus.server.user;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.qalyptus.server.license.License;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A person who signs in or receives reports.
 *
 * @param email unique, stored lower-case; null only for recipients added without one (the index is
 *     sparse so several of those can exist)
 * @param passwordHash a slow hash of the password, or null for users who sign in only through an
 *     identity provider, for invited users who have not accepted yet, and for recipients
 * @param type {@code User} (signs in) or {@code Recipient} (only receives email)
 * @param tenantOwner whether this is the tenant owner (cannot be deleted or demoted)
 * @param tenantAdmin whether the user has the Tenant Administrator role
 * @param memberships the organizations the user belongs to, with a role and groups in each; the
 *     organization's "All users" group is always among a membership's groupIds
 * @param tenantAdminLicense the license the Tenant Administrator role carries; null means Creator for
 *     documents written before the field existed (only meaningful when tenantAdmin is true)
 * @param invitationHash the SHA-256 of the pending invitation's secret, null when none is pending
 * @param invitationExpiresAt when the pending invitation stops being valid
 */
@Document("users")
@CompoundIndex(name = "memberships_organization", def = "{'memberships.organizationId': 1}")
@CompoundIndex(name = "memberships_groups", def = "{'memberships.groupIds': 1}")
public record UserDocument(
        @Id String id,
        @Indexed(unique = true, sparse = true) String email,
        String firstName,
        String lastName,
        String passwordHash,
        UserStatus status,
        String type,
        boolean tenantOwner,
        boolean tenantAdmin,
        List<Membership> memberships,
        String language,
        String timeZone,
        Instant createdAt,
        String tenantAdminLicense,
        String invitationHash,
        Instant invitationExpiresAt) {

    public static final String USER = "User";
    public static final String RECIPIENT = "Recipient";

    @PersistenceCreator
    public UserDocument {
        memberships = memberships == null ? List.of() : List.copyOf(memberships);
    }

    /** The constructor of the first version of this document, kept so existing callers compile unchanged. */
    public UserDocument(String id, String email, String firstName, String lastName, String passwordHash,
            UserStatus status, String type, boolean tenantOwner, boolean tenantAdmin, List<Membership> memberships,
            String language, String timeZone, Instant createdAt) {
        this(id, email, firstName, lastName, passwordHash, status, type, tenantOwner, tenantAdmin, memberships,
                language, timeZone, createdAt, null, null, null);
    }

    public String displayName() {
        String name = DisplayNames.of(firstName, lastName, email);
        return name == null ? "" : name;
    }

    public UserDocument withPasswordHash(String hash) {
        return new UserDocument(id, email, firstName, lastName, hash, status, type, tenantOwner, tenantAdmin,
                memberships, language, timeZone, createdAt, tenantAdminLicense, invitationHash, invitationExpiresAt);
    }

    public UserDocument withMemberships(List<Membership> replaced) {
        return new UserDocument(id, email, firstName, lastName, passwordHash, status, type, tenantOwner, tenantAdmin,
                replaced, language, timeZone, createdAt, tenantAdminLicense, invitationHash, invitationExpiresAt);
    }

    /** The license of the Tenant Administrator role, or empty when the user does not have it. */
    public Optional<License> tenantAdminRoleLicense() {
        if (!tenantAdmin && !tenantOwner) {
            return Optional.empty();
        }
        return Optional.of(License.parse(tenantAdminLicense).orElse(License.Creator));
    }

    /** The user's license: the highest level of all their roles. */
    public License license() {
        List<License> levels = new ArrayList<>();
        tenantAdminRoleLicense().ifPresent(levels::add);
        memberships.forEach(m -> levels.add(m.licenseLevel()));
        return License.highest(levels);
    }

    public Optional<Membership> membership(String organizationId) {
        return memberships.stream().filter(m -> m.organizationId().equals(organizationId)).findFirst();
    }

    public boolean isMemberOf(String organizationId) {
        return membership(organizationId).isPresent();
    }

    /**
     * Membership of one organization.
     *
     * @param role {@code Administrator} or {@code Member}
     * @param license the seat: {@code Creator}, {@code Explorer}, {@code Viewer} or {@code Unlicensed}
     * @param groupIds the groups of this organization the user is in, the "All users" group included
     */
    public record Membership(String organizationId, String role, String license, List<String> groupIds) {
        public static final String ADMINISTRATOR = "Administrator";
        public static final String MEMBER = "Member";

        public Membership {
            groupIds = groupIds == null ? List.of() : List.copyOf(groupIds);
        }

        public License licenseLevel() {
            return License.parse(license).orElse(License.Unlicensed);
        }

        public boolean isAdministrator() {
            return ADMINISTRATOR.equals(role);
        }

        public Membership withRole(String newRole, String newLicense) {
            return new Membership(organizationId, newRole, newLicense, groupIds);
        }

        public Membership withGroupIds(List<String> newGroupIds) {
            return new Membership(organizationId, role, license, newGroupIds);
        }
    }
}
