package org.qalyptus.plugins.idp.oidc;

import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.qalyptus.spi.identity.LoginFailedException;
import org.qalyptus.spi.identity.LoginFailedException.Reason;

/**
 * Checks an ID token (OpenID Connect Core 3.1.3.7): a signature by one of the provider's published keys with an
 * asymmetric algorithm of the allow-list (never {@code none}, never HMAC: a public key must not be usable as a
 * shared secret), the issuer, the audience (and {@code azp} when there are several), expiry and issue time
 * within a small clock skew, and the nonce of this login.
 */
final class IdTokenValidator {

    static final Set<JWSAlgorithm> ALLOWED_ALGORITHMS = Set.of(
            JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512,
            JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private final SigningKeys keys;
    private final Clock clock;

    IdTokenValidator(SigningKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    JWTClaimsSet validate(String idToken, OidcSettings settings, String expectedNonce) {
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(idToken);
        } catch (ParseException e) {
            // Unsigned ("alg": "none") and encrypted tokens end here too: neither parses as a signed JWT.
            throw invalid("The ID token is not a signed JWT");
        }
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        if (!ALLOWED_ALGORITHMS.contains(alg)) {
            throw invalid("The ID token is signed with " + alg + ", which is not accepted (allowed: RSA and ECDSA signatures)");
        }
        verifySignature(jwt, settings.jwksUri(), alg);
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw invalid("The ID token's claims could not be read");
        }
        checkClaims(claims, settings, expectedNonce);
        return claims;
    }

    private void verifySignature(SignedJWT jwt, URI jwksUri, JWSAlgorithm alg) {
        String kid = jwt.getHeader().getKeyID();
        List<JWK> candidates = keys.candidates(jwksUri, kid, alg);
        if (candidates.isEmpty()) {
            throw new LoginFailedException(Reason.UNKNOWN_SIGNING_KEY, "The ID token is signed by a key the provider "
                    + "does not publish" + (kid == null ? "" : " (key id '" + abbreviate(kid) + "')"));
        }
        for (JWK candidate : candidates) {
            try {
                if (jwt.verify(verifier(candidate))) {
                    return;
                }
            } catch (JOSEException e) {
                // an unusable key (e.g. too short for the algorithm): try the next one
            }
        }
        throw invalid("The ID token's signature does not verify with the provider's key");
    }

    private static JWSVerifier verifier(JWK key) throws JOSEException {
        if (key instanceof RSAKey rsa) {
            return new RSASSAVerifier(rsa);
        }
        if (key instanceof ECKey ec) {
            return new ECDSAVerifier(ec);
        }
        throw new JOSEException("unsupported key type " + key.getKeyType());
    }

    private void checkClaims(JWTClaimsSet claims, OidcSettings settings, String expectedNonce) {
        if (!settings.issuer().equals(claims.getIssuer() == null ? null : OidcSettings.withoutTrailingSlash(claims.getIssuer()))) {
            throw invalid("The ID token was issued by '" + abbreviate(String.valueOf(claims.getIssuer()))
                    + "', not by the configured issuer");
        }
        List<String> audience = claims.getAudience();
        if (audience == null || !audience.contains(settings.clientId())) {
            throw new LoginFailedException(Reason.WRONG_AUDIENCE, "The ID token was issued for another client (audience "
                    + abbreviate(String.valueOf(audience)) + ")");
        }
        Object azp = claims.getClaim("azp");
        if ((audience.size() > 1 || azp != null) && !settings.clientId().equals(azp)) {
            throw new LoginFailedException(Reason.WRONG_AUDIENCE, "The ID token's authorized party is not this client");
        }
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw invalid("The ID token has no expiry");
        }
        if (exp.toInstant().plus(CLOCK_SKEW).isBefore(now)) {
            throw new LoginFailedException(Reason.TOKEN_EXPIRED, "The ID token expired at " + exp.toInstant());
        }
        Date iat = claims.getIssueTime();
        if (iat != null && iat.toInstant().minus(CLOCK_SKEW).isAfter(now)) {
            throw new LoginFailedException(Reason.TOKEN_EXPIRED, "The ID token is issued in the future ("
                    + iat.toInstant() + "): check the clocks");
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && nbf.toInstant().minus(CLOCK_SKEW).isAfter(now)) {
            throw new LoginFailedException(Reason.TOKEN_EXPIRED, "The ID token is not valid before " + nbf.toInstant());
        }
        if (claims.getSubject() == null || claims.getSubject().isBlank()) {
            throw invalid("The ID token names no subject");
        }
        if (!expectedNonce.equals(claims.getClaim("nonce"))) {
            throw invalid("The ID token's nonce is not the one of this sign-in (a replayed token?)");
        }
    }

    private static LoginFailedException invalid(String message) {
        return new LoginFailedException(Reason.INVALID_TOKEN, message);
    }

    static String abbreviate(String value) {
        String clean = value.replaceAll("[\\p{Cntrl}]", "?");
        return clean.length() > 80 ? clean.substring(0, 80) + "..." : clean;
    }
}
