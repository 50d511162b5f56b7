package org.qalyptus.plugins.storage.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qalyptus.spi.ConnectionTestResult;
import org.qalyptus.spi.ExtensionException;
import org.qalyptus.spi.config.Config;
import org.qalyptus.spi.config.ConfigField;
import org.qalyptus.spi.storage.DeliveryFile;
import org.qalyptus.spi.storage.DeliveryReceipt;

/** SFTP against a real Apache SSHD server with the SFTP subsystem in this JVM. */
class SftpStorageTargetTest {

    @TempDir
    Path dir;

    private final SftpStorageTarget sftp = new SftpStorageTarget();
    private SftpTestServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = SftpTestServer.start(dir);
    }

    @AfterEach
    void stopServer() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    static DeliveryFile file(String name, String folder, byte[] bytes) {
        return new DeliveryFile(name, folder, "application/pdf", bytes.length, () -> new ByteArrayInputStream(bytes));
    }

    static DeliveryFile file(String name, String folder, String text) {
        return file(name, folder, text.getBytes(StandardCharsets.UTF_8));
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

    private List<Path> filesUnderHome() throws IOException {
        try (Stream<Path> walk = Files.walk(server.home)) {
            return walk.filter(Files::isRegularFile).map(server.home::relativize).sorted().toList();
        }
    }

    @Test
    void declaresItsSettingsWithTheSecretsMarked() {
        assertThat(sftp.typeId()).isEqualTo("Sftp");
        assertThat(sftp.configFields()).extracting(ConfigField::name).containsExactly("host", "port", "username", "password",
                "privateKey", "privateKeyPassphrase", "hostKeyFingerprint", "trustOnFirstUse", "remoteFolder", "testDirectory",
                "overwrite", "connectTimeoutSeconds", "readTimeoutSeconds");
        assertThat(sftp.configFields()).filteredOn(ConfigField::secret).extracting(ConfigField::name)
                .containsExactly("password", "privateKey", "privateKeyPassphrase");
        Config defaults = Config.bind(sftp.configFields(), Map.of("host", "example.org", "username", "u", "password", "p"));
        assertThat(defaults.integer("port")).contains(22L);
        assertThat(defaults.bool("trustOnFirstUse")).isFalse();
        assertThat(defaults.bool("overwrite")).isFalse();
    }

    @Test
    void deliversTheExactBytesIntoNewSubFolders() throws Exception {
        byte[] bytes = new byte[500_000];
        new Random(11).nextBytes(bytes);

        DeliveryReceipt receipt = sftp.deliver(config(), file("report.pdf", "sales/2024", bytes));

        assertThat(server.home.resolve("sales/2024/report.pdf")).hasBinaryContent(bytes);
        assertThat(receipt.bytes()).isEqualTo(bytes.length);
        assertThat(receipt.location()).isEqualTo("sftp://127.0.0.1:" + server.port + "/sales/2024/report.pdf");
        assertThat(filesUnderHome()).containsExactly(Path.of("sales/2024/report.pdf"));
    }

    @Test
    void deliversBelowTheRemoteFolderAbsoluteOrRelative() throws Exception {
        Files.createDirectories(server.home.resolve("out/reports"));

        sftp.deliver(config("remoteFolder", "/out/reports"), file("a.pdf", "", "absolute"));
        sftp.deliver(config("remoteFolder", "out"), file("b.pdf", "x", "relative"));

        assertThat(server.home.resolve("out/reports/a.pdf")).hasContent("absolute");
        assertThat(server.home.resolve("out/x/b.pdf")).hasContent("relative");
    }

    @Test
    void aMissingRemoteFolderIsNotCreatedAndNotRetryable() {
        ExtensionException e = catchThrowableOfType(ExtensionException.class,
                () -> sftp.deliver(config("remoteFolder", "/nowhere"), file("a.pdf", "", "x")));

        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).isEqualTo("The remote folder '/nowhere' does not exist on 127.0.0.1:" + server.port + ".");
        assertThat(server.home.resolve("nowhere")).doesNotExist();
    }

    @Test
    void aFileInTheWayOfAFolderIsRefused() throws Exception {
        Files.writeString(server.home.resolve("sales"), "a file");

        ExtensionException e = catchThrowableOfType(ExtensionException.class,
                () -> sftp.deliver(config(), file("a.pdf", "sales/2024", "x")));

        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("'sales' is a file, not a folder");
    }

    @Test
    void writesUnderATemporaryNameAndRenamesOnlyOnceComplete() throws Exception {
        String text = "the whole report";
        List<String> seenAtRename = new CopyOnWriteArrayList<>();
        server.beforeRename((from, to) -> {
            seenAtRename.add("final exists=" + Files.exists(server.local(to)));
            seenAtRename.add("temp=" + Files.readString(server.local(from)));
        });

        sftp.deliver(config(), file("report.pdf", "out", text));

        assertThat(server.written).singleElement().asString().matches("out/\\.qalyptus-[0-9a-f-]{36}\\.part");
        assertThat(server.renames).containsExactly(server.written.get(0) + " -> out/report.pdf");
        assertThat(seenAtRename).containsExactly("final exists=false", "temp=" + text);
        assertThat(filesUnderHome()).containsExactly(Path.of("out/report.pdf"));
    }

    @Test
    void withoutOverwriteAnExistingFileIsKeptAndTheDeliveryRefused() throws Exception {
        Files.createDirectories(server.home.resolve("out"));
        Files.writeString(server.home.resolve("out/report.pdf"), "old");

        ExtensionException e = catchThrowableOfType(ExtensionException.class,
                () -> sftp.deliver(config(), file("report.pdf", "out", "new")));

        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("'report.pdf' already exists").contains("overwrite");
        assertThat(server.home.resolve("out/report.pdf")).hasContent("old");
        assertThat(server.written).isEmpty();
    }

    @Test
    void withoutOverwriteAFileCreatedDuringTheUploadIsNotReplaced() throws Exception {
        server.beforeRename((from, to) -> Files.writeString(server.local(to), "arrived meanwhile"));

        ExtensionException e = catchThrowableOfType(ExtensionException.class,
                () -> sftp.deliver(config(), file("report.pdf", "", "ours")));

        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("'report.pdf' already exists");
        assertThat(server.home.resolve("report.pdf")).hasContent("arrived meanwhile");
        assertThat(filesUnderHome()).containsExactly(Path.of("report.pdf"));
    }

    @Test
    void withOverwriteAnExistingFileIsReplacedInOneRename() throws Exception {
        Files.createDirectories(server.home.resolve("out"));
        Files.writeString(server.home.resolve("out/report.pdf"), "old");

        sftp.deliver(config("overwrite", true), file("report.pdf", "out", "new"));

        assertThat(server.home.resolve("out/report.pdf")).hasContent("new");
        // OpenSSH's posix-rename: the old file is replaced by the rename itself, never removed first.
        assertThat(server.renames).hasSize(1);
        assertThat(server.removals).isEmpty();
        assertThat(filesUnderHome()).containsExactly(Path.of("out/report.pdf"));
    }

    @Test
    void aFolderInTheWayOfTheFileIsRefusedEvenWithOverwrite() throws Exception {
        Files.createDirectories(server.home.resolve("out/report.pdf"));

        assertThatThrownBy(() -> sftp.deliver(config("overwrite", true), file("report.pdf", "out", "new")))
                .isInstanceOf(ExtensionException.class)
                .hasMessageContaining("A folder named 'report.pdf' already exists");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../outside", "a/../../outside", "/etc", "C:/x", "a\\b", "..", "...", ". .", "a/\u0000", "a\nb"})
    void traversalAndUnsafeFoldersAreRefusedBeforeConnecting(String folder) {
        ExtensionException e = catchThrowableOfType(ExtensionException.class, () -> sftp.deliver(config(), file("r.pdf", folder, "x")));

        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).startsWith("The folder '").contains("is not allowed");
        assertThat(server.sessions).hasValue(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../r.pdf", "a/r.pdf", "..", "r\npdf", "C:r.pdf", "a\\r.pdf", " "})
    void unsafeFileNamesAreRefusedBeforeConnecting(String name) {
        ExtensionException e = catchThrowableOfType(ExtensionException.class, () -> sftp.deliver(config(), file(name, "", "x")));

        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).startsWith("The file name");
        assertThat(server.sessions).hasValue(0);
    }

    @Test
    void aWrongPasswordIsNotRetryableAndNeverShown() {
        ExtensionException e = catchThrowableOfType(ExtensionException.class,
                () -> sftp.deliver(config("password", "wrong-Password-123"), file("r.pdf", "", "x")));

        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).isEqualTo("The server at 127.0.0.1:" + server.port + " refused the login of user 'alice' "
                + "with the configured password (wrong user name, password or key?).");
    }

    @Test
    void logsInWithAnRsaKeyInPkcs8() throws Exception {
        KeyPair key = SftpTestServer.Keys.rsa();
        server.authorize(key.getPublic());

        sftp.deliver(config("username", SftpTestServer.KEY_USER, "password", null, "privateKey", SftpTestServer.Keys.pkcs8(key)),
                file("rsa.pdf", "", "by key"));

        assertThat(server.home.resolve("rsa.pdf")).hasContent("by key");
    }

    @Test
    void logsInWithAnEncryptedEd25519KeyInOpenSshFormat() throws Exception {
        KeyPair key = SftpTestServer.Keys.ed25519();
        server.authorize(key.getPublic());
        String pem = SftpTestServer.Keys.openSsh(key, "correct horse");

        sftp.deliver(config("username", SftpTestServer.KEY_USER, "password", null, "privateKey", pem,
                "privateKeyPassphrase", "correct horse"), file("ed.pdf", "", "by ed25519 key"));

        assertThat(server.home.resolve("ed.pdf")).hasContent("by ed25519 key");
    }

    @Test
    void keyProblemsAreSettingsErrorsSaidBeforeConnecting() throws Exception {
        KeyPair key = SftpTestServer.Keys.ed25519();
        server.authorize(key.getPublic());
        String encrypted = SftpTestServer.Keys.openSsh(key, "correct horse");

        ExtensionException noPassphrase = catchThrowableOfType(ExtensionException.class, () -> sftp.deliver(
                config("username", SftpTestServer.KEY_USER, "privateKey", encrypted), file("r.pdf", "", "x")));
        assertThat(noPassphrase.isRetryable()).isFalse();
        assertThat(noPassphrase.getMessage()).isEqualTo("The private key is encrypted: set its passphrase.");

        ExtensionException wrongPassphrase = catchThrowableOfType(ExtensionException.class, () -> sftp.deliver(
                config("username", SftpTestServer.KEY_USER, "privateKey", encrypted, "privateKeyPassphrase", "battery staple"),
                file("r.pdf", "", "x")));
        assertThat(wrongPassphrase.isRetryable()).isFalse();
        assertThat(wrongPassphrase.getMessage()).contains("passphrase is wrong").doesNotContain("battery staple");

        ExtensionException garbage = catchThrowableOfType(ExtensionException.class, () -> sftp.deliver(
                config("privateKey", "ssh-ed25519 AAAA... this is a public key"), file("r.pdf", "", "x")));
        assertThat(garbage.isRetryable()).isFalse();
        assertThat(garbage.getMessage()).contains("not a PEM private key");

        assertThat(server.sessions).hasValue(0);
    }

    @Test
    void anUnauthorizedKeyIsALoginRefusal() throws Exception {
        KeyPair stranger = SftpTestServer.Keys.ed25519();

        ExtensionException e = catchThrowableOfType(ExtensionException.class, () -> sftp.deliver(
                config("username", SftpTestServer.KEY_USER, "password", null, "privateKey", SftpTestServer.Keys.openSsh(stranger, null)),
                file("r.pdf", "", "x")));

        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("refused the login of user 'bob' with the configured private key");
    }

    @Test
    void neitherPasswordNorKeyIsRefusedBeforeConnecting() {
        ExtensionException e = catchThrowableOfType(ExtensionException.class,
                () -> sftp.deliver(config("password", null), file("r.pdf", "", "x")));

        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).isEqualTo("Set a password or a private key to log in with.");
        assertThat(server.sessions).hasValue(0);
    }

    @Test
    void aServerThatIsDownIsRetryable() throws Exception {
        Config config = config();
        server.close();

        ExtensionException e = catchThrowableOfType(ExtensionException.class, () -> sftp.deliver(config, file("r.pdf", "", "x")));

        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getMessage()).contains("127.0.0.1:" + server.port).contains("connection was refused");
    }

    @Test
    void aServerThatNeverAnswersTimesOutRetryably() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    accepted.add(silent.accept());
                } catch (IOException ignored) {
                    // closed by the test
                }
            });
            acceptor.start();
            long start = System.nanoTime();

            ExtensionException e = catchThrowableOfType(ExtensionException.class, () -> sftp.deliver(
                    config("port", silent.getLocalPort(), "connectTimeoutSeconds", 1, "readTimeoutSeconds", 1), file("r.pdf", "", "x")));

            assertThat(e.isRetryable()).as(e.getMessage()).isTrue();
            assertThat(e.getMessage()).contains("did not answer in time");
            assertThat(System.nanoTime() - start).isLessThan(8_000_000_000L);
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    @Test
    void permissionDeniedIsNotRetryable() {
        ExtensionException e = catchThrowableOfType(ExtensionException.class,
                () -> sftp.deliver(config("username", SftpTestServer.READ_ONLY_USER), file("r.pdf", "", "x")));

        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("upload of 'r.pdf'").contains("SSH_FX_PERMISSION_DENIED");
    }

    @Test
    void aSourceThatFailsMidwayLeavesNoFileBehind() throws Exception {
        DeliveryFile broken = new DeliveryFile("report.pdf", "out", "application/pdf", 1_000_000, () -> new InputStream() {
            private int sent;

            @Override
            public int read() throws IOException {
                if (sent++ > 200_000) {
                    throw new IOException("the stored copy is gone");
                }
                return 'x';
            }
        });

        ExtensionException e = catchThrowableOfType(ExtensionException.class, () -> sftp.deliver(config(), broken));

        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getMessage()).contains("could not be read").contains("the stored copy is gone");
        assertThat(filesUnderHome()).isEmpty();
    }

    @Test
    void aServerStoppedDuringTheUploadLeavesNoFinalFile() throws Exception {
        DeliveryFile endless = new DeliveryFile("report.pdf", "out", "application/pdf", 50_000_000, () -> new InputStream() {
            private long sent;

            @Override
            public int read() throws IOException {
                if (sent++ == 500_000) {
                    server.close();
                }
                return sent > 50_000_000 ? -1 : 'x';
            }
        });

        ExtensionException e = catchThrowableOfType(ExtensionException.class, () -> sftp.deliver(config(), endless));

        assertThat(e.isRetryable()).as(e.getMessage()).isTrue();
        assertThat(e.getMessage()).isEqualTo("The upload of 'report.pdf' into 'out' to 127.0.0.1:" + server.port
                + " failed: the connection was lost.");
        assertThat(server.home.resolve("out/report.pdf")).doesNotExist();
    }

    @Test
    void testWritesAndRemovesAProbeAndLeavesNothing() throws Exception {
        Files.createDirectories(server.home.resolve("probe-here"));

        ConnectionTestResult result = sftp.test(config("testDirectory", "probe-here"));

        assertThat(result.ok()).as(result.message()).isTrue();
        assertThat(result.message()).contains("127.0.0.1:" + server.port).contains("'alice'").contains("'/probe-here'")
                .contains("matches the pinned fingerprint").contains(server.fingerprint());
        assertThat(server.written).singleElement().asString().startsWith("probe-here/.qalyptus-probe-");
        assertThat(filesUnderHome()).isEmpty();
    }

    @Test
    void testSaysWhatFailedWithoutThrowing() throws Exception {
        ConnectionTestResult wrongPassword = sftp.test(config("password", "nope-nope"));
        assertThat(wrongPassword.ok()).isFalse();
        assertThat(wrongPassword.message()).contains("refused the login").doesNotContain("nope-nope");

        ConnectionTestResult missingFolder = sftp.test(config("testDirectory", "/absent"));
        assertThat(missingFolder.ok()).isFalse();
        assertThat(missingFolder.message()).contains("test folder '/absent' does not exist");

        ConnectionTestResult readOnly = sftp.test(config("username", SftpTestServer.READ_ONLY_USER));
        assertThat(readOnly.ok()).isFalse();
        assertThat(readOnly.message()).contains("probe file").contains("PERMISSION_DENIED");

        ConnectionTestResult badFingerprint = sftp.test(config("hostKeyFingerprint", "MD5:12:34"));
        assertThat(badFingerprint.ok()).isFalse();
        assertThat(badFingerprint.message()).contains("is not a SHA256 fingerprint");

        server.close();
        ConnectionTestResult down = sftp.test(config());
        assertThat(down.ok()).isFalse();
        assertThat(down.message()).contains("connection was refused");
        assertThat(filesUnderHome()).isEmpty();
    }
}
