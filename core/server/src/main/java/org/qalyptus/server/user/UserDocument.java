package org.qalyptus.server.user;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A person who signs in or receives reports.
 *
 * @param email unique, stored lower-case
 * @param passwordHash a slow hash of the password, or null for users who sign in only through an
 *     identity provider and for recipients
 * @param type {@code User} (signs in) or {@code Recipient} (only receives email)
 * @param tenantOwner whether this is the tenant owner (cannot be deleted or demoted)
 * @param tenantAdmin whether the user has the Tenant Administrator role
 * @param memberships the organizations the user belongs to, with a role and groups in each
 */
@Document("users")
public record UserDocument(
        @Id String id,
        @Indexed(unique = true) String email,
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
        Instant createdAt) {

    public UserDocument {
        memberships = memberships == null ? List.of() : List.copyOf(memberships);
    }

    public String displayName() {
        String name = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).trim();
        return name.isEmpty() ? email : name;
    }

    public UserDocument withPasswordHash(String hash) {
        return new UserDocument(id, email, firstName, lastName, hash, status, type, tenantOwner, tenantAdmin,
                memberships, language, timeZone, createdAt);
    }

    /**
     * Membership of one organization.
     *
     * @param role {@code Administrator} or {@code Member}
     * @param license the seat: {@code Creator}, {@code Explorer}, {@code Viewer} or {@code Unlicensed}
     */
    public record Membership(String organizationId, String role, String license, List<String> groupIds) {
        public Membership {
            groupIds = groupIds == null ? List.of() : List.copyOf(groupIds);
        }
    }
}
