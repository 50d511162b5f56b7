package org.qalyptus.server.sso;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.qalyptus.server.license.License;
import org.qalyptus.server.organization.OrganizationDocument;
import org.qalyptus.server.user.MembershipEditor;
import org.qalyptus.server.user.NewMembership;
import org.qalyptus.server.user.UserDocument;
import org.qalyptus.server.user.UserDocument.Membership;
import org.qalyptus.server.user.UserRepository;
import org.qalyptus.server.user.UserService;
import org.qalyptus.server.user.UserStatus;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Finds the user a verified identity belongs to, or creates them just in time in the organization with its
 * default role. A new user is inserted with their membership in one document, so a failure never leaves a user
 * without one; an existing user gains a membership through one compare-and-set write.
 */
@Component
class SsoUsers {

    /** The user, and whether this sign-in created them or gave them their membership. */
    record Match(UserDocument user, boolean created, boolean joined) {}

    private final UserRepository users;
    private final UserService userService;
    private final MembershipEditor memberships;
    private final java.time.Clock clock;

    SsoUsers(UserRepository users, UserService userService, MembershipEditor memberships, java.time.Clock clock) {
        this.users = users;
        this.userService = userService;
        this.memberships = memberships;
        this.clock = clock;
    }

    Match match(OrganizationDocument organization, String email, String name) {
        String normalized = email.trim().toLowerCase(Locale.ROOT);
        Optional<License> defaultRole = License.parse(organization.identityProviderDefaultRole())
                .filter(l -> l != License.Unlicensed);
        Optional<UserDocument> existing = users.findByEmail(normalized);
        if (existing.isEmpty()) {
            if (defaultRole.isEmpty()) {
                throw new SsoFailure(SsoError.no_account, "No user has the email " + normalized
                        + " and the organization does not create users on sign-in", normalized, null);
            }
            try {
                return new Match(users.insert(newUser(organization, normalized, name, defaultRole.get())), true, false);
            } catch (DuplicateKeyException createdConcurrently) {
                existing = users.findByEmail(normalized);
                if (existing.isEmpty()) {
                    throw createdConcurrently;
                }
            }
        }
        UserDocument user = existing.get();
        if (!UserDocument.USER.equals(user.type()) || user.status() != UserStatus.Active) {
            throw new SsoFailure(SsoError.account_disabled, "The user " + normalized + " is "
                    + (UserDocument.USER.equals(user.type()) ? user.status() : "a recipient, who cannot sign in"),
                    normalized, user.id());
        }
        if (user.isMemberOf(organization.id())) {
            return new Match(user, false, false);
        }
        if (defaultRole.isEmpty()) {
            throw new SsoFailure(SsoError.no_account, "The user " + normalized + " is not a member of the organization "
                    + "and the organization does not add members on sign-in", normalized, user.id());
        }
        List<Membership> added = userService.memberships(List.of(
                new NewMembership(organization.id(), Membership.MEMBER, defaultRole.get())));
        UserDocument joined = memberships.update(user.id(), current -> {
            if (current.isMemberOf(organization.id())) {
                return current.memberships();
            }
            List<Membership> next = new ArrayList<>(current.memberships());
            next.addAll(added);
            return next;
        }).orElseThrow(() -> new SsoFailure(SsoError.account_disabled, "The user " + normalized
                + " was deleted during sign-in", normalized, user.id()));
        return new Match(joined, false, true);
    }

    private UserDocument newUser(OrganizationDocument organization, String email, String name, License license) {
        String first = name == null || name.isBlank() ? email.substring(0, email.indexOf('@')) : name.trim();
        String last = "";
        int space = first.lastIndexOf(' ');
        if (name != null && space > 0) {
            last = first.substring(space + 1);
            first = first.substring(0, space);
        }
        return new UserDocument(UUID.randomUUID().toString(), email, first, last, null, UserStatus.Active,
                UserDocument.USER, false, false,
                userService.memberships(List.of(new NewMembership(organization.id(), Membership.MEMBER, license))),
                "en", "UTC", clock.instant());
    }
}
