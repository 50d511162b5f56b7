package org.qalyptus.plugins.storage.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.qalyptus.plugins.storage.sftp.SftpStorageTargetTest.file;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qalyptus.spi.ConnectionTestResult;
import org.qalyptus.spi.ExtensionException;
import org.qalyptus.spi.config.Config;

/**
 * Host key pinning: a pinned key must match, an unpinned one is refused unless trust on first use is
 * on, and the fingerprint the host must persist to pin it is in the test result. Nothing (no password,
 * no key signature) reaches a server whose key is refused.
 */
class SftpHostKeyTest {

    @TempDir
    Path dir;

    private final SftpStorageTarget sftp = new SftpStorageTarget();
    private SftpTestServer server;

    @AfterEach
    void stopServer() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    private Config config(Object... overrides) {
        Map<String, Object> settings = server.settings();
        for (int i = 0; i < overrides.length; i += 2) {
            if (overrides[i + 1] == null) {
                settings.remove((String) overrides[i]);
            } else {
                settings.put((String) overrides[i], overrides[i + 1]);
            }
        }
        return Config.bind(sftp.configFields(), settings);
    }

    private static String fingerprint(KeyPair key) {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, key.getPublic());
    }

    /** What the host does to pin: take the one fingerprint out of the test result's message. */
    private static String pinFrom(ConnectionTestResult result) {
        Matcher matcher = HostKeyFingerprint.IN_TEXT.matcher(result.message());
        assertThat(matcher.find()).as(result.message()).isTrue();
        String pin = matcher.group();
        assertThat(matcher.find()).as("a single fingerprint in: %s", result.message()).isFalse();
        return pin;
    }

    @Test
    void aDifferentKeyThanThePinnedOneIsRefusedBeforeAnyLogin() throws Exception {
        server = SftpTestServer.start(dir);
        String other = fingerprint(SftpTestServer.Keys.ed25519());

        ExtensionException e = catchThrowableOfType(ExtensionException.class,
                () -> sftp.deliver(config("hostKeyFingerprint", other, "trustOnFirstUse", true), file("r.pdf", "", "x")));

        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).startsWith("HOST KEY MISMATCH: 127.0.0.1:" + server.port + " presented its ssh-ed25519 key")
                .contains(server.fingerprint()).contains(other + " is pinned").contains("nothing was sent");
        assertThat(server.loginAttempts).hasValue(0);
        assertThat(server.written).isEmpty();
    }

    @Test
    void aServerWhoseKeyChangedIsRefusedAndTestSaysSo() throws Exception {
        server = SftpTestServer.start(dir);
        Config pinned = config();
        assertThat(sftp.test(pinned).ok()).isTrue();
        int port = server.port;
        server.close();

        // Same address, new key: a reinstalled server, or someone in the middle.
        server = SftpTestServer.start(dir.resolve("impostor"));
        Map<String, Object> settings = new java.util.HashMap<>(pinned.asMap());
        settings.put("port", server.port);
        ConnectionTestResult result = sftp.test(Config.bind(sftp.configFields(), settings));

        assertThat(port).isNotZero();
        assertThat(result.ok()).isFalse();
        assertThat(result.message()).startsWith("HOST KEY MISMATCH").contains(server.fingerprint());
        assertThat(server.loginAttempts).hasValue(0);
    }

    @Test
    void withoutAPinAndWithoutTrustOnFirstUseNothingIsSentAndTheFingerprintIsGiven() throws Exception {
        server = SftpTestServer.start(dir);

        ExtensionException e = catchThrowableOfType(ExtensionException.class,
                () -> sftp.deliver(config("hostKeyFingerprint", null), file("r.pdf", "", "x")));
        ConnectionTestResult test = sftp.test(config("hostKeyFingerprint", null));

        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("is not pinned").contains(server.fingerprint()).contains("trust on first use");
        assertThat(test.ok()).isFalse();
        assertThat(pinFrom(test)).isEqualTo(server.fingerprint());
        assertThat(server.loginAttempts).hasValue(0);
        assertThat(server.written).isEmpty();
    }

    @Test
    void trustOnFirstUseAcceptsTheKeyReportsItAndTheReportedPinThenHolds() throws Exception {
        server = SftpTestServer.start(dir);
        Config firstUse = config("hostKeyFingerprint", null, "trustOnFirstUse", true);

        ConnectionTestResult first = sftp.test(firstUse);
        assertThat(first.ok()).as(first.message()).isTrue();
        assertThat(first.message()).contains("trusted on first use").contains("Save this fingerprint");
        String pin = pinFrom(first);
        assertThat(pin).isEqualTo(server.fingerprint());
        sftp.deliver(firstUse, file("first.pdf", "", "delivered on first use"));
        assertThat(server.home.resolve("first.pdf")).hasContent("delivered on first use");

        // The host saved the pin: the same server still works, another key no longer does.
        Config pinned = config("hostKeyFingerprint", pin, "trustOnFirstUse", true);
        sftp.deliver(pinned, file("second.pdf", "", "pinned"));
        assertThat(server.home.resolve("second.pdf")).hasContent("pinned");
        int port = server.port;
        server.close();
        server = SftpTestServer.start(dir.resolve("impostor"));
        Map<String, Object> moved = new java.util.HashMap<>(pinned.asMap());
        moved.put("port", server.port);

        ExtensionException e = catchThrowableOfType(ExtensionException.class,
                () -> sftp.deliver(Config.bind(sftp.configFields(), moved), file("third.pdf", "", "x")));
        assertThat(port).isNotZero();
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).startsWith("HOST KEY MISMATCH");
        assertThat(server.loginAttempts).hasValue(0);
    }

    @Test
    void thePinIsAcceptedWithoutPrefixOrWithBase64Padding() throws Exception {
        server = SftpTestServer.start(dir);
        String bare = server.fingerprint().substring("SHA256:".length());

        sftp.deliver(config("hostKeyFingerprint", bare), file("a.pdf", "", "a"));
        sftp.deliver(config("hostKeyFingerprint", " sha256:" + bare + "= "), file("b.pdf", "", "b"));

        assertThat(server.home.resolve("a.pdf")).hasContent("a");
        assertThat(server.home.resolve("b.pdf")).hasContent("b");
    }

    @Test
    void md5OrMalformedFingerprintsAreRefusedBeforeConnecting() throws Exception {
        server = SftpTestServer.start(dir);

        for (String bad : List.of("MD5:16:27:ac:a5:76:28:2d:36:63:1b:56:4d:eb:df:a6:48", "16:27:ac:a5:76:28:2d:36:63:1b:56:4d:eb:df:a6:48",
                "SHA256:tooShort")) {
            ExtensionException e = catchThrowableOfType(ExtensionException.class,
                    () -> sftp.deliver(config("hostKeyFingerprint", bad), file("r.pdf", "", "x")));
            assertThat(e.isRetryable()).isFalse();
            assertThat(e.getMessage()).contains("is not a SHA256 fingerprint");
        }
        assertThat(server.sessions).hasValue(0);
    }

    @Test
    void ofSeveralHostKeysTheEd25519OneIsCheckedAsOpenSshWouldShowIt() throws Exception {
        KeyPair ed25519 = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        KeyPair rsa = SftpTestServer.Keys.rsa();
        server = SftpTestServer.start(dir, ed25519, rsa);

        ConnectionTestResult result = sftp.test(config("hostKeyFingerprint", null, "trustOnFirstUse", true));

        assertThat(result.ok()).as(result.message()).isTrue();
        assertThat(pinFrom(result)).isEqualTo(fingerprint(ed25519));
        assertThat(result.message()).contains("ssh-ed25519 key");
        assertThat(server.home).isEmptyDirectory();
    }
}
