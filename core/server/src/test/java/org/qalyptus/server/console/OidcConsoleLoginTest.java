package org.qalyptus.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qalyptus.server.support.BrowserScript;
import org.qalyptus.server.support.Http.Answer;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.RunningServer;
import org.qalyptus.server.support.SharedServer;
import org.qalyptus.server.support.TenantFixture.Org;
import org.qalyptus.server.support.TenantFixture.Person;
import org.qalyptus.server.support.TenantFixture;
import org.qalyptus.server.user.UserDocument;
import org.qalyptus.server.user.UserRepository;
import org.qalyptus.testprovider.TestOidcProvider;

/**
 * The console's login page with an organization's OpenID Connect provider, in headless Chromium (the system's,
 * driven by playwright-core from the console's dependencies): web-console/e2e/oidc-login-e2e.mjs clicks the
 * provider's button, fills in the real authorization server's login form (Spring Authorization Server in its own
 * context), lands in the console signed in, and logs out through the provider's end-session endpoint; then, with
 * the organization on its provider only, the page offers no built-in form and explains a refused return.
 */
class OidcConsoleLoginTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String USERNAME = "quinn";
    private static final String EMAIL = "quinn-" + RUN + "@sso-console.test";

    private static RunningServer server;
    private static Http http;
    private static TestOidcProvider provider;
    private static Org org;
    private static Person admin;
    private static String providerId;

    @BeforeAll
    static void start() {
        if (!BrowserScript.available()) {
            return;
        }
        server = SharedServer.get();
        http = server.http();
        TenantFixture tenant = new TenantFixture(server);
        org = tenant.organization("Console SSO " + RUN);
        admin = tenant.administrator(org);
        String loginPage = http.base() + "/login?organization=" + org.id();
        provider = TestOidcProvider.start(http.base() + "/api/v1/auth/oidc/" + org.id() + "/callback", loginPage,
                Map.of(USERNAME, EMAIL));
        Map<String, Object> settings = new HashMap<>();
        settings.put("name", "Corporate SSO");
        settings.put("type", "Oidc");
        settings.put("organizationID", org.id());
        settings.put("clientID", TestOidcProvider.CLIENT_ID);
        settings.put("clientSecret", TestOidcProvider.secretOf(TestOidcProvider.CLIENT_ID));
        settings.put("issuer", provider.issuer);
        settings.put("authorizationEndpoint", provider.issuer + "/oauth2/authorize");
        settings.put("accessTokenEndpoint", provider.issuer + "/oauth2/token");
        settings.put("userinfoEndpoint", provider.issuer + "/userinfo");
        settings.put("logoutEndpoint", provider.issuer + "/connect/logout");
        settings.put("postLogoutRedirectUrl", loginPage);
        Answer created = http.postJson("/api/v1/identity-providers", admin.key(), Http.json(settings));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        providerId = created.data().get("id").asString();
    }

    @AfterAll
    static void stop() {
        if (provider != null) {
            provider.close();
        }
    }

    private static void setAuthentications(boolean builtIn) {
        Map<String, Object> body = new HashMap<>();
        body.put("qalyptusAuth", builtIn);
        body.put("identityProvider", providerId);
        body.put("identityProviderDefaultRole", "Viewer");
        Answer answer = http.putJson("/api/v1/organizations/" + org.id() + "/authentications", admin.key(), Http.json(body));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    private static String runScript(String mode) throws Exception {
        String output = BrowserScript.run(Duration.ofMinutes(3), "e2e/oidc-login-e2e.mjs", http.base(), org.id(), "Corporate SSO",
                USERNAME, TestOidcProvider.PASSWORD, EMAIL, mode, BrowserScript.screenshots().toString());
        assertThat(output).contains("oidc e2e ok").contains("step: no request left localhost, no console error, no server error");
        return output;
    }

    @Test
    void aPersonClicksTheProvidersButtonSignsInAtTheProviderAndLandsInTheConsoleThenLogsOutThroughIt() throws Exception {
        BrowserScript.assumeAvailable("the console browser tests");

        setAuthentications(true);
        String both = runScript("both");
        assertThat(both).contains("step: the login page shows the built-in form and the \"Sign in with Corporate SSO\" button")
                .contains("step: the button led to the identity provider's login form")
                .contains("step: the provider sent the browser back and the console signed in as " + EMAIL)
                .contains("step: Sign out ended the session and went through the provider's end-session endpoint")
                .contains("step: after logout the provider asks for the password again");
        UserDocument created = server.bean(UserRepository.class).findByEmail(EMAIL).orElseThrow();
        assertThat(created.membership(org.id()).orElseThrow().license()).as("created just in time").isEqualTo("Viewer");
        assertThat(created.memberships()).hasSize(1);

        setAuthentications(false);
        String providerOnly = runScript("provider-only");
        assertThat(providerOnly).contains("step: the login page shows only the \"Sign in with Corporate SSO\" button")
                .contains("step: a refused return ends on the login page with its message");
        assertThat(List.of("sso.user.created", "sso.login", "sso.logout")).allSatisfy(action -> assertThat(
                http.get("/api/v1/audit-log?organizationId=" + org.id() + "&pageSize=200", admin.key()).body()).contains(action));
    }
}
