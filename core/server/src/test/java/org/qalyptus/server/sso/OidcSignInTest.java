package org.qalyptus.server.sso;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
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
import org.qalyptus.server.user.UserRepository;
import org.qalyptus.testprovider.TestOidcProvider;
import tools.jackson.databind.JsonNode;

/**
 * The whole browser-less sign-in through a real OpenID Connect provider (Spring Authorization Server in its own
 * context): redirects, the provider's login form, the callback, the one-time code, the session, logout; and each
 * way it can fail, which must end on the login page with its error code, an audit entry and nothing created.
 */
class OidcSignInTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final Map<String, String> EMAILS = Map.of(
            "alice", "alice-" + RUN + "@sso.test", "bob", "bob-" + RUN + "@sso.test",
            "carol", "carol-" + RUN + "@sso.test", "dave", "dave-" + RUN + "@sso.test",
            "mallory", "mallory-" + RUN + "@sso.test");

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

    private static Map<String, Object> providerSettings(String clientId, String issuer) {
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
        Answer updated = http.putJson("/api/v1/identity-providers/" + providerId, admin.key(),
                Http.json(providerSettings(clientId, issuer)));
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
}
