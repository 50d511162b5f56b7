package org.qalyptus.plugins.idp.oidc;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.qalyptus.spi.identity.LoginFailedException;
import org.qalyptus.spi.identity.LoginFailedException.Reason;

/**
 * What a provider's discovery document ({@code <issuer>/.well-known/openid-configuration}) says; any endpoint may
 * be null when the document does not name it.
 */
record ProviderMetadata(String issuer, URI authorizationEndpoint, URI tokenEndpoint, URI userinfoEndpoint,
        URI endSessionEndpoint, URI jwksUri) {

    /**
     * Discovery documents by issuer, kept for {@link #TIME_TO_LIVE}; a provider that cannot be reached when its
     * cached document expired keeps being served from the stale copy rather than failing every sign-in.
     */
    static final class Cache {

        static final Duration TIME_TO_LIVE = Duration.ofMinutes(15);

        private record Entry(ProviderMetadata metadata, Instant fetchedAt) {}

        private final Map<String, Entry> byIssuer = new ConcurrentHashMap<>();
        private final ProviderHttp http;
        private final Clock clock;

        Cache(ProviderHttp http, Clock clock) {
            this.http = http;
            this.clock = clock;
        }

        ProviderMetadata get(String issuer) {
            Entry cached = byIssuer.get(issuer);
            Instant now = clock.instant();
            if (cached != null && cached.fetchedAt().plus(TIME_TO_LIVE).isAfter(now)) {
                return cached.metadata();
            }
            try {
                ProviderMetadata fetched = fetch(issuer);
                byIssuer.put(issuer, new Entry(fetched, now));
                return fetched;
            } catch (LoginFailedException e) {
                if (cached != null && e.reason() == Reason.PROVIDER_UNAVAILABLE) {
                    return cached.metadata();
                }
                throw e;
            }
        }

        /** The cached document only, without calling the provider (for logout, which must not fail). */
        ProviderMetadata cached(String issuer) {
            Entry cached = byIssuer.get(issuer);
            return cached == null ? null : cached.metadata();
        }

        private ProviderMetadata fetch(String issuer) {
            URI uri = URI.create(issuer + "/.well-known/openid-configuration");
            ProviderHttp.JsonAnswer answer = http.get(uri, null);
            if (answer.status() != 200 || answer.body().isEmpty()) {
                throw ProviderHttp.unavailable(uri, "answered HTTP " + answer.status() + " instead of a discovery document", null);
            }
            Map<String, Object> json = answer.body();
            Object announced = json.get("issuer");
            // OpenID Connect Discovery 4.3: the document must be the issuer's own, or tokens could be mixed up.
            if (!(announced instanceof String s) || !OidcSettings.withoutTrailingSlash(s).equals(issuer)) {
                throw new LoginFailedException(Reason.PROVIDER_MISCONFIGURED, "The discovery document at " + uri
                        + " names the issuer '" + announced + "' instead of '" + issuer + "'");
            }
            return new ProviderMetadata(issuer, endpoint(json, "authorization_endpoint"), endpoint(json, "token_endpoint"),
                    endpoint(json, "userinfo_endpoint"), endpoint(json, "end_session_endpoint"), endpoint(json, "jwks_uri"));
        }

        private static URI endpoint(Map<String, Object> json, String name) {
            if (!(json.get(name) instanceof String value)) {
                return null;
            }
            try {
                URI uri = new URI(value);
                return uri.getScheme() != null && uri.getHost() != null
                        && (uri.getScheme().equals("https") || uri.getScheme().equals("http")) ? uri : null;
            } catch (URISyntaxException e) {
                return null;
            }
        }
    }
}
