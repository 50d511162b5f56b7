package org.qalyptus.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.qalyptus.server.organization.OrganizationDocument;
import org.qalyptus.server.organization.OrganizationRepository;
import org.qalyptus.server.secret.SecretCipher;
import org.qalyptus.server.user.UserDocument;
import org.qalyptus.server.user.UserRepository;
import org.qalyptus.server.user.UserStatus;
import org.qalyptus.server.web.ApiException;
import org.springframework.stereotype.Service;

/** Built-in email and password sign-in, issuing bearer session tokens. */
@Service
public class LoginService implements CallerAuthenticator {

    static final String PREFIX = "qls_";
    static final Duration SESSION_LIFETIME = Duration.ofHours(12);

    private final UserRepository users;
    private final SessionRepository sessions;
    private final PasswordHasher passwords;
    private final LoginThrottle throttle;
    private final SecretCipher cipher;
    private final OrganizationRepository organizations;
    private final Clock clock;

    LoginService(UserRepository users, SessionRepository sessions, PasswordHasher passwords, LoginThrottle throttle,
            SecretCipher cipher, OrganizationRepository organizations, Clock clock) {
        this.cipher = cipher;
        this.organizations = organizations;
        this.users = users;
        this.sessions = sessions;
        this.passwords = passwords;
        this.throttle = throttle;
        this.clock = clock;
    }

    public record Session(String token, Instant expiresAt, UserDocument user) {}

    /** Signs in from an unknown client address (all such calls share one client throttle). */
    public Session login(String email, String password) {
        return login(email, password, null);
    }

    /**
     * Signs in with email and password. Failures are throttled per account and per client address
     * ({@link LoginThrottle}); a locked account or client is refused with 429 before the password is checked.
     */
    public Session login(String email, String password, String clientAddress) {
        String normalized = email.trim().toLowerCase(Locale.ROOT);
        String accountKey = LoginThrottle.accountKey(normalized);
        String clientKey = LoginThrottle.clientKey(clientAddress);
        throttle.requireAllowed(accountKey, clientKey);
        Optional<UserDocument> user = users.findByEmail(normalized);
        if (user.isEmpty()) {
            passwords.spendDecoyTime(password);
            throttle.failed(accountKey, clientKey);
            throw ApiException.unauthorized("Wrong email or password");
        }
        if (!passwords.matches(password, user.get().passwordHash())) {
            throttle.failed(accountKey, clientKey);
            throw ApiException.unauthorized("Wrong email or password");
        }
        if (user.get().status() != UserStatus.Active) {
            throw ApiException.unauthorized("This account is not active");
        }
        if (!builtInSignInAllowed(user.get())) {
            throw ApiException.forbidden("Your organization does not allow signing in with an email and password: "
                    + "use its identity provider's button on the login page");
        }
        throttle.succeeded(accountKey);
        return openSession(user.get(), null, null);
    }

    /**
     * Whether an organization of the user allows built-in sign-in (its authentication settings' {@code qalyptusAuth}).
     * Checked after the password, so the answer tells nothing to someone without it. The tenant owner and tenant
     * administrators always may: they must be able to repair an identity provider that stopped working. A user of
     * no organization yet is not refused either (nothing to decide by).
     */
    private boolean builtInSignInAllowed(UserDocument user) {
        if (user.tenantOwner() || user.tenantAdmin() || user.memberships() == null || user.memberships().isEmpty()) {
            return true;
        }
        List<String> organizationIds = user.memberships().stream().map(UserDocument.Membership::organizationId).toList();
        List<OrganizationDocument> found = new ArrayList<>();
        organizations.findAllById(organizationIds).forEach(found::add);
        return found.isEmpty() || found.stream().anyMatch(OrganizationDocument::qalyptusAuth);
    }

    /**
     * Starts a session for a user another sign-in (an identity provider) has established; the token is the same
     * kind the built-in login issues.
     *
     * @param identityProviderId the provider the user came through, or null
     * @param idToken the provider's ID token, kept encrypted as the hint of a later logout; or null
     */
    public Session openSession(UserDocument user, String identityProviderId, String idToken) {
        OpaqueToken token = OpaqueToken.generate(PREFIX);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(SESSION_LIFETIME);
        sessions.insert(new SessionDocument(token.id().toString(), user.id(), token.secretHash(), now, expiresAt,
                identityProviderId, idToken == null ? null : cipher.encrypt(idToken)));
        return new Session(token.encode(), expiresAt, user);
    }

    /**
     * A session that was ended.
     *
     * @param identityProviderId the provider the user had signed in through, or null
     * @param idToken the provider's ID token of that sign-in, or null
     */
    public record EndedSession(String userId, String identityProviderId, String idToken) {}

    /**
     * Ends the session the bearer token belongs to (one delete: a concurrent logout finds nothing).
     *
     * @return empty when the token is not a live session token (an API key, unknown or already ended)
     */
    public Optional<EndedSession> endSession(String bearer) {
        return OpaqueToken.parse(PREFIX, bearer)
                .flatMap(token -> sessions.findById(token.id().toString()).filter(s -> token.matches(s.secretHash())))
                .filter(session -> sessions.deleteByIdReturningCount(session.id()) == 1)
                .map(session -> new EndedSession(session.userId(), session.identityProviderId(),
                        session.encryptedIdToken() == null ? null : cipher.decrypt(session.encryptedIdToken())));
    }

    @Override
    public Optional<Caller> authenticate(String bearer) {
        Instant now = clock.instant();
        return OpaqueToken.parse(PREFIX, bearer)
                .flatMap(token -> sessions.findById(token.id().toString()).filter(s -> token.matches(s.secretHash())))
                .filter(session -> session.expiresAt().isAfter(now))
                .flatMap(session -> users.findById(session.userId()))
                .filter(user -> user.status() == UserStatus.Active)
                .map(user -> new Caller(user.id(), user.email(), null, Caller.Credential.SESSION));
    }
}
