package org.qalyptus.server.user;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.auth.OpaqueToken;
import org.qalyptus.server.auth.PasswordHasher;
import org.qalyptus.server.license.License;
import org.qalyptus.server.mail.MailOutcome;
import org.qalyptus.server.mail.MailTransport;
import org.qalyptus.server.mail.OutgoingMail;
import org.qalyptus.server.mail.SmtpLog;
import org.qalyptus.server.organization.OrganizationAccess;
import org.qalyptus.server.user.UserDocument.Membership;
import org.qalyptus.server.web.ApiException;
import org.qalyptus.server.web.ApiResponse.FieldError;
import org.qalyptus.server.web.RequestValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Invites people by email. An invited person becomes a {@code Pending} user holding a one-time invitation
 * secret (only its hash is stored); following the link and choosing a password activates the account. The
 * invitation goes out through the mail transport with the SMTP settings of the (first) organization the invitation
 * is for, else the server-wide {@code spring.mail.*} server; without one no email is sent, the answer says so and
 * gives the links of the users it created, for the inviter to pass on.
 */
@Service
public class InvitationService {

    private static final Logger log = LoggerFactory.getLogger(InvitationService.class);
    static final String PREFIX = "qiv_";
    static final int MAX_EMAILS = 500;

    private final UserRepository users;
    private final UserService userService;
    private final OrganizationAccess access;
    private final MembershipEditor memberships;
    private final PasswordHasher passwords;
    private final MongoTemplate mongo;
    private final MailTransport mail;
    private final InvitationProperties properties;
    private final Clock clock;
    private final RequestValidator validator;

    InvitationService(UserRepository users, UserService userService, OrganizationAccess access,
            MembershipEditor memberships, PasswordHasher passwords, MongoTemplate mongo,
            MailTransport mail, InvitationProperties properties, Clock clock, RequestValidator validator) {
        this.validator = validator;
        this.users = users;
        this.userService = userService;
        this.access = access;
        this.memberships = memberships;
        this.passwords = passwords;
        this.mongo = mongo;
        this.mail = mail;
        this.properties = properties;
        this.clock = clock;
    }

    public record OrganizationRole(String organizationID, String role, String license) {}

    /**
     * One invited address.
     *
     * @param created whether the user was created by this invitation (otherwise it existed and was given the roles)
     * @param invitationLink the link to pass on, only when no email carried it and the user was created now
     */
    public record Invited(String email, String id, String status, boolean created, boolean emailSent,
            String invitationLink) {}

    public record InvitationResult(List<Invited> users, boolean emailSent, String message) {}

    /**
     * @param requestBaseUrl the server's address as the request reached it, for the links when no public URL is
     *     configured
     */
    public InvitationResult invite(Caller caller, UserRequests.InviteUsers request, String requestBaseUrl) {
        validator.valid(request);
        return invite(caller, request.emails(), request.tenantAdminRole(), request.organizations(), requestBaseUrl);
    }

    private InvitationResult invite(Caller caller, List<String> emails, String tenantAdminRole,
            List<OrganizationRole> organizationRoles, String requestBaseUrl) {
        List<String> normalized = validEmails(emails);
        Optional<License> tenantLicense = Optional.empty();
        if (tenantAdminRole != null) {
            tenantLicense = Optional.of(License.parse(tenantAdminRole).orElseThrow(() ->
                    ApiException.invalid("tenantAdminRole", "must be null or one of " + License.allowedValues())));
        }
        List<NewMembership> wanted = validRoles(caller, organizationRoles == null ? List.of() : organizationRoles);
        if (tenantLicense.isPresent()) {
            access.requireTenantAdministrator(caller, "give the Tenant Administrator role");
        }
        if (wanted.isEmpty() && tenantLicense.isEmpty()) {
            throw ApiException.invalid("organizations", "give at least one organization (or the Tenant Administrator role)");
        }
        String mailOrganization = wanted.isEmpty() ? null : wanted.get(0).organizationId();
        boolean smtp = mail.isConfigured(mailOrganization);
        String baseUrl = properties.publicUrl() != null && !properties.publicUrl().isBlank()
                ? properties.publicUrl() : requestBaseUrl;
        List<Invited> invited = new ArrayList<>();
        for (String email : normalized) {
            invited.add(inviteOne(email, wanted, tenantLicense, smtp, baseUrl, mailOrganization));
        }
        String message = smtp
                ? "Invitations were sent by email" + (invited.stream().allMatch(Invited::emailSent) ? "" : " (some could not be sent: see the server log)")
                : "No SMTP server is configured (organization SMTP settings or spring.mail.host): no email was sent; pass the invitation links on to the new users";
        return new InvitationResult(invited, smtp && invited.stream().anyMatch(Invited::emailSent), message);
    }

