package org.qalyptus.plugins.storage.ftp;

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

/** Plain FTP against a real Apache FtpServer in this JVM. */
class FtpStorageTargetTest {

    @TempDir
    Path dir;

    private final FtpStorageTarget ftp = new FtpStorageTarget();
    private FtpTestServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = FtpTestServer.plain(dir);
    }

    @AfterEach
    void stopServer() {
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
    void declaresItsSettingsWithThePasswordSecret() {
        assertThat(ftp.typeId()).isEqualTo("Ftp");
        assertThat(ftp.configFields()).extracting(ConfigField::name).containsExactly("host", "port", "security",
                "tlsCertificateFingerprint", "username", "password", "passiveMode", "remoteFolder", "ftpTestDirectoryPath",
                "overwrite", "connectTimeoutSeconds", "readTimeoutSeconds");
        assertThat(ftp.configFields()).filteredOn(ConfigField::secret).extracting(ConfigField::name).containsExactly("password");
        Config defaults = Config.bind(ftp.configFields(), Map.of("host", "example.org", "username", "u"));
        assertThat(defaults.integer("port")).contains(21L);
        assertThat(defaults.bool("passiveMode")).isTrue();
        assertThat(defaults.bool("overwrite")).isFalse();
        assertThat(defaults.string("security")).contains("None");
    }

    @Test
    void deliversTheExactBytesInBinaryModeIntoNewSubFolders() throws Exception {
        byte[] bytes = new byte[300_000];
        new Random(7).nextBytes(bytes);
        // CR LF and lone LF bytes would be rewritten by an ASCII-mode transfer.
        bytes[10] = '\r';
        bytes[11] = '\n';
        bytes[12] = '\n';

        DeliveryReceipt receipt = ftp.deliver(config(), file("report.pdf", "sales/2024", bytes));

        assertThat(server.home.resolve("sales/2024/report.pdf")).hasBinaryContent(bytes);
        assertThat(receipt.bytes()).isEqualTo(bytes.length);
        assertThat(receipt.location()).isEqualTo("ftp://127.0.0.1:" + server.port + "/sales/2024/report.pdf");
        assertThat(filesUnderHome()).containsExactly(Path.of("sales/2024/report.pdf"));
    }

    @Test
    void deliversBelowTheRemoteFolderAbsoluteOrRelative() throws Exception {
        Files.createDirectories(server.home.resolve("out/reports"));

        ftp.deliver(config("remoteFolder", "/out/reports"), file("a.pdf", "", "absolute"));
        ftp.deliver(config("remoteFolder", "out"), file("b.pdf", "x", "relative"));

        assertThat(server.home.resolve("out/reports/a.pdf")).hasContent("absolute");
        assertThat(server.home.resolve("out/x/b.pdf")).hasContent("relative");
    }

    @Test
    void aMissingRemoteFolderIsNotCreatedAndNotRetryable() throws Exception {
        ExtensionException e = catchThrowableOfType(ExtensionException.class,
                () -> ftp.deliver(config("remoteFolder", "/nowhere"), file("a.pdf", "", "x")));

        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("remote folder '/nowhere'").contains("127.0.0.1:" + server.port).contains("550");
        assertThat(server.home.resolve("nowhere")).doesNotExist();
    }

    @Test
    void uploadsUnderATemporaryNameAndRenamesOnlyOnceComplete() throws Exception {
        String text = "the whole report";
        List<String> seenAtRename = new CopyOnWriteArrayList<>();
        server.beforeCommand((session, request) -> {
            if (request.getCommand().equals("RNTO")) {
                seenAtRename.add("final exists=" + Files.exists(server.home.resolve("out/report.pdf")));
                try (Stream<Path> files = Files.list(server.home.resolve("out"))) {
                    files.forEach(f -> seenAtRename.add(f.getFileName() + "=" + readQuietly(f)));
                }
            }
        });

        ftp.deliver(config(), file("report.pdf", "out", text));

        List<String> stores = server.commands.stream().filter(c -> c.startsWith("STOR ")).toList();
        assertThat(stores).singleElement().asString().matches("STOR \\.qalyptus-[0-9a-f-]{36}\\.part");
        String temp = stores.get(0).substring(5);
        assertThat(server.commands).containsSubsequence(stores.get(0), "RNFR " + temp, "RNTO report.pdf");
        assertThat(seenAtRename).containsExactly("final exists=false", temp + "=" + text);
        assertThat(filesUnderHome()).containsExactly(Path.of("out/report.pdf"));
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "<unreadable>";
        }
    }

    @Test
    void withoutOverwriteAnExistingFileIsKeptAndTheDeliveryRefused() throws Exception {
        Files.createDirectories(server.home.resolve("out"));
        Files.writeString(server.home.resolve("out/report.pdf"), "old");

        ExtensionException e = catchThrowableOfType(ExtensionException.class,
                () -> ftp.deliver(config(), file("report.pdf", "out", "new")));

        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("'report.pdf' already exists").contains("overwrite");
        assertThat(server.home.resolve("out/report.pdf")).hasContent("old");
        assertThat(filesUnderHome()).containsExactly(Path.of("out/report.pdf"));
        assertThat(server.commands).noneMatch(c -> c.startsWith("STOR"));
    }

    @Test
    void withOverwriteAnExistingFileIsReplaced() throws Exception {
        Files.createDirectories(server.home.resolve("out"));
        Files.writeString(server.home.resolve("out/report.pdf"), "old");

        ftp.deliver(config("overwrite", true), file("report.pdf", "out", "new"));

        assertThat(server.home.resolve("out/report.pdf")).hasContent("new");
        assertThat(filesUnderHome()).containsExactly(Path.of("out/report.pdf"));
    }

    @Test
    void aFolderInTheWayOfTheFileIsRefusedEvenWithOverwrite() throws Exception {
        Files.createDirectories(server.home.resolve("out/report.pdf"));

        assertThatThrownBy(() -> ftp.deliver(config("overwrite", true), file("report.pdf", "out", "new")))
                .isInstanceOf(ExtensionException.class)
                .hasMessageContaining("A folder named 'report.pdf' already exists");
        assertThat(server.home.resolve("out/report.pdf")).isDirectory();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../outside", "a/../../outside", "/etc", "C:/x", "a\\b", "..", "...", ". .", "a/\u0000", "a\r\nDELE x"})
    void traversalAndUnsafeFoldersAreRefusedBeforeConnecting(String folder) {
        ExtensionException e = catchThrowableOfType(ExtensionException.class, () -> ftp.deliver(config(), file("r.pdf", folder, "x")));

        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).startsWith("The folder '").contains("is not allowed");
        assertThat(server.connections).hasValue(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../r.pdf", "a/r.pdf", "..", "r.pdf\r\nDELE x", "C:r.pdf", "a\\r.pdf", " "})
    void unsafeFileNamesAreRefusedBeforeConnecting(String name) {
        ExtensionException e = catchThrowableOfType(ExtensionException.class, () -> ftp.deliver(config(), file(name, "", "x")));

        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).startsWith("The file name");
        assertThat(server.connections).hasValue(0);
    }

    @Test
    void aWrongPasswordIsNotRetryableAndNeverShown() {
        ExtensionException e = catchThrowableOfType(ExtensionException.class,
                () -> ftp.deliver(config("password", "wrong-Password-123"), file("r.pdf", "", "x")));

        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("127.0.0.1:" + server.port).contains("refused the login of user 'alice'")
                .contains("530").doesNotContain("wrong-Password-123").doesNotContain(FtpTestServer.PASSWORD);
    }

    @Test
    void aServerThatIsDownIsRetryable() {
        Config config = config();
        server.close();

        ExtensionException e = catchThrowableOfType(ExtensionException.class, () -> ftp.deliver(config, file("r.pdf", "", "x")));

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

            ExtensionException e = catchThrowableOfType(ExtensionException.class, () -> ftp.deliver(
                    config("port", silent.getLocalPort(), "connectTimeoutSeconds", 1, "readTimeoutSeconds", 1), file("r.pdf", "", "x")));

            assertThat(e.isRetryable()).isTrue();
            assertThat(e.getMessage()).contains("did not answer in time");
            assertThat(System.nanoTime() - start).isLessThan(8_000_000_000L);
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    @Test
    void transientRepliesAreRetryableAndPermanentOnesAreNot() {
        server.refuse("STOR", 452);
        ExtensionException full = catchThrowableOfType(ExtensionException.class, () -> ftp.deliver(config(), file("r.pdf", "", "x")));
        assertThat(full.isRetryable()).isTrue();
        assertThat(full.getMessage()).contains("refused the upload of 'r.pdf'").contains("452 Refused by the test");

        server.refuse("STOR", 553);
        ExtensionException denied = catchThrowableOfType(ExtensionException.class, () -> ftp.deliver(config(), file("r.pdf", "", "x")));
        assertThat(denied.isRetryable()).isFalse();
        assertThat(denied.getMessage()).contains("553");
    }

    @Test
    void aUserWithoutWritePermissionGetsANotRetryableRefusal() {
        ExtensionException e = catchThrowableOfType(ExtensionException.class,
                () -> ftp.deliver(config("username", FtpTestServer.READ_ONLY_USER), file("r.pdf", "", "x")));

        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("refused the upload of 'r.pdf'").contains("550");
        assertThat(server.home.resolve("readonly")).isEmptyDirectory();
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

        ExtensionException e = catchThrowableOfType(ExtensionException.class, () -> ftp.deliver(config(), broken));

        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getMessage()).contains("could not be read").contains("the stored copy is gone");
        assertThat(filesUnderHome()).isEmpty();
    }

    @Test
    void aServerStoppedDuringTheUploadLeavesNoFinalFile() throws Exception {
        DeliveryFile endless = new DeliveryFile("report.pdf", "out", "application/pdf", 50_000_000, () -> new InputStream() {
            private long sent;

            @Override
            public int read() {
                if (sent++ == 500_000) {
                    server.close();
                }
                return sent > 50_000_000 ? -1 : 'x';
            }
        });

        ExtensionException e = catchThrowableOfType(ExtensionException.class, () -> ftp.deliver(config(), endless));

        assertThat(e.isRetryable()).as(e.getMessage()).isTrue();
        assertThat(e.getMessage()).startsWith("The upload of 'report.pdf' into 'out' to 127.0.0.1:" + server.port + " failed: ");
        assertThat(server.home.resolve("out/report.pdf")).doesNotExist();
    }

    @Test
    void activeModeWorksToo() throws Exception {
        ftp.deliver(config("passiveMode", false), file("active.pdf", "", "over an active data connection"));

        assertThat(server.home.resolve("active.pdf")).hasContent("over an active data connection");
        assertThat(server.commands).anyMatch(c -> c.startsWith("PORT") || c.startsWith("EPRT"));
    }

    @Test
    void testWritesAndRemovesAProbeInTheTestFolderAndLeavesNothing() throws Exception {
        Files.createDirectories(server.home.resolve("probe-here"));

        ConnectionTestResult result = ftp.test(config("ftpTestDirectoryPath", "probe-here"));

        assertThat(result.ok()).as(result.message()).isTrue();
        assertThat(result.message()).contains("127.0.0.1:" + server.port).contains("'alice'").contains("'/probe-here'")
                .contains("not encrypted");
        assertThat(server.commands).anyMatch(c -> c.startsWith("STOR .qalyptus-probe-")).anyMatch(c -> c.startsWith("DELE .qalyptus-probe-"));
        assertThat(filesUnderHome()).isEmpty();
        assertThat(server.home.resolve("probe-here")).isEmptyDirectory();
    }

    @Test
    void testWithoutATestFolderProbesTheRemoteFolder() throws Exception {
        Files.createDirectories(server.home.resolve("out"));

        ConnectionTestResult result = ftp.test(config("remoteFolder", "out"));

        assertThat(result.ok()).as(result.message()).isTrue();
        assertThat(result.message()).contains("'/out'");
        assertThat(filesUnderHome()).isEmpty();
    }

    @Test
    void testSaysWhatFailedWithoutThrowing() throws Exception {
        ConnectionTestResult wrongPassword = ftp.test(config("password", "nope-nope"));
        assertThat(wrongPassword.ok()).isFalse();
        assertThat(wrongPassword.message()).contains("refused the login").doesNotContain("nope-nope");

        ConnectionTestResult missingFolder = ftp.test(config("ftpTestDirectoryPath", "/absent"));
        assertThat(missingFolder.ok()).isFalse();
        assertThat(missingFolder.message()).contains("test folder '/absent'");

        ConnectionTestResult readOnly = ftp.test(config("username", FtpTestServer.READ_ONLY_USER));
        assertThat(readOnly.ok()).isFalse();
        assertThat(readOnly.message()).contains("probe file").contains("550");

        ConnectionTestResult badPort = ftp.test(config("port", 0));
        assertThat(badPort.ok()).isFalse();
        assertThat(badPort.message()).contains("'port' must be between 1 and 65535");

        server.close();
        ConnectionTestResult down = ftp.test(config());
        assertThat(down.ok()).isFalse();
        assertThat(down.message()).contains("connection was refused");
        assertThat(filesUnderHome()).isEmpty();
    }

    @Test
    void aPinWithoutTlsIsRefusedBeforeConnecting() {
        ExtensionException e = catchThrowableOfType(ExtensionException.class, () -> ftp.deliver(
                config("tlsCertificateFingerprint", "AB".repeat(32)), file("r.pdf", "", "x")));

        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("choose 'Explicit TLS'");
        assertThat(server.connections).hasValue(0);
    }

    @Test
    void explicitTlsAgainstAServerWithoutTlsSaysSo() throws Exception {
        ExtensionException e = catchThrowableOfType(ExtensionException.class,
                () -> ftp.deliver(config("security", "Explicit TLS"), file("r.pdf", "", "x")));

        assertThat(e.isRetryable()).as(e.getMessage()).isFalse();
        assertThat(e.getMessage()).contains("does not accept explicit TLS").contains("431");
        assertThat(filesUnderHome()).isEmpty();
    }
}
