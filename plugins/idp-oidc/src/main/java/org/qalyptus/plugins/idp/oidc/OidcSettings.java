package org.qalyptus.plugins.idp.oidc;

import java.net.URI;
import java.util.List;
import org.qalyptus.spi.config.Config;
import org.qalyptus.spi.config.ConfigField;
import org.qalyptus.spi.config.ConfigFieldType;
import org.qalyptus.spi.identity.LoginFailedException;
import org.qalyptus.spi.identity.LoginFailedException.Reason;

/**
 * The settings of one provider as configured. Endpoints given explicitly win over the discovery document;
 * the issuer is required because the ID token's {@code iss} must be checked against it.
 */
record OidcSettings(String issuer, String clientId, String clientSecret, URI authorizationEndpoint,
        URI tokenEndpoint, URI userinfoEndpoint, URI endSessionEndpoint, URI jwksUri, URI postLogoutRedirect,
        String scopes, boolean clientSecretPost) {

    static final String CLIENT_SECRET_BASIC = "client_secret_basic";
    static final String CLIENT_SECRET_POST = "client_secret_post";

    static final List<ConfigField> FIELDS = List.of(
            ConfigField.of("issuer", "Issuer", ConfigFieldType.URL).withDescription(
                    "The provider's issuer identifier; its /.well-known/openid-configuration supplies the endpoints "
                            + "not given below, and the ID token's issuer is checked against it. When not set, it is "
                            + "found from the authorization endpoint (a discovery document next to it that names it)."),
            ConfigField.of("clientId", "Client ID", ConfigFieldType.STRING).asRequired(),
            ConfigField.of("clientSecret", "Client secret", ConfigFieldType.STRING).asRequired().asSecret(),
            ConfigField.of("authorizationEndpoint", "Authorization endpoint", ConfigFieldType.URL),
            ConfigField.of("tokenEndpoint", "Token endpoint", ConfigFieldType.URL),
            ConfigField.of("userinfoEndpoint", "Userinfo endpoint", ConfigFieldType.URL),
            ConfigField.of("endSessionEndpoint", "Logout (end session) endpoint", ConfigFieldType.URL),
            ConfigField.of("jwksUri", "Signing keys (JWKS) URL", ConfigFieldType.URL),
            ConfigField.of("postLogoutRedirectUrl", "Post-logout redirect URL", ConfigFieldType.URL),
            ConfigField.of("scopes", "Scopes", ConfigFieldType.STRING).withDefault("openid email profile"),
            ConfigField.select("tokenEndpointAuthMethod", "Client authentication", CLIENT_SECRET_BASIC, CLIENT_SECRET_POST)
                    .withDefault(CLIENT_SECRET_BASIC));

    /** The settings as configured; {@link #issuer()} is null when not set (see {@link #withIssuer}). */
    static OidcSettings of(Config config) {
        String issuer = config.string("issuer").map(String::trim).filter(s -> !s.isEmpty())
                .map(OidcSettings::withoutTrailingSlash).orElse(null);
        String scopes = config.string("scopes").orElse("openid email profile");
        if (!List.of(scopes.split("\\s+")).contains("openid")) {
            scopes = "openid " + scopes;
        }
        return new OidcSettings(issuer, config.requireString("clientId"), config.requireString("clientSecret"),
                uri(config, "authorizationEndpoint"), uri(config, "tokenEndpoint"), uri(config, "userinfoEndpoint"),
                uri(config, "endSessionEndpoint"), uri(config, "jwksUri"), uri(config, "postLogoutRedirectUrl"),
                scopes.trim(), CLIENT_SECRET_POST.equals(config.string("tokenEndpointAuthMethod").orElse(null)));
    }

    /** These settings with the issuer found for them (settings of the reference's fields only have none). */
    OidcSettings withIssuer(String found) {
        return new OidcSettings(found, clientId, clientSecret, authorizationEndpoint, tokenEndpoint, userinfoEndpoint,
                endSessionEndpoint, jwksUri, postLogoutRedirect, scopes, clientSecretPost);
    }

    /** Whether the discovery document is needed to sign in (some required endpoint is not given). */
    boolean needsDiscovery() {
        return authorizationEndpoint == null || tokenEndpoint == null || jwksUri == null;
    }

    /** These settings with the endpoints they lack taken from the provider's discovery document. */
    OidcSettings completedBy(ProviderMetadata metadata) {
        return new OidcSettings(issuer, clientId, clientSecret,
                or(authorizationEndpoint, metadata.authorizationEndpoint()), or(tokenEndpoint, metadata.tokenEndpoint()),
                or(userinfoEndpoint, metadata.userinfoEndpoint()), or(endSessionEndpoint, metadata.endSessionEndpoint()),
                or(jwksUri, metadata.jwksUri()), postLogoutRedirect, scopes, clientSecretPost);
    }

    /** Fails with a clear message when an endpoint the login needs is still unknown. */
    OidcSettings requireLoginEndpoints() {
        String missing = authorizationEndpoint == null ? "authorization endpoint"
                : tokenEndpoint == null ? "token endpoint" : jwksUri == null ? "signing keys (JWKS) URL" : null;
        if (missing != null) {
            throw new LoginFailedException(Reason.PROVIDER_MISCONFIGURED,
                    "The identity provider's " + missing + " is neither set nor in its discovery document");
        }
        return this;
    }

    private static URI or(URI explicit, URI discovered) {
        return explicit != null ? explicit : discovered;
    }

    private static URI uri(Config config, String name) {
        return config.string(name).map(String::trim).map(URI::create).orElse(null);
    }

    static String withoutTrailingSlash(String issuer) {
        return issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    }
}
