package org.qalyptus.plugins.connector.qlik;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qalyptus.plugins.connector.embedded.EmbeddedConnector;
import org.qalyptus.qlik.simulator.EngineSimulator;
import org.qalyptus.qlik.simulator.SimulatedApp;
import org.qalyptus.qlik.simulator.TestCertificates;
import org.qalyptus.spi.ConnectionTestResult;
import org.qalyptus.spi.ExtensionException;
import org.qalyptus.spi.app.AppModel.SelectionState;
import org.qalyptus.spi.app.AppSession;
import org.qalyptus.spi.config.Config;

/**
 * Client-managed Qlik Sense over TLS: the simulator serves HTTPS and WSS with a self-signed certificate made for this
 * run; JWT and client-certificate authentication are sent as configured (the bearer token, the client certificate and
 * its X-Qlik-User header, on REST calls and on the Engine WebSocket alike), and an untrusted server or a missing client
 * certificate is a clear TLS message.
 */
class QlikAuthenticationTest {

    static final String APP = QlikSenseConnectorTest.APP;
    static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJyZXBvcnRzIn0.c2lnbmF0dXJl";
    static final String USER = "UserDirectory=ACME; UserId=reports";

    static Path folder;
    static TestCertificates certificates;
    static EngineSimulator jwtServer;
    static EngineSimulator certificateServer;
    final QlikSenseConnector connector = new QlikSenseConnector();

    @BeforeAll
    static void start() throws IOException, URISyntaxException {
        Path demo = QlikSenseConnectorTest.demoApp();
        folder = Files.createTempDirectory("qlik-tls");
        certificates = TestCertificates.generate(folder);
        jwtServer = EngineSimulator.startTls(certificates.serverContext(), false, SimulatedApp.salesDemo(demo)).acceptBearer(JWT);
        certificateServer = EngineSimulator.startTls(certificates.serverContext(), true, SimulatedApp.salesDemo(demo))
                .acceptCertificateUser(USER);
    }

    @AfterAll
    static void stop() {
        jwtServer.close();
        certificateServer.close();
    }

    static Config config(Map<String, Object> settings) {
        Map<String, Object> raw = new HashMap<>(Map.of("deployment", "ClientManaged", "timeoutSeconds", 5L, "cloudImageExport", false));
        raw.putAll(settings);
        return Config.bind(new QlikSenseConnector().configFields(), raw);
    }

    static Config jwt(Map<String, Object> extra) {
        Map<String, Object> settings = new HashMap<>(Map.of("url", jwtServer.baseUrl(), "virtualProxy", "jwt", "authentication", "Jwt",
                "jwt", JWT, "trustedCertificates", certificates.serverPem.toString()));
        settings.putAll(extra);
        return config(settings);
    }

    static Config certificate(Map<String, Object> extra) {
        Map<String, Object> settings = new HashMap<>(Map.of("url", certificateServer.baseUrl(), "authentication", "Certificate",
                "certificateFile", certificates.clientKeyStore.toString(), "certificatePassword", TestCertificates.PASSWORD,
                "userDirectory", "ACME", "userId", "reports", "trustedCertificates", certificates.serverPem.toString()));
        settings.putAll(extra);
        return config(settings);
    }

    @Test
    void aJwtIsSentAsABearerTokenOnRestCallsAndTheEngineWebSocket() {
        int before = jwtServer.requestHeaders().size();
        assertThat(connector.test(jwt(Map.of())).ok()).isTrue();
        assertThat(connector.listApps(jwt(Map.of()))).extracting(a -> a.id()).containsExactly(APP);
        try (AppSession session = connector.open(jwt(Map.of()), APP)) {
            assertThat(session.evaluate("Count(DISTINCT region)", SelectionState.EMPTY).number()).isEqualTo(4.0);
        }
        List<Map<String, String>> sent = jwtServer.requestHeaders().subList(before, jwtServer.requestHeaders().size());
        assertThat(sent).isNotEmpty().allSatisfy(h -> assertThat(h).containsEntry("authorization", "Bearer " + JWT));
        assertThat(sent).anySatisfy(h -> assertThat(h).containsEntry("upgrade", "websocket"));
        assertThat(sent).anySatisfy(h -> assertThat(h).containsKey("x-qlik-xrfkey"));

        ConnectionTestResult refused = connector.test(jwt(Map.of("jwt", "eyJ.forged.token")));
        assertThat(refused.ok()).isFalse();
        assertThat(refused.message()).contains("refused the credentials");
    }

    @Test
    void anUntrustedServerCertificateIsAClearTlsFailure() {
        Map<String, Object> noTrust = new HashMap<>(Map.of("url", jwtServer.baseUrl(), "authentication", "Jwt", "jwt", JWT));
        ConnectionTestResult untrusted = connector.test(config(noTrust));
        assertThat(untrusted.ok()).isFalse();
        assertThat(untrusted.message()).contains("TLS handshake with Qlik Sense failed").contains("server certificate");
        assertThatThrownBy(() -> connector.open(config(noTrust), APP)).isInstanceOf(ExtensionException.class)
                .hasMessageContaining("TLS handshake");

        ConnectionTestResult notPem = connector.test(jwt(Map.of("trustedCertificates", certificates.clientKeyStore.toString())));
        assertThat(notPem.ok()).isFalse();
        assertThat(notPem.message()).contains("trusted certificates file");
    }

    @Test
    void aClientCertificateIsPresentedWithTheUserHeader() {
        int certificatesBefore = certificateServer.clientCertificates().size();
        int before = certificateServer.requestHeaders().size();
        ConnectionTestResult tested = connector.test(certificate(Map.of()));
        assertThat(tested.ok()).as(tested.message()).isTrue();
        try (AppSession session = connector.open(certificate(Map.of()), APP)) {
            assertThat(session.fields()).isNotEmpty();
        }
        List<Map<String, String>> sent = certificateServer.requestHeaders().subList(before, certificateServer.requestHeaders().size());
        assertThat(sent).isNotEmpty().allSatisfy(h -> assertThat(h).containsEntry("x-qlik-user", USER).doesNotContainKey("authorization"));
        assertThat(sent).anySatisfy(h -> assertThat(h).containsEntry("upgrade", "websocket"));
        assertThat(certificateServer.clientCertificates().subList(certificatesBefore, certificateServer.clientCertificates().size()))
                .isNotEmpty().allSatisfy(subject -> assertThat(subject).isEqualTo("CN=QlikClient"));

        ConnectionTestResult otherUser = connector.test(certificate(Map.of("userId", "someone-else")));
        assertThat(otherUser.ok()).isFalse();
        assertThat(otherUser.message()).contains("refused the credentials");
        ConnectionTestResult noCertificate = connector.test(config(Map.of("url", certificateServer.baseUrl(), "authentication", "Jwt",
                "jwt", JWT, "trustedCertificates", certificates.serverPem.toString())));
        assertThat(noCertificate.ok()).isFalse();
        assertThat(noCertificate.message()).containsAnyOf("TLS handshake", "cannot be reached", "Connecting to Qlik Sense failed");
        ConnectionTestResult badPassword = connector.test(certificate(Map.of("certificatePassword", "wrong")));
        assertThat(badPassword.message()).contains("client certificate").contains("cannot be read");
    }
}
