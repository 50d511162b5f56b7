package org.qalyptus.plugins.idp.oidc;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import com.nimbusds.jwt.JWTClaimsSet;
import org.pf4j.Extension;
import org.qalyptus.spi.config.Config;
import org.qalyptus.spi.config.ConfigField;
import org.qalyptus.spi.identity.IdentityProviderType;
import org.qalyptus.spi.identity.LoginFailedException;
import org.qalyptus.spi.identity.LoginFailedException.Reason;

/**
 * Sign-in through an OpenID Connect provider: authorization code flow with PKCE (S256), state and nonce; the
 * ID token is checked by {@link IdTokenValidator}; userinfo completes the claims the ID token lacks; logout goes
 * through the provider's end-session endpoint (RP-initiated logout).
 *
 * <p>Thread-safe: the only shared state is the discovery and key caches, keyed by issuer and key set URL.
 */
@Extension
public class OidcIdentityProvider implements IdentityProviderType {

    public static final String TYPE_ID = "Oidc";

    static final String NONCE = "nonce";
    static final String CODE_VERIFIER = "codeVerifier";
    static final String REDIRECT_URI = "redirectUri";

    private final ProviderMetadata.Cache discovery;
    private final IdTokenValidator validator;
    private final ProviderHttp http;

    public OidcIdentityProvider() {
        this(Clock.systemUTC(), 5, Duration.ofSeconds(12));
    }

    /** @param keyRefetchBurst and {@code keyRefetchRefill}: the rate limit of key set refetches on unknown keys */
    OidcIdentityProvider(Clock clock, int keyRefetchBurst, Duration keyRefetchRefill) {
        this.http = new ProviderHttp();
        this.discovery = new ProviderMetadata.Cache(http, clock);
        this.validator = new IdTokenValidator(new SigningKeys(http, clock, keyRefetchBurst, keyRefetchRefill), clock);
    }

    @Override
    public String typeId() {
        return TYPE_ID;
    }

    @Override
    public String displayName() {
        return "OpenID Connect";
    }

    @Override
    public List<ConfigField> configFields() {
        return OidcSettings.FIELDS;
    }

    @Override
    public LoginRedirect startLogin(Config config, URI callbackUri) {
        OidcSettings settings = resolved(config);
        String state = Randoms.token();
        String nonce = Randoms.token();
        String verifier = Randoms.token();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", settings.clientId());
        query.put("redirect_uri", callbackUri.toString());
        query.put("scope", settings.scopes());
        query.put("state", state);
        query.put("nonce", nonce);
        query.put("code_challenge", Randoms.s256Challenge(verifier));
        query.put("code_challenge_method", "S256");
        return new LoginRedirect(withQuery(settings.authorizationEndpoint(), query), state,
                Map.of(NONCE, nonce, CODE_VERIFIER, verifier, REDIRECT_URI, callbackUri.toString()));
    }

    @Override
    public VerifiedIdentity completeLogin(Config config, Map<String, String> callback, LoginRedirect savedState) {
        String error = callback.get("error");
        if (error != null) {
            String description = callback.get("error_description");
            throw new LoginFailedException(Reason.PROVIDER_REFUSED, "The identity provider refused the sign-in: "
                    + IdTokenValidator.abbreviate(error)
                    + (description == null ? "" : " (" + IdTokenValidator.abbreviate(description) + ")"));
        }
        OidcSettings settings = resolved(config);
        // RFC 9207: when the provider names itself in the callback, it must be the provider this login went to.
        String iss = callback.get("iss");
        if (iss != null && !OidcSettings.withoutTrailingSlash(iss).equals(settings.issuer())) {
            throw new LoginFailedException(Reason.INVALID_TOKEN, "The callback comes from another issuer");
        }
        String code = callback.get("code");
        if (code == null || code.isBlank()) {
            throw new LoginFailedException(Reason.PROVIDER_REFUSED, "The identity provider sent no authorization code");
        }
        Map<String, Object> tokens = redeem(settings, code, savedState);
        if (!(tokens.get("id_token") instanceof String idToken)) {
            throw new LoginFailedException(Reason.INVALID_TOKEN, "The token endpoint answered without an ID token");
        }
        JWTClaimsSet claims = validator.validate(idToken, settings, savedState.attributes().get(NONCE));
        String email = string(claims.getClaim("email"));
        Boolean verified = bool(claims.getClaim("email_verified"));
        String name = string(claims.getClaim("name"));
        if (settings.userinfoEndpoint() != null && tokens.get("access_token") instanceof String accessToken) {
            Map<String, Object> userinfo = userinfo(settings.userinfoEndpoint(), accessToken);
            if (!claims.getSubject().equals(userinfo.get("sub"))) {
                throw new LoginFailedException(Reason.INVALID_TOKEN, "The userinfo answer is about another subject");
            }
            if (email == null) {
                email = string(userinfo.get("email"));
                verified = bool(userinfo.get("email_verified"));
            } else if (verified == null && email.equals(userinfo.get("email"))) {
                verified = bool(userinfo.get("email_verified"));
            }
            name = name != null ? name : string(userinfo.get("name"));
        }
        return new VerifiedIdentity(claims.getSubject(), email, Boolean.TRUE.equals(verified), name, idToken);
    }

