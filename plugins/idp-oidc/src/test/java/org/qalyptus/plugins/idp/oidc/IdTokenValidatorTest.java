package org.qalyptus.plugins.idp.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qalyptus.spi.identity.LoginFailedException;
import org.qalyptus.spi.identity.LoginFailedException.Reason;

/** The ID token rules, against a key set served over HTTP as providers do. */
class IdTokenValidatorTest {

    private static final String ISSUER = "https://idp.test";
    private static final String CLIENT = "qalyptus";
    private static final String NONCE = "n-1";

    private HttpServer jwks;
    private volatile RSAKey published;
    private final AtomicInteger fetches = new AtomicInteger();
    private OidcSettings settings;
    private IdTokenValidator validator;

    @BeforeEach
    void start() throws Exception {
        published = key();
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwks.createContext("/jwks", exchange -> {
            fetches.incrementAndGet();
            byte[] body = new JWKSet(published.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwks.start();
        URI uri = URI.create("http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks");
        settings = new OidcSettings(ISSUER, CLIENT, "secret", null, null, null, null, uri, null, "openid", false);
        validator = new IdTokenValidator(new SigningKeys(new ProviderHttp(), Clock.systemUTC(), 1, Duration.ofMinutes(10)),
                Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        jwks.stop(0);
    }

    private static RSAKey key() throws Exception {
        return new RSAKeyGenerator(2048).keyID(java.util.UUID.randomUUID().toString()).generate();
    }

    private static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(CLIENT).subject("s-1").claim("nonce", NONCE)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)));
    }

    private static String signed(RSAKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private void refused(String token, Reason reason) {
        assertThatThrownBy(() -> validator.validate(token, settings, NONCE))
                .isInstanceOfSatisfying(LoginFailedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    void aTokenSignedByThePublishedKeyWithTheRightClaimsIsAccepted() throws Exception {
        assertThat(validator.validate(signed(published, claims().build()), settings, NONCE).getSubject()).isEqualTo("s-1");
    }

    @Test
    void unsignedAndHmacTokensAreRefusedWhateverTheirClaims() throws Exception {
        refused(new PlainJWT(claims().build()).serialize(), Reason.INVALID_TOKEN);
        // The classic confusion: HMAC keyed with the provider's public key, which anyone can fetch.
        SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(published.getKeyID()).build(), claims().build());
        hmac.sign(new MACSigner(published.toPublicJWK().toRSAPublicKey().getEncoded()));
        refused(hmac.serialize(), Reason.INVALID_TOKEN);
    }

    @Test
    void eachClaimIsChecked() throws Exception {
        refused(signed(published, claims().audience("someone-else").build()), Reason.WRONG_AUDIENCE);
        refused(signed(published, claims().audience(List.of(CLIENT, "other")).build()), Reason.WRONG_AUDIENCE);
        refused(signed(published, claims().issuer("https://evil.test").build()), Reason.INVALID_TOKEN);
        refused(signed(published, claims().claim("nonce", "other").build()), Reason.INVALID_TOKEN);
        refused(signed(published, claims().expirationTime(Date.from(Instant.now().minusSeconds(120))).build()), Reason.TOKEN_EXPIRED);
        assertThat(validator.validate(signed(published, claims().expirationTime(Date.from(Instant.now().minusSeconds(30))).build()),
                settings, NONCE)).as("within the clock skew").isNotNull();
    }

    @Test
    void anUnknownKeyRefetchesOnceThenTheRateLimitHolds() throws Exception {
        validator.validate(signed(published, claims().build()), settings, NONCE);
        assertThat(fetches.get()).isEqualTo(1);
        published = key();
        assertThat(validator.validate(signed(published, claims().build()), settings, NONCE)).as("rotated key").isNotNull();
        assertThat(fetches.get()).isEqualTo(2);
        refused(signed(key(), claims().build()), Reason.UNKNOWN_SIGNING_KEY);
        assertThat(fetches.get()).as("no refetch: the bucket (1 token, 10 minutes) is empty").isEqualTo(2);
    }
}
