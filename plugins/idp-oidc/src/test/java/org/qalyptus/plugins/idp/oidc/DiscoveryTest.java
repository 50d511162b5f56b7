package org.qalyptus.plugins.idp.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qalyptus.spi.identity.LoginFailedException;
import org.qalyptus.spi.identity.LoginFailedException.Reason;

/**
 * Discovery documents, and the issuer of a provider configured with the reference's fields only (explicit
 * endpoints, no issuer), found next to its authorization endpoint; plus the PKCE challenge.
 */
class DiscoveryTest {

    private HttpServer server;
    private String origin;
    /** path of a discovery document -> its body */
    private final Map<String, String> documents = new ConcurrentHashMap<>();
    private final List<String> requested = new CopyOnWriteArrayList<>();
    private ProviderMetadata.Cache cache;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requested.add(path);
            String body = documents.get(path);
            byte[] bytes = (body == null ? "not found" : body).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        origin = "http://127.0.0.1:" + server.getAddress().getPort();
        cache = new ProviderMetadata.Cache(new ProviderHttp(), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void publish(String issuerPath, String announcedIssuer, String authorizationEndpoint) {
        documents.put(issuerPath + "/.well-known/openid-configuration", "{\"issuer\":\"" + announcedIssuer + "\","
                + "\"authorization_endpoint\":\"" + authorizationEndpoint + "\",\"token_endpoint\":\"" + origin + "/token\","
                + "\"jwks_uri\":\"" + origin + "/jwks\",\"end_session_endpoint\":\"" + origin + "/logout\"}");
    }

    @Test
    void theIssuerCandidatesAreThePrefixesOfTheAuthorizationEndpointLongestFirst() {
        assertThat(ProviderMetadata.Cache.issuerCandidates(URI.create("https://kc.example/realms/acme/protocol/openid-connect/auth")))
                .containsExactly("https://kc.example/realms/acme/protocol/openid-connect", "https://kc.example/realms/acme/protocol",
                        "https://kc.example/realms/acme", "https://kc.example/realms", "https://kc.example");
        assertThat(ProviderMetadata.Cache.issuerCandidates(URI.create("https://tenant.auth0.example/authorize")))
                .containsExactly("https://tenant.auth0.example");
        assertThat(ProviderMetadata.Cache.issuerCandidates(URI.create("ftp://x.example/authorize"))).isEmpty();
    }

    @Test
    void anIssuerNotSetIsFoundNextToTheAuthorizationEndpointAndRemembered() {
        String authorization = origin + "/realms/acme/protocol/openid-connect/auth";
        publish("/realms/acme", origin + "/realms/acme/", authorization);
        assertThat(cache.inferIssuer(URI.create(authorization))).isEqualTo(origin + "/realms/acme");
        assertThat(cache.cached(origin + "/realms/acme").endSessionEndpoint()).hasToString(origin + "/logout");
        int calls = requested.size();
        assertThat(cache.inferIssuer(URI.create(authorization))).isEqualTo(origin + "/realms/acme");
        assertThat(requested).as("remembered").hasSize(calls);
        assertThat(cache.inferredIssuer(URI.create(authorization))).isEqualTo(origin + "/realms/acme");
    }

    @Test
    void aDiscoveryDocumentThatDoesNotNameTheAuthorizationEndpointOrItselfIsNotTaken() {
        String authorization = origin + "/oauth2/authorize";
        publish("", origin, origin + "/another/authorize");
        publish("/oauth2", "https://elsewhere.example", authorization);
        assertThatThrownBy(() -> cache.inferIssuer(URI.create(authorization)))
                .isInstanceOfSatisfying(LoginFailedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.PROVIDER_MISCONFIGURED);
                    assertThat(e.getMessage()).contains("set the issuer");
                });
        assertThat(cache.inferredIssuer(URI.create(authorization))).isNull();
    }

    @Test
    void aDiscoveryDocumentNamingAnotherIssuerIsRefused() {
        publish("", "https://elsewhere.example", origin + "/authorize");
        assertThatThrownBy(() -> cache.get(origin)).isInstanceOfSatisfying(LoginFailedException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.PROVIDER_MISCONFIGURED));
    }

    @Test
    void aProviderThatCannotBeReachedIsUnavailable() {
        server.stop(0);
        assertThatThrownBy(() -> cache.inferIssuer(URI.create(origin + "/authorize")))
                .isInstanceOfSatisfying(LoginFailedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.PROVIDER_UNAVAILABLE));
    }

    @Test
    void thePkceChallengeIsS256OfTheVerifier() {
        // base64url(SHA-256(verifier)) without padding, computed independently (Python hashlib)
        assertThat(Randoms.s256Challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFrT7Ezzg"))
                .isEqualTo("z5w9Aoc6SoII93xvV41bGJF6K7FqczNjDzBn9RhWOFg");
        assertThat(Randoms.token()).hasSize(43).isNotEqualTo(Randoms.token());
    }
}
