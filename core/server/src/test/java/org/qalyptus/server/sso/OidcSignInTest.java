package org.qalyptus.server.sso;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import org.qalyptus.server.support.RunningServer;
import org.qalyptus.server.support.SharedServer;
import org.qalyptus.server.support.TenantFixture;
import org.qalyptus.server.support.TenantFixture.Org;
import org.qalyptus.server.support.TenantFixture.Person;
import org.qalyptus.server.auth.PasswordHasher;
import org.qalyptus.server.user.UserDocument;
import org.qalyptus.server.user.UserDocument.Membership;
import org.qalyptus.server.user.UserRepository;
import org.qalyptus.server.user.UserStatus;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.qalyptus.testprovider.TestOidcProvider;
import tools.jackson.databind.JsonNode;

/**
 * The whole browser-less sign-in through a real OpenID Connect provider (Spring Authorization Server in its own
 * context): redirects, the provider's login form, the callback, the one-time code, the session, logout; and each
 * way it can fail, which must end on the login page with its error code, an audit entry and nothing created.
 */
class OidcSignInTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final Map<String, String> EMAILS = emails("alice", "bob", "carol", "dave", "mallory", "erin", "frank",
            "grace", "heidi", "ivan", "judy", "ken", "leo", "mike", "nina", "oscar", "peggy", "mallory.victim");

    private static Map<String, String> emails(String... usernames) {
        Map<String, String> emails = new HashMap<>();
        for (String username : usernames) {
            emails.put(username, username.replace('.', '-') + "-" + RUN + "@sso.test");
        }
        return Map.copyOf(emails);
    }

    private static RunningServer server;
    private static Http http;
    private static TestOidcProvider provider;
    private static Org org;
    private static Person admin;
    private static String providerId;

    @BeforeAll
    static void start() {
        server = SharedServer.get();
        http = server.http();
        TenantFixture tenant = new TenantFixture(server);
        org = tenant.organization("Sso " + RUN);
        admin = tenant.administrator(org);
        provider = TestOidcProvider.start(http.base() + "/api/v1/auth/oidc/" + org.id() + "/callback", loggedOutPage(), EMAILS);
        Answer created = http.postJson("/api/v1/identity-providers", admin.key(), Http.json(providerSettings(TestOidcProvider.CLIENT_ID, provider.issuer)));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        providerId = created.data().get("id").asString();
        setAuthentications(true, providerId, "Viewer");
    }

    @AfterAll
    static void stop() {
        if (provider != null) {
            provider.close();
        }
    }

    @AfterEach
    void restore() {
        provider.knobs.signNormally();
    }

    private static String loggedOutPage() {
        return http.base() + "/login?organization=" + org.id();
    }

    static Map<String, Object> providerSettings(String clientId, String issuer) {
        Map<String, Object> p = new HashMap<>();
        p.put("name", "Test provider");
        p.put("type", "Oidc");
        p.put("organizationID", org.id());
        p.put("clientID", clientId);
        p.put("clientSecret", TestOidcProvider.secretOf(clientId));
        p.put("issuer", issuer);
        p.put("authorizationEndpoint", issuer + "/oauth2/authorize");
        p.put("accessTokenEndpoint", issuer + "/oauth2/token");
        p.put("userinfoEndpoint", issuer + "/userinfo");
        p.put("logoutEndpoint", issuer + "/connect/logout");
        p.put("postLogoutRedirectUrl", loggedOutPage());
        return p;
    }

    private static void updateProvider(String clientId, String issuer) {
        updateProvider(providerSettings(clientId, issuer));
    }

    private static void updateProvider(Map<String, Object> settings) {
        Answer updated = http.putJson("/api/v1/identity-providers/" + providerId, admin.key(), Http.json(settings));
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
    }

    private static void setAuthentications(boolean builtIn, String identityProvider, String defaultRole) {
        Map<String, Object> body = new HashMap<>();
        body.put("qalyptusAuth", builtIn);
        body.put("identityProvider", identityProvider);
        body.put("identityProviderDefaultRole", defaultRole);
        Answer answer = http.putJson("/api/v1/organizations/" + org.id() + "/authentications", admin.key(), Http.json(body));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    /** Signs in from the start route to the redirect back to the console's login page, which is returned. */
    private static String signIn(Browser browser) {
        return browser.walk(http.base() + "/api/v1/auth/oidc/" + org.id() + "/login", OidcSignInTest::isLoginPage);
    }

    private static boolean isLoginPage(String url) {
        return url.startsWith(http.base() + "/login");
    }

    private static String code(String loginPage) {
        assertThat(loginPage).as("the sign-in succeeded").contains("#code=");
        return URLDecoder.decode(loginPage.substring(loginPage.indexOf("#code=") + 6), StandardCharsets.UTF_8);
    }

    private static String error(String loginPage) {
        String query = URI.create(loginPage).getRawQuery();
        for (String pair : query.split("&")) {
            if (pair.startsWith("error=")) {
                return pair.substring(6);
            }
        }
        throw new AssertionError("No error in " + loginPage);
    }

    private static Answer exchange(String code) {
        return http.postJson("/api/v1/auth/oidc/exchange", null, Http.json(Map.of("code", code)));
    }

    private static JsonNode auditEntries() {
        Answer answer = http.get("/api/v1/audit-log?organizationId=" + org.id() + "&pageSize=200", admin.key());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.data().get("entries");
    }

    private static void assertRefusedAndAudited(String loginPage, String errorCode) {
        assertThat(loginPage).startsWith(http.base() + "/login?organization=" + org.id()).doesNotContain("#code=");
        assertThat(error(loginPage)).isEqualTo(errorCode);
        JsonNode newest = auditEntries().get(0);
        assertThat(newest.get("action").asString()).isEqualTo("sso.login");
        assertThat(newest.get("outcome").asString()).isEqualTo("failure");
        assertThat(newest.get("errorCode").asString()).isEqualTo(errorCode);
        assertThat(newest.get("message").asString()).isNotBlank();
    }

    private static boolean userExists(String username) {
        return server.bean(UserRepository.class).findByEmail(EMAILS.get(username)).isPresent();
    }

    // ---------------------------------------------------------------- the happy path

    @Test
    void firstSignInCreatesTheUserTheSecondMatchesItAndLogoutEndsTheSession() {
        Browser alice = new Browser("alice");
        String first = signIn(alice);
        Answer session = exchange(code(first));
        assertThat(session.status()).as(session.body()).isEqualTo(200);
        String token = session.data().get("token").asString();
        String userId = session.data().get("user").get("id").asString();
        assertThat(session.data().get("user").get("email").asString()).isEqualTo(EMAILS.get("alice"));
        JsonNode user = http.get("/api/v1/users/" + userId, admin.key()).data();
        assertThat(user.toString()).contains("Viewer");
        assertThat(http.get("/api/v1/organizations", token).status()).isEqualTo(200);
        assertThat(auditEntries().toString()).contains("sso.user.created");

        String second = signIn(alice);
        Answer again = exchange(code(second));
        assertThat(again.data().get("user").get("id").asString()).isEqualTo(userId);
        assertThat(server.bean(UserRepository.class).findByEmail(EMAILS.get("alice")).orElseThrow().memberships()).hasSize(1);

        Answer logout = http.postJson("/api/v1/auth/logout", token, "{}");
        assertThat(logout.status()).as(logout.body()).isEqualTo(200);
        String endSession = logout.data().get("redirectUrl").asString();
        assertThat(endSession).startsWith(provider.issuer + "/connect/logout?id_token_hint=")
                .contains("post_logout_redirect_uri=");
        assertThat(http.get("/api/v1/organizations", token).status()).isEqualTo(401);
        assertThat(http.get("/api/v1/organizations", again.data().get("token").asString()).status()).isEqualTo(200);
        assertThat(alice.walk(endSession, url -> url.startsWith(http.base()))).isEqualTo(loggedOutPage());
        assertThat(auditEntries().get(0).get("action").asString()).isEqualTo("sso.logout");
    }

    @Test
    void theOneTimeCodeWorksOnce() {
        String code = code(signIn(new Browser("carol")));
        assertThat(exchange(code).status()).isEqualTo(200);
        Answer replayed = exchange(code);
        assertThat(replayed.status()).isEqualTo(401);
        assertThat(replayed.json().get("isSuccess").asBoolean()).isFalse();
        assertThat(exchange("made-up").status()).isEqualTo(401);
    }

    @Test
    void theLoginPageListsBuiltInSignInAndTheProviderButton() {
        Answer options = http.get("/api/v1/auth/login-options?organization=" + org.id(), null);
        assertThat(options.status()).as(options.body()).isEqualTo(200);
        assertThat(options.data().get("qalyptusAuth").asBoolean()).isTrue();
        JsonNode button = options.data().get("identityProviders").get(0);
        assertThat(button.get("id").asString()).isEqualTo(providerId);
        assertThat(button.get("loginUrl").asString()).isEqualTo("/api/v1/auth/oidc/" + org.id() + "/login");
        assertThat(http.get("/api/v1/auth/login-options?organization=" + UUID.randomUUID(), null).status()).isEqualTo(404);
    }

    // ---------------------------------------------------------------- keys

    @Test
    void afterTheProviderRotatesItsKeyTheNextSignInStillWorks() {
        Browser dave = new Browser("dave");
        assertThat(exchange(code(signIn(dave))).status()).isEqualTo(200);
        provider.knobs.rotate();
        assertThat(exchange(code(signIn(dave))).status()).isEqualTo(200);
    }

    @Test
    void aTokenSignedByAnUnknownKeyIsRefused() {
        Browser dave = new Browser("dave");
        provider.knobs.signWithUnpublishedKey();
        assertRefusedAndAudited(signIn(dave), "unknown_signing_key");
    }

    // ---------------------------------------------------------------- refusals

    @Test
    void anUnverifiedEmailIsRefusedAndNoUserIsCreated() {
        assertRefusedAndAudited(signIn(new Browser("mallory")), "email_not_verified");
        assertThat(userExists("mallory")).isFalse();
    }

    @Test
    void withoutAJustInTimeRoleAnUnknownPersonIsRefused() {
        setAuthentications(true, providerId, "Off");
        try {
            assertRefusedAndAudited(signIn(new Browser("bob")), "no_account");
            assertThat(userExists("bob")).isFalse();
        } finally {
            setAuthentications(true, providerId, "Viewer");
        }
    }

    @Test
    void anOrganizationThatDoesNotAllowSsoRefusesIt() {
        setAuthentications(true, null, null);
        try {
            assertRefusedAndAudited(signIn(new Browser("alice")), "sso_not_allowed");
        } finally {
            setAuthentications(true, providerId, null);
        }
    }

    @Test
    void aMadeUpStateIsRefused() {
        String page = new Browser("alice").walk(http.base() + "/api/v1/auth/oidc/" + org.id() + "/callback?state=made-up&code=x",
                OidcSignInTest::isLoginPage);
        assertRefusedAndAudited(page, "invalid_state");
    }

    @Test
    void aReplayedCallbackIsRefused() {
        Browser alice = new Browser("alice");
        String callback = alice.walk(http.base() + "/api/v1/auth/oidc/" + org.id() + "/login", url -> url.contains("/callback?"));
        assertThat(code(alice.walk(callback, OidcSignInTest::isLoginPage))).isNotBlank();
        assertRefusedAndAudited(alice.walk(callback, OidcSignInTest::isLoginPage), "replayed_state");
    }

    @Test
    void anExpiredAuthorizationCodeIsRefused() throws InterruptedException {
        updateProvider(TestOidcProvider.SHORT_CODE_CLIENT_ID, provider.issuer);
        try {
            Browser alice = new Browser("alice");
            String callback = alice.walk(http.base() + "/api/v1/auth/oidc/" + org.id() + "/login", url -> url.contains("/callback?"));
            Thread.sleep(1500);
            assertRefusedAndAudited(alice.walk(callback, OidcSignInTest::isLoginPage), "code_rejected");
        } finally {
            updateProvider(TestOidcProvider.CLIENT_ID, provider.issuer);
        }
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        provider.knobs.audienceOverride = java.util.List.of("another-client");
        assertRefusedAndAudited(signIn(new Browser("alice")), "wrong_audience");
    }

    @Test
    void aProviderThatIsDownIsReportedAsSuch() {
        updateProvider(TestOidcProvider.CLIENT_ID, "http://127.0.0.1:9");
        try {
            String page = new Browser("alice").walk(http.base() + "/api/v1/auth/oidc/" + org.id() + "/login",
                    OidcSignInTest::isLoginPage);
            assertRefusedAndAudited(page, "provider_unavailable");
        } finally {
            updateProvider(TestOidcProvider.CLIENT_ID, provider.issuer);
        }
    }

    // ---------------------------------------------------------------- audit log route

    @Test
    void theAuditLogIsPagedNewestFirstAndOnlyForAdministrators() {
        signIn(new Browser("mallory"));
        signIn(new Browser("mallory"));
        Answer page = http.get("/api/v1/audit-log?organizationId=" + org.id() + "&page=1&pageSize=1", admin.key());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.data().get("entries")).hasSize(1);
        assertThat(page.data().get("total").asLong()).isGreaterThanOrEqualTo(2);
        JsonNode all = auditEntries();
        for (int i = 1; i < all.size(); i++) {
            // compared as instants: ISO text drops zero fractions ("...:24Z" vs "...:24.5Z"), so text order is not time order
            assertThat(java.time.Instant.parse(all.get(i - 1).get("createdDate").asString()))
                    .isAfterOrEqualTo(java.time.Instant.parse(all.get(i).get("createdDate").asString()));
        }
        Person viewer = new TenantFixture(server).viewer(org);
        assertThat(http.get("/api/v1/audit-log?organizationId=" + org.id(), viewer.key()).status()).isEqualTo(403);
        assertThat(http.get("/api/v1/audit-log?organizationId=" + UUID.randomUUID(), admin.key()).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/audit-log?pageSize=0", admin.key()).status()).isEqualTo(400);
        assertThat(http.get("/api/v1/audit-log", null).status()).isEqualTo(401);
    }

    // ---------------------------------------------------------------- helpers of the audit of the acceptance points

    private static UserDocument insertUser(String email, List<Membership> memberships, String password) {
        return server.bean(UserRepository.class).insert(new UserDocument(UUID.randomUUID().toString(), email, "Pre", "Existing",
                password == null ? null : server.bean(PasswordHasher.class).hash(password), UserStatus.Active, UserDocument.USER,
                false, false, memberships, "en", "UTC", Instant.now()));
    }

    private static Membership memberOf(Org organization, String license) {
        return new Membership(organization.id(), Membership.MEMBER, license, List.of(organization.allUsersGroupId()));
    }

    private static UserDocument user(String username) {
        return server.bean(UserRepository.class).findByEmail(EMAILS.get(username)).orElseThrow();
    }

    /** Sessions and one-time codes of the user: a refused sign-in must leave none. */
    private static long sessionsAndCodesOf(String userId) {
        MongoTemplate mongo = server.bean(MongoTemplate.class);
        Query byUser = new Query(Criteria.where("userId").is(userId));
        return mongo.count(byUser, "sessions") + mongo.count(byUser, "ssoHandoffs");
    }

    private static Map<String, String> query(String url) {
        Map<String, String> parameters = new HashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            int equals = pair.indexOf('=');
            parameters.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return parameters;
    }

    private static String startUrl() {
        return http.base() + "/api/v1/auth/oidc/" + org.id() + "/login";
    }

    // ---------------------------------------------------------------- the authorization request

    @Test
    void eachSignInStartsWithItsOwnStateNonceAndS256ChallengeKeptOnlyHashedOnTheServer() {
        Browser browser = new Browser("alice");
        Map<String, String> first = query(browser.get(startUrl()).headers().firstValue("Location").orElseThrow());
        Map<String, String> second = query(browser.get(startUrl()).headers().firstValue("Location").orElseThrow());
        assertThat(first).containsEntry("response_type", "code").containsEntry("client_id", TestOidcProvider.CLIENT_ID)
                .containsEntry("code_challenge_method", "S256")
                .containsEntry("redirect_uri", http.base() + "/api/v1/auth/oidc/" + org.id() + "/callback");
        assertThat(first.get("scope").split(" ")).contains("openid", "email");
        for (String parameter : List.of("state", "nonce", "code_challenge")) {
            assertThat(first.get(parameter)).as(parameter).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(second.get(parameter));
        }
        MongoTemplate mongo = server.bean(MongoTemplate.class);
        assertThat(mongo.findById(first.get("state"), PendingLoginDocument.class)).as("the state itself is not stored").isNull();
        PendingLoginDocument pending = mongo.findById(SsoService.sha256(first.get("state")), PendingLoginDocument.class);
        assertThat(pending).isNotNull();
        assertThat(pending.attributes().get("nonce")).isEqualTo(first.get("nonce"));
        String verifier = pending.attributes().get("codeVerifier");
        assertThat(verifier).isNotEqualTo(first.get("code_challenge"));
        assertThat(s256(verifier)).as("the challenge is S256 of the verifier kept for the callback").isEqualTo(first.get("code_challenge"));
    }

    private static String s256(String verifier) {
        try {
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                    java.security.MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- endpoints: explicit, discovered, inferred

    @Test
    void withEveryEndpointGivenExplicitlyNoDiscoveryIsNeededForSignInAndLogout() {
        Map<String, Object> explicit = providerSettings(TestOidcProvider.CLIENT_ID, provider.issuer);
        explicit.put("jwksUri", provider.issuer + "/oauth2/jwks");
        updateProvider(explicit);
        provider.knobs.discoveryDown = true;
        try {
            int discoveries = provider.knobs.discoveryRequests.get();
            Answer session = exchange(code(signIn(new Browser("judy"))));
            assertThat(session.status()).as(session.body()).isEqualTo(200);
            Answer logout = http.postJson("/api/v1/auth/logout", session.data().get("token").asString(), "{}");
            assertThat(logout.data().get("redirectUrl").asString()).startsWith(provider.issuer + "/connect/logout?");
            assertThat(provider.knobs.discoveryRequests.get()).as("no discovery request").isEqualTo(discoveries);
        } finally {
            updateProvider(TestOidcProvider.CLIENT_ID, provider.issuer);
        }
    }

    @Test
    void theKeysAndTheLogoutEndpointNotGivenComeFromTheIssuersDiscoveryDocument() {
        Map<String, Object> discovered = providerSettings(TestOidcProvider.CLIENT_ID, provider.issuer);
        discovered.remove("logoutEndpoint");
        updateProvider(discovered);
        try {
            Browser leo = new Browser("leo");
            Answer session = exchange(code(signIn(leo)));
            assertThat(session.status()).as(session.body()).isEqualTo(200);
            Answer logout = http.postJson("/api/v1/auth/logout", session.data().get("token").asString(), "{}");
            String endSession = logout.data().get("redirectUrl").asString();
            assertThat(endSession).as("the discovery document's end_session_endpoint")
                    .startsWith(provider.issuer + "/connect/logout?id_token_hint=");
            assertThat(query(endSession)).containsEntry("client_id", TestOidcProvider.CLIENT_ID)
                    .containsEntry("post_logout_redirect_uri", loggedOutPage());
            assertThat(leo.walk(endSession, url -> url.startsWith(http.base()))).isEqualTo(loggedOutPage());
        } finally {
            updateProvider(TestOidcProvider.CLIENT_ID, provider.issuer);
        }
    }

    @Test
    void aProviderGivenOnlyTheReferencesFieldsSignsInItsIssuerFoundNextToItsAuthorizationEndpoint() {
        Map<String, Object> reference = providerSettings(TestOidcProvider.CLIENT_ID, provider.issuer);
        reference.remove("issuer");
        updateProvider(reference);
        try {
            assertThat(http.get("/api/v1/identity-providers/" + providerId, admin.key()).data().get("issuer").isNull()).isTrue();
            int discoveries = provider.knobs.discoveryRequests.get();
            Answer session = exchange(code(signIn(new Browser("ken"))));
            assertThat(session.status()).as(session.body()).isEqualTo(200);
            assertThat(provider.knobs.discoveryRequests.get()).as("looked for next to the authorization endpoint").isGreaterThan(discoveries);
            assertThat(session.data().get("user").get("email").asString()).isEqualTo(EMAILS.get("ken"));
            // the issuer found is the one every ID token is checked against
            provider.knobs.issuerOverride = "https://elsewhere.example";
            assertRefusedAndAudited(signIn(new Browser("ken")), "invalid_token");
        } finally {
            updateProvider(TestOidcProvider.CLIENT_ID, provider.issuer);
        }
    }

    @Test
    void theUserinfoEndpointSuppliesTheEmailTheIdTokenLacks() {
        provider.knobs.emailOnlyInUserinfo = true;
        int calls = provider.knobs.userinfoRequests.get();
        Answer session = exchange(code(signIn(new Browser("ivan"))));
        assertThat(session.status()).as(session.body()).isEqualTo(200);
        assertThat(session.data().get("user").get("email").asString()).isEqualTo(EMAILS.get("ivan"));
        assertThat(provider.knobs.userinfoRequests.get()).isGreaterThan(calls);
        assertThat(user("ivan").firstName()).isEqualTo("Ivan");
    }

    // ---------------------------------------------------------------- ID token checks through the whole flow

    @Test
    void anIdTokenOfAnotherIssuerIsRefused() {
        provider.knobs.issuerOverride = "https://elsewhere.example";
        assertRefusedAndAudited(signIn(new Browser("mike")), "invalid_token");
        assertThat(userExists("mike")).isFalse();
    }

    @Test
    void anIdTokenWithAnotherNonceIsRefused() {
        provider.knobs.nonceOverride = "a-nonce-of-another-sign-in";
        assertRefusedAndAudited(signIn(new Browser("mike")), "invalid_token");
        assertThat(auditEntries().get(0).get("message").asString()).contains("nonce");
        assertThat(userExists("mike")).isFalse();
    }

    @Test
    void anExpiredIdTokenIsRefused() {
        provider.knobs.expiredIdTokens = true;
        assertRefusedAndAudited(signIn(new Browser("mike")), "token_expired");
        assertThat(userExists("mike")).isFalse();
    }

    // ---------------------------------------------------------------- more refusals: nothing half-created

    @Test
    void aSignInThatTookTooLongIsRefused() {
        Browser nina = new Browser("nina");
        String callback = nina.walk(startUrl(), url -> url.contains("/callback?"));
        server.bean(MongoTemplate.class).updateFirst(new Query(Criteria.where("_id").is(SsoService.sha256(query(callback).get("state")))),
                new Update().set("expiresAt", Instant.now().minusSeconds(1)), PendingLoginDocument.class);
        assertRefusedAndAudited(nina.walk(callback, OidcSignInTest::isLoginPage), "expired_state");
        assertThat(userExists("nina")).isFalse();
    }

    @Test
    void aTokenEndpointThatIsDownAtTheCallbackIsReportedAsSuchAndCreatesNothing() {
        Browser nina = new Browser("nina");
        String callback = nina.walk(startUrl(), url -> url.contains("/callback?"));
        Map<String, Object> down = providerSettings(TestOidcProvider.CLIENT_ID, provider.issuer);
        down.put("accessTokenEndpoint", "http://127.0.0.1:9/oauth2/token");
        updateProvider(down);
        try {
            assertRefusedAndAudited(nina.walk(callback, OidcSignInTest::isLoginPage), "provider_unavailable");
            assertThat(userExists("nina")).isFalse();
        } finally {
            updateProvider(TestOidcProvider.CLIENT_ID, provider.issuer);
        }
    }

    @Test
    void aSignInTheProviderRefusedEndsOnTheLoginPageWithItsMessage() {
        Browser nina = new Browser("nina");
        String state = query(nina.get(startUrl()).headers().firstValue("Location").orElseThrow()).get("state");
        String page = nina.walk(http.base() + "/api/v1/auth/oidc/" + org.id() + "/callback?state=" + state
                + "&error=access_denied&error_description=The+user+cancelled", OidcSignInTest::isLoginPage);
        assertRefusedAndAudited(page, "provider_refused");
        assertThat(auditEntries().get(0).get("message").asString()).contains("access_denied");
        assertThat(userExists("nina")).isFalse();
    }

    @Test
    void aStateStartedForAnotherOrganizationIsRefused() {
        Org other = new TenantFixture(server).organization("Other " + RUN);
        Browser nina = new Browser("nina");
        String state = query(nina.get(startUrl()).headers().firstValue("Location").orElseThrow()).get("state");
        String page = nina.walk(http.base() + "/api/v1/auth/oidc/" + other.id() + "/callback?state=" + state + "&code=x",
                OidcSignInTest::isLoginPage);
        assertThat(page).startsWith(http.base() + "/login?organization=" + other.id());
        assertThat(error(page)).isEqualTo("invalid_state");
    }

    @Test
    void anUnverifiedEmailNeverTakesOverTheAccountWithThatEmail() {
        UserDocument victim = insertUser(EMAILS.get("mallory.victim"), List.of(memberOf(org, "Creator")), null);
        assertRefusedAndAudited(signIn(new Browser("mallory.victim")), "email_not_verified");
        assertThat(sessionsAndCodesOf(victim.id())).isZero();
        assertThat(server.bean(UserRepository.class).findById(victim.id()).orElseThrow().memberships()).hasSize(1);
    }

    // ---------------------------------------------------------------- matching and just-in-time creation

    @Test
    void justInTimeCreationGivesTheOrganizationsDefaultRoleEachTime() {
        try {
            for (String[] roleAndUser : new String[][] {{"Viewer", "oscar"}, {"Explorer", "erin"}, {"Creator", "frank"}}) {
                setAuthentications(true, providerId, roleAndUser[0]);
                Answer session = exchange(code(signIn(new Browser(roleAndUser[1]))));
                assertThat(session.status()).as(session.body()).isEqualTo(200);
                UserDocument created = user(roleAndUser[1]);
                assertThat(created.memberships()).as(roleAndUser[1]).hasSize(1);
                assertThat(created.membership(org.id()).orElseThrow().license()).as(roleAndUser[1]).isEqualTo(roleAndUser[0]);
                assertThat(created.membership(org.id()).orElseThrow().role()).isEqualTo(Membership.MEMBER);
                assertThat(created.membership(org.id()).orElseThrow().groupIds()).contains(org.allUsersGroupId());
                JsonNode entry = auditEntries().get(1);
                assertThat(entry.get("action").asString()).isEqualTo("sso.user.created");
                assertThat(entry.get("message").asString()).contains(roleAndUser[0]);
            }
        } finally {
            setAuthentications(true, providerId, "Viewer");
        }
    }

    @Test
    void anExistingMemberIsMatchedByVerifiedEmailAndKeepsTheirRole() {
        UserDocument grace = insertUser(EMAILS.get("grace"), List.of(memberOf(org, "Creator")), "grace-password");
        Answer session = exchange(code(signIn(new Browser("grace"))));
        assertThat(session.data().get("user").get("id").asString()).isEqualTo(grace.id());
        UserDocument after = user("grace");
        assertThat(after.memberships()).hasSize(1);
        assertThat(after.membership(org.id()).orElseThrow().license()).isEqualTo("Creator");
        for (JsonNode entry : auditEntries()) {
            if (grace.id().equals(entry.get("userID").asString(null))) {
                assertThat(entry.get("action").asString()).as("matched, not created nor added").isEqualTo("sso.login");
            }
        }
    }

    @Test
    void aUserOfAnotherOrganizationJoinsOnlyWhenTheOrganizationCreatesPeopleOnSignIn() {
        Org elsewhere = new TenantFixture(server).organization("Elsewhere " + RUN);
        UserDocument heidi = insertUser(EMAILS.get("heidi"), List.of(memberOf(elsewhere, "Creator")), null);
        setAuthentications(true, providerId, "Off");
        try {
            assertRefusedAndAudited(signIn(new Browser("heidi")), "no_account");
            assertThat(user("heidi").memberships()).hasSize(1);
            assertThat(sessionsAndCodesOf(heidi.id())).isZero();
            setAuthentications(true, providerId, "Explorer");
            Answer session = exchange(code(signIn(new Browser("heidi"))));
            assertThat(session.data().get("user").get("id").asString()).isEqualTo(heidi.id());
            assertThat(user("heidi").membership(org.id()).orElseThrow().license()).isEqualTo("Explorer");
            assertThat(user("heidi").membership(elsewhere.id()).orElseThrow().license()).isEqualTo("Creator");
            assertThat(auditEntries().get(1).get("action").asString()).isEqualTo("sso.member.added");
        } finally {
            setAuthentications(true, providerId, "Viewer");
        }
    }

    // ---------------------------------------------------------------- the organization's authentication settings

    @Test
    void theOrganizationsAuthenticationSettingsDecideTheLoginOptionsAndWhetherBuiltInSignInWorks() {
        String email = EMAILS.get("peggy");
        insertUser(email, List.of(memberOf(org, "Viewer")), "peggy-password");
        String options = "/api/v1/auth/login-options?organization=" + org.id();
        Map<String, String> credentials = Map.of("email", email, "password", "peggy-password");
        try {
            // both
            JsonNode both = http.get(options, null).data();
            assertThat(both.get("qalyptusAuth").asBoolean()).isTrue();
            assertThat(both.get("identityProviders")).hasSize(1);
            assertThat(http.postJson("/api/v1/login", null, Http.json(credentials)).status()).isEqualTo(200);

            // the identity provider only: no built-in sign-in, offered or accepted
            setAuthentications(false, providerId, "Viewer");
            JsonNode providerOnly = http.get(options, null).data();
            assertThat(providerOnly.get("qalyptusAuth").asBoolean()).isFalse();
            assertThat(providerOnly.get("identityProviders").get(0).get("name").asString()).isEqualTo("Test provider");
            Answer refused = http.postJson("/api/v1/login", null, Http.json(credentials));
            assertThat(refused.status()).as(refused.body()).isEqualTo(403);
            assertThat(refused.json().get("error").asString()).contains("identity provider");
            assertThat(refused.body()).doesNotContain("qls_");
            assertThat(http.postJson("/api/v1/login", null, Http.json(Map.of("email", email, "password", "wrong"))).status())
                    .as("a wrong password is still just a wrong password").isEqualTo(401);
            assertThat(exchange(code(signIn(new Browser("peggy")))).status()).as("the provider still signs in").isEqualTo(200);
            assertThat(http.postJson("/api/v1/login", null, Http.json(Map.of("email", admin.email(), "password", "x"))).status())
                    .isEqualTo(401);

            // built-in only: no button, and the provider's sign-in is refused
            setAuthentications(true, null, null);
            JsonNode builtInOnly = http.get(options, null).data();
            assertThat(builtInOnly.get("qalyptusAuth").asBoolean()).isTrue();
            assertThat(builtInOnly.get("identityProviders")).isEmpty();
            assertThat(http.postJson("/api/v1/login", null, Http.json(credentials)).status()).isEqualTo(200);
            assertRefusedAndAudited(signIn(new Browser("peggy")), "sso_not_allowed");
        } finally {
            setAuthentications(true, providerId, "Viewer");
        }
    }

    @Test
    void theClientSecretIsInNoAnswer() {
        String secret = TestOidcProvider.secretOf(TestOidcProvider.CLIENT_ID);
        signIn(new Browser("mallory"));
        assertThat(http.get("/api/v1/identity-providers/" + providerId, admin.key()).body()).doesNotContain(secret).contains("\"isClientSecretSet\":true");
        assertThat(http.get("/api/v1/identity-providers", admin.key()).body()).doesNotContain(secret);
        assertThat(http.get("/api/v1/auth/login-options?organization=" + org.id(), null).body()).doesNotContain(secret);
        assertThat(http.get("/api/v1/audit-log?organizationId=" + org.id() + "&pageSize=200", admin.key()).body()).doesNotContain(secret);
        assertThat(http.get("/api/v1/organizations/" + org.id() + "/authentications", admin.key()).body()).doesNotContain(secret);
        Answer graphql = http.postJson("/graphql", admin.key(), Http.json(Map.of("query",
                "query($id: ID!) { identityProvider(id: $id) { id isClientSecretSet clientId } }", "variables", Map.of("id", providerId))));
        assertThat(graphql.body()).doesNotContain(secret).contains("\"isClientSecretSet\":true");
    }
}