    /** Invitations of users created from an Excel import: same token and email as {@link #invite}. */
    Invited sendInvitation(UserDocument user, String requestBaseUrl) {
        String baseUrl = properties.publicUrl() != null && !properties.publicUrl().isBlank()
                ? properties.publicUrl() : requestBaseUrl;
        String link = newInvitationLink(user.id(), baseUrl);
        String organization = user.memberships().isEmpty() ? null : user.memberships().get(0).organizationId();
        boolean sent = mail(user.email(), link, organization);
        return new Invited(user.email(), user.id(), user.status().name(), true, sent, sent ? null : link);
    }

    /** Whether the server-wide SMTP server is configured (organizations may have their own). */
    public boolean mailConfigured() {
        return mail.isConfigured(null);
    }

    private Invited inviteOne(String email, List<NewMembership> wanted, Optional<License> tenantLicense, boolean smtp,
            String baseUrl, String mailOrganization) {
        Optional<UserDocument> existing = users.findByEmail(email);
        if (existing.isEmpty()) {
            UserDocument user = new UserDocument(UUID.randomUUID().toString(), email, null, null, null, UserStatus.Pending,
                    UserDocument.USER, false, tenantLicense.isPresent(), userService.memberships(wanted), "en", "UTC",
                    clock.instant(), tenantLicense.map(Enum::name).orElse(null), null, null);
            try {
                users.insert(user);
                String link = newInvitationLink(user.id(), baseUrl);
                boolean sent = smtp && mail(email, link, mailOrganization);
                return new Invited(email, user.id(), UserStatus.Pending.name(), true, sent, sent ? null : link);
            } catch (DuplicateKeyException invitedConcurrently) {
                existing = users.findByEmail(email);
                if (existing.isEmpty()) {
                    throw invitedConcurrently;
                }
            }
        }
        UserDocument user = existing.get();
        List<Membership> added = userService.memberships(wanted.stream().filter(w -> !user.isMemberOf(w.organizationId())).toList());
        memberships.update(user.id(), current -> {
            List<Membership> next = new ArrayList<>(current.memberships());
            added.stream().filter(a -> !current.isMemberOf(a.organizationId())).forEach(next::add);
            return next;
        });
        if (tenantLicense.isPresent() && !user.tenantOwner()) {
            mongo.updateFirst(byId(user.id()), new Update().set("tenantAdmin", true)
                    .set("tenantAdminLicense", tenantLicense.get().name()), UserDocument.class);
        }
        boolean needsInvitation = UserDocument.RECIPIENT.equals(user.type()) || user.status() == UserStatus.Pending;
        if (!needsInvitation) {
            return new Invited(email, user.id(), user.status().name(), false, false, null);
        }
        if (UserDocument.RECIPIENT.equals(user.type())) {
            mongo.updateFirst(byId(user.id()), new Update().set("type", UserDocument.USER).set("status", UserStatus.Pending),
                    UserDocument.class);
        }
        String link = newInvitationLink(user.id(), baseUrl);
        boolean sent = smtp && mail(email, link, mailOrganization);
        return new Invited(email, user.id(), UserStatus.Pending.name(), false, sent, null);
    }

    private String newInvitationLink(String userId, String baseUrl) {
        OpaqueToken token = new OpaqueToken(PREFIX, UUID.fromString(userId), OpaqueToken.generate(PREFIX).secret());
        mongo.updateFirst(byId(userId), new Update().set("invitationHash", token.secretHash())
                .set("invitationExpiresAt", clock.instant().plus(properties.lifetime())), UserDocument.class);
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return base + "/invitation#token=" + token.encode();
    }