    @Override
    public Optional<URI> logoutUri(Config config, String idTokenHint, URI postLogoutRedirect) {
        OidcSettings settings;
        try {
            settings = OidcSettings.of(config);
        } catch (LoginFailedException e) {
            return Optional.empty();
        }
        URI endSession = settings.endSessionEndpoint();
        String issuer = settings.issuer() != null ? settings.issuer() : discovery.inferredIssuer(settings.authorizationEndpoint());
        if (endSession == null && issuer != null) {
            ProviderMetadata cached = discovery.cached(issuer);
            endSession = cached == null ? null : cached.endSessionEndpoint();
        }
        if (endSession == null) {
            return Optional.empty();
        }
        Map<String, String> query = new LinkedHashMap<>();
        if (idTokenHint != null) {
            query.put("id_token_hint", idTokenHint);
        }
        query.put("client_id", settings.clientId());
        URI redirect = postLogoutRedirect != null ? postLogoutRedirect : settings.postLogoutRedirect();
        if (redirect != null) {
            query.put("post_logout_redirect_uri", redirect.toString());
        }
        return Optional.of(withQuery(endSession, query));
    }

    private OidcSettings resolved(Config config) {
        OidcSettings settings = OidcSettings.of(config);
        if (settings.issuer() == null) {
            if (settings.authorizationEndpoint() == null) {
                throw new LoginFailedException(Reason.PROVIDER_MISCONFIGURED,
                        "The identity provider has neither an issuer nor an authorization endpoint set");
            }
            settings = settings.withIssuer(discovery.inferIssuer(settings.authorizationEndpoint()));
        }
        if (settings.needsDiscovery()) {
            settings = settings.completedBy(discovery.get(settings.issuer()));
        }
        return settings.requireLoginEndpoints();
    }

    private Map<String, Object> redeem(OidcSettings settings, String code, LoginRedirect savedState) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", savedState.attributes().get(REDIRECT_URI));
        form.put("code_verifier", savedState.attributes().get(CODE_VERIFIER));
        String basic = null;
        if (settings.clientSecretPost()) {
            form.put("client_id", settings.clientId());
            form.put("client_secret", settings.clientSecret());
        } else {
            // RFC 6749 2.3.1: both parts form-encoded before base64.
            String pair = ProviderHttp.encode(settings.clientId()) + ":" + ProviderHttp.encode(settings.clientSecret());
            basic = "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        }
        ProviderHttp.JsonAnswer answer = http.postForm(settings.tokenEndpoint(), form, basic);
        if (answer.status() == 200) {
            return answer.body();
        }
        Object error = answer.body().get("error");
        if (answer.status() >= 400 && answer.status() < 500 && error instanceof String e) {
            String hint = e.equals("invalid_grant") ? ": the authorization code expired or was already used"
                    : e.equals("invalid_client") ? ": the client ID or secret is wrong" : "";
            throw new LoginFailedException(Reason.CODE_REJECTED, "The identity provider refused the authorization code ("
                    + IdTokenValidator.abbreviate(e) + ")" + hint);
        }
        throw ProviderHttp.unavailable(settings.tokenEndpoint(), "answered HTTP " + answer.status(), null);
    }

    private Map<String, Object> userinfo(URI endpoint, String accessToken) {
        ProviderHttp.JsonAnswer answer = http.get(endpoint, accessToken);
        if (answer.status() != 200 || answer.body().isEmpty()) {
            throw ProviderHttp.unavailable(endpoint, "answered HTTP " + answer.status() + " without user information", null);
        }
        return answer.body();
    }

    private static URI withQuery(URI base, Map<String, String> parameters) {
        StringJoiner query = new StringJoiner("&");
        parameters.forEach((k, v) -> query.add(ProviderHttp.encode(k) + "=" + ProviderHttp.encode(v)));
        String raw = base.toString();
        int fragment = raw.indexOf('#');
        if (fragment >= 0) {
            raw = raw.substring(0, fragment);
        }
        return URI.create(raw + (base.getRawQuery() == null ? "?" : "&") + query);
    }

    private static String string(Object value) {
        return value instanceof String s && !s.isBlank() ? s.trim() : null;
    }

    /** {@code email_verified} as a boolean; some providers send the string "true". Null when absent. */
    private static Boolean bool(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s) {
            return Boolean.parseBoolean(s.trim());
        }
        return null;
    }

}
