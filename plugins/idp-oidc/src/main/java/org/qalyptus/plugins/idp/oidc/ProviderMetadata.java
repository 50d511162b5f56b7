package org.qalyptus.plugins.idp.oidc;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

        /** The most issuer locations tried for one authorization endpoint (its path prefixes, longest first). */
        static final int MAX_ISSUER_CANDIDATES = 6;

        private final Map<String, Entry> byIssuer = new ConcurrentHashMap<>();
        private final Map<URI, String> issuerByAuthorizationEndpoint = new ConcurrentHashMap<>();
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

        /**
         * The issuer of a provider configured with the reference's fields only (explicit endpoints, no issuer):
         * the first path prefix of its authorization endpoint (longest first, down to the bare origin) that serves
         * a discovery document naming itself as issuer AND this very authorization endpoint. That covers the
         * usual layouts (Keycloak {@code /realms/x/protocol/openid-connect/auth}, Okta {@code
         * /oauth2/default/v1/authorize}, Auth0 and Spring Authorization Server at the root). The document must
         * come from the authorization endpoint's own origin and name that endpoint, so it speaks for the provider
         * the administrator configured. Found issuers are remembered; a provider that cannot be reached fails
         * the sign-in as unavailable, one that serves no matching document as misconfigured.
         */
        String inferIssuer(URI authorizationEndpoint) {
            String known = issuerByAuthorizationEndpoint.get(authorizationEndpoint);
            if (known != null) {
                return known;
            }
            for (String candidate : issuerCandidates(authorizationEndpoint)) {
                URI uri = URI.create(candidate + "/.well-known/openid-configuration");
                ProviderHttp.JsonAnswer answer = http.get(uri, null);
                if (answer.status() != 200 || !(answer.body().get("issuer") instanceof String announced)
                        || !OidcSettings.withoutTrailingSlash(announced).equals(candidate)) {
                    continue;
                }
                URI announcedAuthorization = endpoint(answer.body(), "authorization_endpoint");
                if (announcedAuthorization == null || !sameEndpoint(announcedAuthorization, authorizationEndpoint)) {
                    continue;
                }
                byIssuer.put(candidate, new Entry(metadataOf(candidate, answer.body()), clock.instant()));
                issuerByAuthorizationEndpoint.put(authorizationEndpoint, candidate);
                return candidate;
            }
            throw new LoginFailedException(Reason.PROVIDER_MISCONFIGURED, "The identity provider has no issuer set, and "
                    + "no discovery document next to its authorization endpoint " + authorizationEndpoint
                    + " names it: set the issuer");
        }

        /** The issuer found earlier for this authorization endpoint, without calling the provider; or null. */
        String inferredIssuer(URI authorizationEndpoint) {
            return authorizationEndpoint == null ? null : issuerByAuthorizationEndpoint.get(authorizationEndpoint);
        }

        static List<String> issuerCandidates(URI authorizationEndpoint) {
            List<String> candidates = new ArrayList<>();
            String scheme = authorizationEndpoint.getScheme();
            if (scheme == null || authorizationEndpoint.getRawAuthority() == null
                    || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))) {
                return candidates;
            }
            String origin = scheme.toLowerCase(java.util.Locale.ROOT) + "://" + authorizationEndpoint.getRawAuthority();
            String path = authorizationEndpoint.getRawPath() == null ? "" : authorizationEndpoint.getRawPath();
            List<String> segments = java.util.Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
            // every prefix without the endpoint's own last segment, longest first, then the bare origin
            for (int end = segments.size() - 1; end >= 0 && candidates.size() < MAX_ISSUER_CANDIDATES; end--) {
                candidates.add(origin + (end == 0 ? "" : "/" + String.join("/", segments.subList(0, end))));
            }
            return candidates;
        }

        private static boolean sameEndpoint(URI a, URI b) {
            return OidcSettings.withoutTrailingSlash(a.toString()).equalsIgnoreCase(OidcSettings.withoutTrailingSlash(b.toString()));
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
            return metadataOf(issuer, json);
        }

        private static ProviderMetadata metadataOf(String issuer, Map<String, Object> json) {
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