    private boolean mail(String email, String link, String organizationId) {
        OutgoingMail invitation = new OutgoingMail(null, null, List.of(email), List.of(), List.of(),
                "You are invited to Qalyptus",
                "<p>Hello,</p>\n<p>You have been invited to Qalyptus. Follow this link to choose your password and sign in:</p>\n"
                        + "<p><a href=\"" + html(link) + "\">" + html(link) + "</a></p>\n<p>The link is valid for "
                        + properties.lifetime().toDays() + " days.</p>\n",
                List.of(), List.of());
        // one attempt: the inviter is waiting for the answer, which gives the link when the mail did not go
        MailOutcome outcome = mail.send(organizationId, invitation, SmtpLog.NONE, java.time.Duration.ZERO);
        if (outcome.status() == MailOutcome.Status.NOT_CONFIGURED) {
            log.info("No SMTP server configured: the invitation of {} was not emailed", email);
            return false;
        }
        if (outcome.status() != MailOutcome.Status.SENT) {
            log.warn("The invitation of {} could not be emailed: {}", email, outcome.detail());
            return false;
        }
        return true;
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Activates an invited account: the secret must match and be unexpired; it works once. */
    public UserDocument accept(String presentedToken, String password, String firstName, String lastName) {
        OpaqueToken token = OpaqueToken.parse(PREFIX, presentedToken)
                .orElseThrow(() -> ApiException.invalid("token", "is not a valid invitation"));
        UserDocument user = users.findById(token.id().toString())
                .filter(u -> token.matches(u.invitationHash()))
                .filter(u -> u.invitationExpiresAt() != null && u.invitationExpiresAt().isAfter(clock.instant()))
                .orElseThrow(() -> ApiException.invalid("token", "the invitation is unknown, used or expired"));
        Update activate = new Update().set("passwordHash", passwords.hash(password)).set("status", UserStatus.Active)
                .unset("invitationHash").unset("invitationExpiresAt");
        if (firstName != null && !firstName.isBlank()) {
            activate.set("firstName", firstName.trim());
        }
        if (lastName != null && !lastName.isBlank()) {
            activate.set("lastName", lastName.trim());
        }
        Query stillPending = new Query(Criteria.where("_id").is(user.id()).and("invitationHash").is(user.invitationHash()));
        if (mongo.updateFirst(stillPending, activate, UserDocument.class).getModifiedCount() != 1) {
            throw ApiException.invalid("token", "the invitation is unknown, used or expired");
        }
        return users.findById(user.id()).orElseThrow();
    }

    private static List<String> validEmails(List<String> emails) {
        if (emails == null || emails.isEmpty()) {
            throw ApiException.invalid("emails", "give at least one email address");
        }
        if (emails.size() > MAX_EMAILS) {
            throw ApiException.invalid("emails", "at most " + MAX_EMAILS + " addresses at once");
        }
        List<FieldError> errors = new ArrayList<>();
        LinkedHashSet<String> normalized = new LinkedHashSet<>();
        for (int i = 0; i < emails.size(); i++) {
            String email = UserService.normalizeEmail(emails.get(i));
            if (email == null || email.length() > 320 || !UserService.EMAIL.matcher(email).matches()) {
                errors.add(new FieldError("emails[" + i + "]", "is not an email address"));
            } else {
                normalized.add(email);
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return List.copyOf(normalized);
    }

    private List<NewMembership> validRoles(Caller caller, List<OrganizationRole> roles) {
        List<FieldError> errors = new ArrayList<>();
        List<NewMembership> wanted = new ArrayList<>();
        for (int i = 0; i < roles.size(); i++) {
            OrganizationRole role = roles.get(i);
            String path = "organizations[" + i + "]";
            if (role == null || role.organizationID() == null) {
                errors.add(new FieldError(path + ".organizationID", "is required"));
                continue;
            }
            String organizationId;
            try {
                organizationId = UUID.fromString(role.organizationID()).toString();
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(path + ".organizationID", "must be a UUID"));
                continue;
            }
            String roleName = role.role() == null ? Membership.MEMBER : role.role();
            if (!Membership.ADMINISTRATOR.equals(roleName) && !Membership.MEMBER.equals(roleName)) {
                errors.add(new FieldError(path + ".role", "must be Administrator or Member"));
            }
            Optional<License> license = role.license() == null ? Optional.of(License.Viewer) : License.parse(role.license());
            if (license.isEmpty()) {
                errors.add(new FieldError(path + ".license", "must be one of " + License.allowedValues()));
            }
            if (errors.isEmpty() && wanted.stream().noneMatch(w -> w.organizationId().equals(organizationId))) {
                wanted.add(new NewMembership(organizationId, roleName, license.get()));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        wanted.forEach(w -> userService.requireAdministeredOrganization(caller, w.organizationId()));
        return wanted;
    }

    private static Query byId(String id) {
        return new Query(Criteria.where("_id").is(id));
    }
}
