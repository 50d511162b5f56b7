package org.qalyptus.server.sso;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.qalyptus.server.audit.AuditEntryDocument;
import org.qalyptus.server.audit.AuditService;
import org.qalyptus.server.auth.LoginService;
import org.qalyptus.server.identity.IdentityProviderDocument;
import org.qalyptus.server.identity.IdentityProviderRepository;
import org.qalyptus.server.organization.OrganizationDocument;
import org.qalyptus.server.organization.OrganizationRepository;
import org.qalyptus.server.plugin.PluginHost;
import org.qalyptus.server.secret.SecretCipher;
import org.qalyptus.server.user.UserDocument;
import org.qalyptus.server.user.UserRepository;
import org.qalyptus.server.user.UserStatus;
import org.qalyptus.server.web.ApiException;
import org.qalyptus.spi.ExtensionException;
import org.qalyptus.spi.config.Config;
import org.qalyptus.spi.config.ConfigField;
import org.qalyptus.spi.config.InvalidConfigException;
import org.qalyptus.spi.identity.IdentityProviderType;
import org.qalyptus.spi.identity.IdentityProviderType.LoginRedirect;
import org.qalyptus.spi.identity.IdentityProviderType.VerifiedIdentity;
import org.qalyptus.spi.identity.LoginFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Sign-in through an organization's identity provider, from the redirect to the provider to the session token.
 *
 * <p>Browser flow: {@code GET .../oidc/{org}/login} redirects to the provider, keeping the login's state on the
 * server (hashed, one-time, expiring); the provider redirects to {@code .../oidc/{org}/callback}; when every check
 * passes the user is matched (or created just in time) and the browser is sent to the console's
 * {@code /login#code=<one-time code>}; the console exchanges the code for the same bearer session token the
 * built-in login issues ({@code POST /api/v1/auth/oidc/exchange}). The code travels in the URL fragment, which
 * browsers send neither to servers nor in Referer headers, and is worth nothing after one use or a minute.
 * Every failure ends on {@code /login?organization=<org>&error=<code>} and in the audit log, with nothing
 * created: the user and membership are written only after the provider's answer passed every check, and the
 * session only when the code is exchanged.
 */
@Service
public class SsoService {

    private static final Logger log = LoggerFactory.getLogger(SsoService.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    static final String LOGIN_ACTION = "sso.login";
    static final String LOGOUT_ACTION = "sso.logout";
    static final String USER_CREATED_ACTION = "sso.user.created";
    static final String MEMBER_ADDED_ACTION = "sso.member.added";

    private final OrganizationRepository organizations;
    private final IdentityProviderRepository providers;
    private final UserRepository users;
    private final PluginHost plugins;
    private final SecretCipher cipher;
    private final MongoTemplate mongo;
    private final LoginService logins;
    private final SsoUsers ssoUsers;
    private final AuditService audit;
    private final SsoProperties properties;
    private final Clock clock;

    SsoService(OrganizationRepository organizations, IdentityProviderRepository providers, UserRepository users,
            PluginHost plugins, SecretCipher cipher, MongoTemplate mongo, LoginService logins, SsoUsers ssoUsers,
            AuditService audit, SsoProperties properties, Clock clock) {
        this.organizations = organizations;
        this.providers = providers;
        this.users = users;
        this.plugins = plugins;
        this.cipher = cipher;
        this.mongo = mongo;
        this.logins = logins;
        this.ssoUsers = ssoUsers;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    // ---------------------------------------------------------------- login options

    /** A button of the login page. */
    public record ProviderOption(String id, String name, String type, String loginUrl) {}

    /** What the login page of an organization offers. */
    public record LoginOptions(String organizationID, String organizationName, boolean qalyptusAuth,
            List<ProviderOption> identityProviders) {}

    /**
     * @param organization the organization's id or technical name; null or blank for the default organization
     */
    public LoginOptions loginOptions(String organization) {
        OrganizationDocument found = findOrganization(organization)
                .orElseThrow(() -> ApiException.notFound("Organization " + organization));
        List<ProviderOption> buttons = found.identityProviderAuth()
                ? providers.findByOrganizationId(found.id()).map(p -> List.of(new ProviderOption(p.id(), p.name(), p.type(),
                        "/api/v1/auth/oidc/" + found.id() + "/login"))).orElse(List.of())
                : List.of();
        return new LoginOptions(found.id(), found.displayName(), found.qalyptusAuth(), buttons);
    }

    private Optional<OrganizationDocument> findOrganization(String organization) {
        if (organization == null || organization.isBlank()) {
            return organizations.findByName(OrganizationDocument.DEFAULT_NAME);
        }
        String given = organization.trim();
        if (given.length() > 200) {
            return Optional.empty();
        }
        return organizations.findById(given).or(() -> organizations.findByName(given.toLowerCase(java.util.Locale.ROOT)));
    }

    // ---------------------------------------------------------------- browser redirects

    /**
     * Starts a sign-in: the provider's authorization URI, or the login page with an error code.
     *
     * @param requestBaseUrl the scheme, host and port the request came in on (used without a configured public URL)
     */
    public URI startLogin(String organizationId, String requestBaseUrl, String clientAddress) {
        String base = baseUrl(requestBaseUrl);
        Context context = new Context(organizationId, null, clientAddress);
        try {
            OrganizationDocument organization = allowingSso(organizationId);
            IdentityProviderDocument provider = providerOf(organization);
            context.providerId = provider.id();
            IdentityProviderType type = typeOf(provider);
            LoginRedirect redirect = type.startLogin(config(type, provider), callbackUri(base, organizationId));
            Instant now = clock.instant();
            mongo.insert(new PendingLoginDocument(sha256(redirect.stateKey()), organizationId, provider.id(),
                    redirect.attributes(), now, now.plus(properties.loginLifetime()), null));
            return redirect.authorizationUri();
        } catch (RuntimeException e) {
            return failed(base, context, e);
        }
    }

    /** Finishes a sign-in from the provider's callback: the console's one-time code page, or the login page with an error. */
    public URI completeLogin(String organizationId, Map<String, String> callback, String requestBaseUrl, String clientAddress) {
        String base = baseUrl(requestBaseUrl);
        Context context = new Context(organizationId, null, clientAddress);
        try {
            PendingLoginDocument pending = consume(organizationId, callback.get("state"));
            context.providerId = pending.identityProviderId();
            OrganizationDocument organization = allowingSso(organizationId);
            IdentityProviderDocument provider = providerOf(organization);
            if (!provider.id().equals(pending.identityProviderId())) {
                throw new SsoFailure(SsoError.invalid_state, "The organization's identity provider changed during the sign-in");
            }
            IdentityProviderType type = typeOf(provider);
            LoginRedirect saved = new LoginRedirect(URI.create(base), callback.get("state"), pending.attributes());
            VerifiedIdentity identity = type.completeLogin(config(type, provider), callback, saved);
            context.email = identity.email();
            if (identity.email() == null || !identity.email().contains("@") || identity.email().length() > 320) {
                throw new SsoFailure(SsoError.email_not_verified, "The identity provider gave no email address for subject "
                        + identity.subject());
            }
            if (!identity.emailVerified()) {
                throw new SsoFailure(SsoError.email_not_verified, "The identity provider has not verified the email "
                        + identity.email());
            }
            SsoUsers.Match match = ssoUsers.match(organization, identity.email(), identity.name());
            if (match.created()) {
                record(context, USER_CREATED_ACTION, AuditEntryDocument.SUCCESS, null, "User created on first sign-in with the "
                        + organization.identityProviderDefaultRole() + " license", match.user().id());
            } else if (match.joined()) {
                record(context, MEMBER_ADDED_ACTION, AuditEntryDocument.SUCCESS, null, "Existing user added to the organization "
                        + "on sign-in with the " + organization.identityProviderDefaultRole() + " license", match.user().id());
            }
            String code = randomToken();
            mongo.insert(new HandoffDocument(sha256(code), match.user().id(), organizationId, provider.id(),
                    identity.idToken() == null ? null : cipher.encrypt(identity.idToken()),
                    clock.instant().plus(properties.handoffLifetime())));
            record(context, LOGIN_ACTION, AuditEntryDocument.SUCCESS, null, "Signed in through " + provider.name(),
                    match.user().id());
            return URI.create(base + "/login?organization=" + encode(organizationId) + "#code=" + encode(code));
        } catch (RuntimeException e) {
            return failed(base, context, e);
        }
    }

    /** Exchanges the one-time code of a completed sign-in for a session token (401 when unknown, used or expired). */
    public LoginService.Session exchange(String code) {
        if (code == null || code.isBlank() || code.length() > 200) {
            throw ApiException.unauthorized("The sign-in code is not valid: it is unknown, used or expired");
        }
        HandoffDocument handoff = mongo.findAndRemove(new Query(Criteria.where("_id").is(sha256(code.trim()))),
                HandoffDocument.class);
        if (handoff == null || !handoff.expiresAt().isAfter(clock.instant())) {
            throw ApiException.unauthorized("The sign-in code is not valid: it is unknown, used or expired");
        }
        UserDocument user = users.findById(handoff.userId()).filter(u -> u.status() == UserStatus.Active)
                .orElseThrow(() -> ApiException.unauthorized("This account is not active"));
        return logins.openSession(user, handoff.identityProviderId(),
                handoff.encryptedIdToken() == null ? null : cipher.decrypt(handoff.encryptedIdToken()));
    }

    /**
     * Where the console sends the browser after its session ended.
     *
     * @param redirectUrl the provider's end-session URL (with the post-logout redirect), or the console's login page
     */
    public record Logout(String redirectUrl) {}

    /** Ends the session of the bearer token; for a session opened through a provider, also the provider's session. */
    public Logout logout(String bearer, String requestBaseUrl, String clientAddress) {
        String base = baseUrl(requestBaseUrl);
        LoginService.EndedSession ended = logins.endSession(bearer)
                .orElseThrow(() -> ApiException.badRequest("Only a login session can be logged out (an API key is revoked instead)"));
        if (ended.identityProviderId() == null) {
            return new Logout(base + "/login");
        }
        Optional<IdentityProviderDocument> provider = providers.findById(ended.identityProviderId());
        Context context = new Context(provider.map(IdentityProviderDocument::organizationId).orElse(null),
                ended.identityProviderId(), clientAddress);
        String loginPage = base + "/login" + (context.organizationId == null ? "" : "?organization=" + encode(context.organizationId));
        Optional<URI> endSession = Optional.empty();
        if (provider.isPresent()) {
            try {
                IdentityProviderType type = typeOf(provider.get());
                URI postLogout = URI.create(provider.get().postLogoutRedirectUrl() != null
                        ? provider.get().postLogoutRedirectUrl() : loginPage);
                endSession = type.logoutUri(config(type, provider.get()), ended.idToken(), postLogout);
            } catch (RuntimeException e) {
                // The session is already ended here; the provider's own session is best effort.
                log.warn("No end-session URL for identity provider {}: {}", ended.identityProviderId(), e.getMessage());
            }
        }
        record(context, LOGOUT_ACTION, AuditEntryDocument.SUCCESS, null, endSession.isPresent()
                ? "Signed out; sent to the identity provider's end-session endpoint" : "Signed out", ended.userId());
        return new Logout(endSession.map(URI::toString).orElse(loginPage));
    }

    // ---------------------------------------------------------------- steps

    private PendingLoginDocument consume(String organizationId, String state) {
        if (state == null || state.isBlank() || state.length() > 500) {
            throw new SsoFailure(SsoError.invalid_state, "The callback has no state");
        }
        Instant now = clock.instant();
        String id = sha256(state);
        PendingLoginDocument pending = mongo.findAndModify(
                new Query(Criteria.where("_id").is(id).and("consumedAt").is(null)),
                new Update().set("consumedAt", now), FindAndModifyOptions.options().returnNew(false),
                PendingLoginDocument.class);
        if (pending == null) {
            boolean seen = mongo.exists(new Query(Criteria.where("_id").is(id)), PendingLoginDocument.class);
            throw seen ? new SsoFailure(SsoError.replayed_state, "The callback's state was already used")
                    : new SsoFailure(SsoError.invalid_state, "The callback's state is unknown");
        }
        if (!pending.organizationId().equals(organizationId)) {
            throw new SsoFailure(SsoError.invalid_state, "The callback's state belongs to another organization");
        }
        if (!pending.expiresAt().isAfter(now)) {
            throw new SsoFailure(SsoError.expired_state, "The sign-in started at " + pending.createdAt()
                    + " and expired at " + pending.expiresAt());
        }
        return pending;
    }

    private OrganizationDocument allowingSso(String organizationId) {
        OrganizationDocument organization = organizations.findById(organizationId)
                .orElseThrow(() -> new SsoFailure(SsoError.organization_not_found, "No organization " + organizationId));
        if (!organization.identityProviderAuth()) {
            throw new SsoFailure(SsoError.sso_not_allowed, "The organization's authentication settings do not allow "
                    + "signing in through an identity provider");
        }
        return organization;
    }

    private IdentityProviderDocument providerOf(OrganizationDocument organization) {
        return providers.findByOrganizationId(organization.id()).orElseThrow(() ->
                new SsoFailure(SsoError.sso_not_allowed, "The organization has no identity provider"));
    }

    private IdentityProviderType typeOf(IdentityProviderDocument provider) {
        return plugins.extension(IdentityProviderType.class, provider.type()).orElseThrow(() ->
                new SsoFailure(SsoError.provider_misconfigured, "No installed plugin provides the identity provider type '"
                        + provider.type() + "'"));
    }

    /** The provider's settings under the names the type declares; settings the type does not declare are left out. */
    private Config config(IdentityProviderType type, IdentityProviderDocument provider) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("issuer", provider.issuer());
        all.put("clientId", provider.clientId());
        all.put("clientSecret", provider.encryptedClientSecret() == null ? null : cipher.decrypt(provider.encryptedClientSecret()));
        all.put("authorizationEndpoint", provider.authorizationEndpoint());
        all.put("tokenEndpoint", provider.accessTokenEndpoint());
        all.put("userinfoEndpoint", provider.userinfoEndpoint());
        all.put("endSessionEndpoint", provider.logoutEndpoint());
        all.put("jwksUri", provider.jwksUri());
        all.put("postLogoutRedirectUrl", provider.postLogoutRedirectUrl());
        Set<String> declared = type.configFields().stream().map(ConfigField::name).collect(Collectors.toSet());
        Map<String, Object> given = new LinkedHashMap<>();
        all.forEach((k, v) -> {
            if (v != null && declared.contains(k)) {
                given.put(k, v);
            }
        });
        try {
            return Config.bind(type.configFields(), given);
        } catch (InvalidConfigException e) {
            throw new SsoFailure(SsoError.provider_misconfigured, "The identity provider's settings are not valid: " + e.getMessage());
        }
    }

    private URI failed(String base, Context context, RuntimeException e) {
        SsoError error;
        String detail = e.getMessage();
        if (e instanceof SsoFailure failure) {
            error = failure.error;
            context.email = failure.email != null ? failure.email : context.email;
            context.userId = failure.userId;
        } else if (e instanceof LoginFailedException failure) {
            error = SsoError.of(failure.reason());
        } else if (e instanceof ExtensionException) {
            error = SsoError.provider_unavailable;
        } else {
            log.error("Sign-in through an identity provider failed unexpectedly", e);
            error = SsoError.provider_unavailable;
            detail = "Unexpected failure: " + e.getClass().getSimpleName();
        }
        record(context, LOGIN_ACTION, AuditEntryDocument.FAILURE, error.name(), detail, context.userId);
        String organization = context.organizationId == null ? "" : "organization=" + encode(context.organizationId) + "&";
        return URI.create(base + "/login?" + organization + "error=" + error.name());
    }

    private void record(Context context, String action, String outcome, String errorCode, String message, String userId) {
        audit.record(new AuditService.Event(context.organizationId, action, outcome, errorCode, message, userId,
                context.email, context.providerId, context.clientAddress));
    }

    /** What is known of a sign-in as it proceeds, for the audit entry. */
    private static final class Context {
        final String organizationId;
        final String clientAddress;
        String providerId;
        String email;
        String userId;

        Context(String organizationId, String providerId, String clientAddress) {
            this.organizationId = organizationId;
            this.providerId = providerId;
            this.clientAddress = clientAddress;
        }
    }

    private String baseUrl(String requestBaseUrl) {
        String configured = properties.publicUrl();
        String base = configured != null && !configured.isBlank() ? configured.trim() : requestBaseUrl;
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    static URI callbackUri(String base, String organizationId) {
        return URI.create(base + "/api/v1/auth/oidc/" + organizationId + "/callback");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
