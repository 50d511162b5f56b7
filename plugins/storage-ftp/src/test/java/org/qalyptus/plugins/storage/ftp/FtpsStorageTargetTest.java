package org.qalyptus.plugins.storage.ftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.qalyptus.plugins.storage.ftp.FtpStorageTargetTest.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qalyptus.spi.ConnectionTestResult;
import org.qalyptus.spi.ExtensionException;
import org.qalyptus.spi.config.Config;

/** Explicit FTPS (AUTH TLS, PROT P, passive) against a real Apache FtpServer with a self-signed certificate. */
class FtpsStorageTargetTest {

    @TempDir
    static Path keys;

    private static FtpTestServer.TlsKeys tls;

    @TempDir
    Path dir;

    private final FtpStorageTarget ftp = new FtpStorageTarget();
    private FtpTestServer server;

    @BeforeAll
    static void makeCertificate() throws Exception {
        tls = FtpTestServer.TlsKeys.generate(keys);
    }

    @BeforeEach
    void startServer() throws Exception {
        server = FtpTestServer.explicitTls(dir, tls);
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private Config config(Object... overrides) {
        Map<String, Object> settings = server.settings();
        settings.put("security", "Explicit TLS");
        for (int i = 0; i < overrides.length; i += 2) {
            settings.put((String) overrides[i], overrides[i + 1]);
        }
        return Config.bind(ftp.configFields(), settings);
    }

    private List<Path> filesUnderHome() throws IOException {
        try (Stream<Path> walk = Files.walk(server.home)) {
            return walk.filter(Files::isRegularFile).map(server.home::relativize).sorted().toList();
        }
    }

    @Test
    void aSelfSignedCertificateIsRefusedByDefaultAndTheMessageGivesItsFingerprint() throws Exception {
        ExtensionException e = catchThrowableOfType(ExtensionException.class, () -> ftp.deliver(config(), file("r.pdf", "", "x")));

        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage())
                .contains("The TLS certificate of 127.0.0.1:" + server.port + " was refused")
                .contains("not signed by an authority this server trusts")
                .contains(tls.fingerprint())
                .contains("set it as the TLS certificate fingerprint");
        // The password is sent only inside TLS, and TLS never got that far.
        assertThat(server.commands).doesNotContain("PASS " + FtpTestServer.PASSWORD).noneMatch(c -> c.startsWith("USER"));
        assertThat(filesUnderHome()).isEmpty();
    }

    @Test
    void thePinnedCertificateIsAcceptedAndEverythingTravelsEncrypted() throws Exception {
        byte[] bytes = new byte[200_000];
        new Random(3).nextBytes(bytes);

        ftp.deliver(config("tlsCertificateFingerprint", tls.fingerprint()), FtpStorageTargetTest.file("r.pdf", "sales", bytes));

        assertThat(server.home.resolve("sales/r.pdf")).hasBinaryContent(bytes);
        assertThat(server.commands).containsSubsequence("AUTH TLS", "PBSZ 0", "PROT P");
        assertThat(server.secureUploads).containsOnly(true).isNotEmpty();
        assertThat(filesUnderHome()).containsExactly(Path.of("sales/r.pdf"));
    }

    @Test
    void aPinIsAcceptedAsOpenSslPrintsItOrLowerCaseWithoutColons() throws Exception {
        String openSsl = "sha256 Fingerprint=" + tls.fingerprint();
        String bare = tls.fingerprint().replace(":", "").toLowerCase();

        ftp.deliver(config("tlsCertificateFingerprint", openSsl), file("a.pdf", "", "a"));
        ftp.deliver(config("tlsCertificateFingerprint", bare), file("b.pdf", "", "b"));

        assertThat(server.home.resolve("a.pdf")).hasContent("a");
        assertThat(server.home.resolve("b.pdf")).hasContent("b");
    }

    @Test
    void anotherPinnedFingerprintIsRefused() throws Exception {
        String other = "12:".repeat(31) + "12";

        ExtensionException e = catchThrowableOfType(ExtensionException.class,
                () -> ftp.deliver(config("tlsCertificateFingerprint", other), file("r.pdf", "", "x")));

        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("not the pinned one (" + other + ")").contains(tls.fingerprint());
        assertThat(filesUnderHome()).isEmpty();
    }

    @Test
    void aMalformedFingerprintIsRefusedBeforeConnecting() {
        ExtensionException e = catchThrowableOfType(ExtensionException.class,
                () -> ftp.deliver(config("tlsCertificateFingerprint", "SHA256:not-hex"), file("r.pdf", "", "x")));

        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("is not a SHA-256 fingerprint");
        assertThat(server.connections).hasValue(0);
    }

    @Test
    void testReportsTheUntrustedCertificateAndSucceedsOncePinned() throws Exception {
        ConnectionTestResult untrusted = ftp.test(config());
        assertThat(untrusted.ok()).isFalse();
        assertThat(untrusted.message()).contains("was refused").contains(tls.fingerprint());

        ConnectionTestResult pinned = ftp.test(config("tlsCertificateFingerprint", tls.fingerprint()));
        assertThat(pinned.ok()).as(pinned.message()).isTrue();
        assertThat(pinned.message()).contains("explicit TLS (pinned certificate)");
        assertThat(filesUnderHome()).isEmpty();
    }

    @Test
    void aWrongPasswordOverTlsIsNotRetryable() {
        ExtensionException e = catchThrowableOfType(ExtensionException.class, () -> ftp.deliver(
                config("tlsCertificateFingerprint", tls.fingerprint(), "password", "Not-The-One-9"), file("r.pdf", "", "x")));

        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("refused the login of user 'alice'").doesNotContain("Not-The-One-9");
    }
}
