package org.qalyptus.plugins.idp.oidc;

import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import org.qalyptus.spi.identity.LoginFailedException;
import org.qalyptus.spi.identity.LoginFailedException.Reason;

/**
 * The providers' published signing keys (JWKS), per key set URL. Keys are refetched when the cached set is
 * older than {@link #MAX_AGE}, and when a token names a key the cached set lacks (the provider rotated its
 * keys). Those refetches are rate-limited per key set by a small token bucket, so tokens naming made-up keys
 * cannot make the server hammer the provider: {@code burst} refetches at once, then one per {@code refill}.
 */
final class SigningKeys {

    static final Duration MAX_AGE = Duration.ofHours(1);

    private final ProviderHttp http;
    private final Clock clock;
    private final int burst;
    private final Duration refill;
    private final Map<URI, KeySet> sets = new ConcurrentHashMap<>();

    SigningKeys(ProviderHttp http, Clock clock, int burst, Duration refill) {
        this.http = http;
        this.clock = clock;
        this.burst = burst;
        this.refill = refill;
    }

    /**
     * The keys that may have signed a token with this header: matching kid (any key when the token names none),
     * a key type fitting the algorithm, and a use and algorithm that do not exclude signing with it.
     * Refetches the set once (rate limit permitting) when none matches.
     *
     * @return possibly empty: then no published key fits, even after refetching
     */
    List<JWK> candidates(URI jwksUri, String kid, JWSAlgorithm alg) {
        KeySet set = sets.computeIfAbsent(jwksUri, KeySet::new);
        List<JWK> found = set.current().stream().filter(k -> fits(k, kid, alg)).toList();
        if (!found.isEmpty() || !set.refetchAllowed()) {
            return found;
        }
        return set.refetch().stream().filter(k -> fits(k, kid, alg)).toList();
    }

    /** Whether the next unknown key may still trigger a refetch of this key set (for tests and logs). */
    boolean refetchAllowed(URI jwksUri) {
        KeySet set = sets.get(jwksUri);
        return set == null || set.tokensAt(clock.instant()) >= 1;
    }

    private static boolean fits(JWK key, String kid, JWSAlgorithm alg) {
        if (kid != null && !kid.equals(key.getKeyID())) {
            return false;
        }
        if (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
            return false;
        }
        if (key.getAlgorithm() != null && !key.getAlgorithm().equals(alg)) {
            return false;
        }
        KeyType wanted = JWSAlgorithm.Family.RSA.contains(alg) ? KeyType.RSA
                : JWSAlgorithm.Family.EC.contains(alg) ? KeyType.EC : null;
        return wanted != null && wanted.equals(key.getKeyType()) && !key.isPrivate();
    }

    private final class KeySet {

        private final URI uri;
        private List<JWK> keys;
        private Instant fetchedAt;
        private double tokens;
        private Instant tokensCountedAt;

        KeySet(URI uri) {
            this.uri = uri;
            this.tokens = burst;
            this.tokensCountedAt = clock.instant();
        }

        synchronized List<JWK> current() {
            if (keys == null || fetchedAt.plus(MAX_AGE).isBefore(clock.instant())) {
                fetch();
            }
            return keys;
        }

        synchronized boolean refetchAllowed() {
            return tokensAt(clock.instant()) >= 1;
        }

        synchronized List<JWK> refetch() {
            Instant now = clock.instant();
            tokens = tokensAt(now) - 1;
            tokensCountedAt = now;
            fetch();
            return keys;
        }

        synchronized double tokensAt(Instant now) {
            double earned = (double) Duration.between(tokensCountedAt, now).toMillis() / refill.toMillis();
            return Math.min(burst, tokens + Math.max(0, earned));
        }

        private void fetch() {
            ProviderHttp.JsonAnswer answer = http.get(uri, null);
            if (answer.status() != 200) {
                throw ProviderHttp.unavailable(uri, "answered HTTP " + answer.status() + " instead of its signing keys", null);
            }
            try {
                keys = JWKSet.parse(answer.body()).getKeys().stream().map(JWK::toPublicJWK).toList();
            } catch (ParseException e) {
                throw ProviderHttp.unavailable(uri, "answered a key set that could not be read", e);
            }
            fetchedAt = clock.instant();
        }
    }
}
