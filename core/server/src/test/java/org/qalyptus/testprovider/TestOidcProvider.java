package org.qalyptus.testprovider;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A real OpenID Connect provider (Spring Authorization Server) in its own application context on a free port,
 * for the sign-in tests. Its keys can be rotated, it can sign with a key it does not publish, and it can issue ID
 * tokens for another audience, issuer or nonce, already expired, or without the email (then only its userinfo
 * endpoint tells it); its discovery document can be made to fail, and discovery and userinfo calls are counted.
 * Users: the usernames of the map given to {@link #start}, each with its email; those starting with {@code mallory}
 * have an unverified email; password {@value #PASSWORD}.
 *
 * <p>Outside the {@code org.qalyptus.server} packages on purpose: the product's component scan must not find it.
 */
public final class TestOidcProvider implements AutoCloseable {

    public static final String CLIENT_ID = "qalyptus";
    public static final String SHORT_CODE_CLIENT_ID = "qalyptus-short-code";
    public static final String CLIENT_SECRET = "provider-client-secret";
    public static final String PASSWORD = "pw";

    /** What the tests change while the provider runs. */
    public static final class Knobs {
        final Map<String, String> emails;
        volatile RSAKey published = newKey();
        volatile RSAKey signing = published;
        public volatile List<String> audienceOverride;
        /** ID tokens name another issuer / carry another nonce / expired ten minutes ago. */
        public volatile String issuerOverride;
        public volatile String nonceOverride;
        public volatile boolean expiredIdTokens;
        /** ID tokens carry no email: only the userinfo endpoint tells it. */
        public volatile boolean emailOnlyInUserinfo;
        /** The discovery document answers 503. */
        public volatile boolean discoveryDown;
        public final AtomicInteger discoveryRequests = new AtomicInteger();
        public final AtomicInteger userinfoRequests = new AtomicInteger();

        Knobs(Map<String, String> emails) {
            this.emails = emails;
        }

        /** A new key signs and is published; the old one is no longer published. */
        public void rotate() {
            published = newKey();
            signing = published;
        }

        public void signWithUnpublishedKey() {
            signing = newKey();
        }

        public void signNormally() {
            signing = published;
            audienceOverride = null;
            issuerOverride = null;
            nonceOverride = null;
            expiredIdTokens = false;
            emailOnlyInUserinfo = false;
            discoveryDown = false;
        }

        String emailOf(String user) {
            return emails.get(user);
        }

        boolean verified(String user) {
            return !user.startsWith("mallory");
        }

        String nameOf(String user) {
            return user.substring(0, 1).toUpperCase() + user.substring(1) + " Example";
        }

        private static RSAKey newKey() {
            try {
                return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    public final Knobs knobs;
    private final ConfigurableApplicationContext context;
    public final String issuer;

    private TestOidcProvider(ConfigurableApplicationContext context, Knobs knobs) {
        this.context = context;
        this.knobs = knobs;
        this.issuer = "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /**
     * @param redirectUri the product's callback URL registered for both clients
     * @param postLogoutRedirectUri registered for RP-initiated logout
     * @param emails username -> email
     */
    public static TestOidcProvider start(String redirectUri, String postLogoutRedirectUri, Map<String, String> emails) {
        Knobs knobs = new Knobs(emails);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
                .initializers(c -> {
                    c.getBeanFactory().registerSingleton("knobs", knobs);
                    c.getBeanFactory().registerSingleton("clients", clients(redirectUri, postLogoutRedirectUri));
                })
                .properties("spring.config.name=test-oidc-provider", "server.port=0", "spring.main.banner-mode=off",
                        "logging.level.root=WARN")
                .run();
        return new TestOidcProvider(context, knobs);
    }

    private static RegisteredClientRepository clients(String redirectUri, String postLogoutRedirectUri) {
        return new InMemoryRegisteredClientRepository(client(CLIENT_ID, Duration.ofMinutes(5), redirectUri, postLogoutRedirectUri),
                client(SHORT_CODE_CLIENT_ID, Duration.ofSeconds(1), redirectUri, postLogoutRedirectUri));
    }

    private static RegisteredClient client(String id, Duration codeLifetime, String redirectUri, String postLogoutRedirectUri) {
        return RegisteredClient.withId(id).clientId(id).clientSecret("{noop}" + secretOf(id))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(redirectUri)
                .postLogoutRedirectUri(postLogoutRedirectUri)
                .scope(OidcScopes.OPENID).scope(OidcScopes.EMAIL).scope(OidcScopes.PROFILE)
                .clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).requireProofKey(true).build())
                .tokenSettings(TokenSettings.builder().authorizationCodeTimeToLive(codeLifetime).build())
                .build();
    }

    /** Each client's secret (Spring Authorization Server refuses two clients with the same one). */
    public static String secretOf(String clientId) {
        return CLIENT_SECRET + "-" + clientId;
    }

    @Override
    public void close() {
        context.close();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableWebSecurity
    @ImportAutoConfiguration({TomcatServletWebServerAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
            WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class})
    static class App {

        @Bean
        @Order(1)
        SecurityFilterChain authorizationServer(HttpSecurity http, Knobs knobs) throws Exception {
            http.oauth2AuthorizationServer(server -> {
                        http.securityMatcher(server.getEndpointsMatcher());
                        server.oidc(oidc -> oidc.userInfoEndpoint(userinfo -> userinfo.userInfoMapper(context -> {
                            String user = context.getAuthorization().getPrincipalName();
                            knobs.userinfoRequests.incrementAndGet();
                            return OidcUserInfo.builder().subject(user).email(knobs.emailOf(user))
                                    .emailVerified(knobs.verified(user)).name(knobs.nameOf(user)).build();
                        })));
                    })
                    .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                    .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
                            new MediaTypeRequestMatcher(MediaType.TEXT_HTML)))
                    .oauth2ResourceServer(r -> r.jwt(Customizer.withDefaults()));
            return http.build();
        }

        @Bean
        @Order(2)
        SecurityFilterChain login(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(a -> a.anyRequest().authenticated()).formLogin(Customizer.withDefaults());
            return http.build();
        }

        @Bean
        UserDetailsService users(Knobs knobs) {
            return new InMemoryUserDetailsManager(knobs.emails.keySet().stream()
                    .map(name -> User.withUsername(name).password("{noop}" + PASSWORD).roles("USER").build()).toList());
        }

        /**
         * Counts discovery requests, and answers 503 to them while the tests say the discovery is down; first of all
         * filters, since the authorization server's own filter answers the discovery request.
         */
        @Bean
        FilterRegistrationBean<OncePerRequestFilter> discoveryKnobs(Knobs knobs) {
            FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
                @Override
                protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                        throws ServletException, IOException {
                    if (request.getRequestURI().endsWith("/.well-known/openid-configuration")) {
                        knobs.discoveryRequests.incrementAndGet();
                        if (knobs.discoveryDown) {
                            response.sendError(503);
                            return;
                        }
                    }
                    chain.doFilter(request, response);
                }
            });
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }

        @Bean
        AuthorizationServerSettings authorizationServerSettings() {
            return AuthorizationServerSettings.builder().build();
        }

        /** What the key set endpoint publishes. */
        @Bean
        JWKSource<SecurityContext> jwkSource(Knobs knobs) {
            return (selector, context) -> selector.select(new JWKSet(knobs.published.toPublicJWK()));
        }

        /** Signs with the signing key, which the tests may make differ from the published one. */
        @Bean
        JwtEncoder jwtEncoder(Knobs knobs) {
            return new NimbusJwtEncoder((selector, context) -> selector.select(new JWKSet(knobs.signing)));
        }

        @Bean
        JwtDecoder jwtDecoder(JWKSource<SecurityContext> published) {
            DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, published));
            return new NimbusJwtDecoder(processor);
        }

        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> idTokenClaims(Knobs knobs) {
            return context -> {
                if (!OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
                    return;
                }
                String user = context.getPrincipal().getName();
                if (!knobs.emailOnlyInUserinfo) {
                    context.getClaims().claim("email", knobs.emailOf(user)).claim("email_verified", knobs.verified(user))
                            .claim("name", knobs.nameOf(user));
                }
                if (knobs.audienceOverride != null) {
                    context.getClaims().audience(knobs.audienceOverride);
                }
                if (knobs.issuerOverride != null) {
                    context.getClaims().issuer(knobs.issuerOverride);
                }
                if (knobs.nonceOverride != null) {
                    context.getClaims().claim("nonce", knobs.nonceOverride);
                }
                if (knobs.expiredIdTokens) {
                    Instant now = Instant.now();
                    context.getClaims().issuedAt(now.minus(Duration.ofMinutes(20))).expiresAt(now.minus(Duration.ofMinutes(10)));
                }
            };
        }
    }
}
