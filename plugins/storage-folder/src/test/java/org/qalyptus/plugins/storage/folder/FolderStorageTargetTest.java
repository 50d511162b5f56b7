package org.qalyptus.plugins.storage.folder;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qalyptus.spi.ConnectionTestResult;
import org.qalyptus.spi.ExtensionException;
import org.qalyptus.spi.config.Config;
import org.qalyptus.spi.config.ConfigField;
import org.qalyptus.spi.config.ConfigFieldType;
import org.qalyptus.spi.config.InvalidConfigException;
import org.qalyptus.spi.storage.DeliveryFile;
import org.qalyptus.spi.storage.DeliveryReceipt;

class FolderStorageTargetTest {

    private final FolderStorageTarget target = new FolderStorageTarget();

    @TempDir
    Path temp;

    private Path root;
    private Path outside;

    @BeforeEach
    void folders() throws IOException {
        root = Files.createDirectory(temp.resolve("root"));
        outside = Files.createDirectory(temp.resolve("outside"));
    }

    // --- describing itself ---

    @Test
    void describesItselfAsTheFolderTargetWithThreeSettings() {
        assertThat(target.typeId()).isEqualTo("Folder");
        assertThat(target.displayName()).isEqualTo("Folder");
        assertThat(target.configFields())
                .extracting(ConfigField::name, ConfigField::type, ConfigField::required)
                .containsExactly(
                        tuple("rootFolder", ConfigFieldType.PATH, true),
                        tuple("subFolder", ConfigFieldType.STRING, false),
                        tuple("overwrite", ConfigFieldType.BOOLEAN, false));
    }

    @Test
    void bindsSettingsWithOverwriteOffByDefault() {
        Config config = Config.bind(target.configFields(), Map.of("rootFolder", root.toString(), "subFolder", "sales"));

        assertThat(config.requireString("rootFolder")).isEqualTo(root.toString());
        assertThat(config.string("subFolder")).contains("sales");
        assertThat(config.bool("overwrite")).isFalse();
        assertThat(config.asMap()).containsEntry("overwrite", false);
    }

    @Test
    void requiresARootFolderSetting() {
        assertThatThrownBy(() -> Config.bind(target.configFields(), Map.of("subFolder", "sales")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("rootFolder");
    }

    // --- delivering ---

    @Test
    void deliversIntoTheRootFolder() throws IOException {
        DeliveryReceipt receipt = target.deliver(config(), file("report.pdf", "", "%PDF-1.7 sales"));

        assertThat(receipt.location()).isEqualTo("report.pdf");
        assertThat(receipt.bytes()).isEqualTo("%PDF-1.7 sales".length());
        assertThat(root.resolve("report.pdf")).hasContent("%PDF-1.7 sales");
    }

    @Test
    void createsTheSubFolderAndTheDeliveryFolderBelowTheRoot() throws IOException {
        DeliveryReceipt receipt = target.deliver(
                config("subFolder", "sales/emea"), file("report.pdf", "2024/q1", "numbers"));

        assertThat(receipt.location()).isEqualTo("sales/emea/2024/q1/report.pdf");
        assertThat(root.resolve("sales/emea/2024/q1/report.pdf")).hasContent("numbers");
    }

    @Test
    void ignoresEmptySegmentsSuchAsATrailingSlash() {
        DeliveryReceipt receipt = target.deliver(config("subFolder", "sales//emea/"), file("r.csv", "2024/", "a;b"));

        assertThat(receipt.location()).isEqualTo("sales/emea/2024/r.csv");
        assertThat(root.resolve("sales/emea/2024/r.csv")).hasContent("a;b");
    }

    @Test
    void deliversIntoAnExistingSubFolderAgain() {
        target.deliver(config("subFolder", "sales"), file("a.pdf", "", "a"));
        target.deliver(config("subFolder", "sales"), file("b.pdf", "", "b"));

        assertThat(root.resolve("sales")).isDirectoryContaining("glob:**/a.pdf").isDirectoryContaining("glob:**/b.pdf");
    }

    @Test
    void followsALinkThatStaysInsideTheRoot() throws IOException {
        Files.createDirectory(root.resolve("archive"));
        Files.createSymbolicLink(root.resolve("latest"), root.resolve("archive"));

        DeliveryReceipt receipt = target.deliver(config("subFolder", "latest"), file("report.pdf", "", "x"));

        assertThat(receipt.location()).isEqualTo("latest/report.pdf");
        assertThat(root.resolve("archive/report.pdf")).hasContent("x");
    }

    @Test
    void acceptsARootThatIsItselfALink() throws IOException {
        Path linkedRoot = Files.createSymbolicLink(temp.resolve("linked-root"), root);

        target.deliver(Config.bind(target.configFields(), Map.of("rootFolder", linkedRoot.toString())),
                file("report.pdf", "sales", "x"));

        assertThat(root.resolve("sales/report.pdf")).hasContent("x");
    }

    // --- refusing paths that leave the root ---

    @ParameterizedTest
    @ValueSource(strings = {"..", "../outside", "sales/../../outside", "sales/..", "./..", "..."})
    void refusesParentSegmentsInTheSubFolder(String subFolder) {
        assertRefused(() -> target.deliver(config("subFolder", subFolder), file("report.pdf", "", "x")), subFolder);
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "../outside", "2024/../../outside", "2024/..", ". ."})
    void refusesParentSegmentsInTheDeliveryFolder(String folder) {
        assertRefused(() -> target.deliver(config(), file("report.pdf", folder, "x")), folder);
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", ".", "../report.pdf", "2024/report.pdf", "../outside/report.pdf"})
    void refusesFileNamesThatAreNotASingleName(String fileName) {
        assertRefused(() -> target.deliver(config(), file(fileName, "", "x")), fileName);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc", "/tmp/outside", "C:/Windows", "c:reports", "sales\\..\\..\\outside", "\\\\server\\share"})
    void refusesAbsolutePathsDriveLettersAndBackslashesInTheSubFolder(String subFolder) {
        assertRefused(() -> target.deliver(config("subFolder", subFolder), file("report.pdf", "", "x")), subFolder);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc", "/", "D:\\reports", "..\\outside", "2024\\..\\..", "a\u0000b", "line\nbreak"})
    void refusesAbsolutePathsDriveLettersBackslashesAndControlCharactersInTheDeliveryFolder(String folder) {
        assertRefused(() -> target.deliver(config(), file("report.pdf", folder, "x")), null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/passwd", "C:report.pdf", "..\\report.pdf", "report.pdf\u0000.txt", "report.pdf:stream"})
    void refusesAbsoluteAndTrickFileNames(String fileName) {
        assertRefused(() -> target.deliver(config(), file(fileName, "", "x")), null);
    }

    @Test
    void refusesALinkInsideTheRootThatLeadsOutside() throws IOException {
        Files.createSymbolicLink(root.resolve("escape"), outside);

        assertRefused(() -> target.deliver(config("subFolder", "escape"), file("report.pdf", "", "x")), "escape");
        assertRefused(() -> target.deliver(config(), file("report.pdf", "escape/deeper", "x")), "escape");

        assertThat(outside).isEmptyDirectory();
    }

    @Test
    void neverNamesWhereAnOutsideLinkLeads() throws IOException {
        Files.createSymbolicLink(root.resolve("escape"), outside);

        assertThatThrownBy(() -> target.deliver(config(), file("report.pdf", "escape", "x")))
                .hasMessageContaining("leads outside the root folder")
                .hasMessageNotContaining(outside.toString())
                .hasMessageNotContaining(root.toString());
    }

    @Test
    void refusesADanglingLinkWithoutCreatingItsTarget() throws IOException {
        Path missing = outside.resolve("missing");
        Files.createSymbolicLink(root.resolve("dangling"), missing);

        assertRefused(() -> target.deliver(config(), file("report.pdf", "dangling", "x")), "dangling");

        assertThat(missing).doesNotExist();
        assertThat(outside).isEmptyDirectory();
    }

    @Test
    void refusesAFolderPathThroughAFile() throws IOException {
        Files.writeString(root.resolve("sales"), "not a folder");

        assertRefused(() -> target.deliver(config("subFolder", "sales"), file("report.pdf", "2024", "x")), "sales");
    }

    // --- existing files ---

    @Test
    void refusesToReplaceAnExistingFileByDefaultAndLeavesItUnchanged() throws IOException {
        Files.writeString(root.resolve("report.pdf"), "yesterday");

        assertThatThrownBy(() -> target.deliver(config(), file("report.pdf", "", "today")))
                .isInstanceOfSatisfying(ExtensionException.class, e -> assertThat(e.isRetryable()).isFalse())
                .hasMessageContaining("A file named 'report.pdf' already exists in the root folder");

        assertThat(root.resolve("report.pdf")).hasContent("yesterday");
        assertNoTemporaryFiles();
    }

    @Test
    void namesTheFolderRelativeToTheRootWhenAFileExists() throws IOException {
        Files.createDirectories(root.resolve("sales/2024"));
        Files.writeString(root.resolve("sales/2024/report.pdf"), "yesterday");

        assertThatThrownBy(() -> target.deliver(config("subFolder", "sales"), file("report.pdf", "2024", "today")))
                .hasMessageContaining("already exists in 'sales/2024'")
                .hasMessageNotContaining(root.toString());
    }

    @Test
    void replacesAnExistingFileWhenOverwriteIsOn() throws IOException {
        Files.writeString(root.resolve("report.pdf"), "yesterday");

        DeliveryReceipt receipt = target.deliver(config("overwrite", true), file("report.pdf", "", "today"));

        assertThat(receipt.bytes()).isEqualTo(5);
        assertThat(root.resolve("report.pdf")).hasContent("today");
        assertNoTemporaryFiles();
    }

    @Test
    void refusesToWriteThroughALinkAtTheTargetNameEvenWithOverwrite() throws IOException {
        Path secret = Files.writeString(outside.resolve("secret.txt"), "keep me");
        Files.createSymbolicLink(root.resolve("report.pdf"), secret);

        for (boolean overwrite : new boolean[] {false, true}) {
            assertThatThrownBy(() -> target.deliver(config("overwrite", overwrite), file("report.pdf", "", "evil")))
                    .isInstanceOfSatisfying(ExtensionException.class, e -> assertThat(e.isRetryable()).isFalse())
                    .hasMessageContaining("symbolic link")
                    .hasMessageNotContaining(secret.toString());
        }

        assertThat(secret).hasContent("keep me");
        assertThat(root.resolve("report.pdf")).isSymbolicLink();
        assertNoTemporaryFiles();
    }

    @Test
    void refusesToReplaceAFolderOfTheSameName() throws IOException {
        Files.createDirectory(root.resolve("report.pdf"));

        assertThatThrownBy(() -> target.deliver(config("overwrite", true), file("report.pdf", "", "x")))
                .hasMessageContaining("A folder named 'report.pdf' already exists");
    }

    @Test
    void letsExactlyOneOfManySimultaneousDeliveriesOfTheSameNameWin() throws Exception {
        List<Callable<String>> deliveries = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String content = "copy " + i;
            deliveries.add(() -> {
                try {
                    target.deliver(config("subFolder", "shared/new"), file("report.pdf", "", content));
                    return content;
                } catch (ExtensionException e) {
                    assertThat(e).hasMessageContaining("already exists");
                    return null;
                }
            });
        }

        List<String> winners = runAll(deliveries);

        assertThat(winners).hasSize(1);
        assertThat(root.resolve("shared/new/report.pdf")).hasContent(winners.get(0));
        assertNoTemporaryFiles();
    }

    @Test
    void deliversManyFilesAtOnceIntoTheSameNewFolder() throws Exception {
        List<Callable<String>> deliveries = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String name = "report-" + i + ".pdf";
            deliveries.add(() -> target.deliver(config("subFolder", "fresh/deep"), file(name, "a/b", name)).location());
        }

        assertThat(runAll(deliveries)).hasSize(16).allMatch(location -> location.startsWith("fresh/deep/a/b/report-"));
        try (Stream<Path> files = Files.list(root.resolve("fresh/deep/a/b"))) {
            assertThat(files).hasSize(16);
        }
    }

    // --- the root folder ---

    @Test
    void aMissingRootIsAClearNonRetryableErrorAndNothingIsCreated() {
        Path missing = temp.resolve("missing");

        assertThatThrownBy(() -> target.deliver(
                        Config.bind(target.configFields(), Map.of("rootFolder", missing.toString(), "subFolder", "sales")),
                        file("report.pdf", "2024", "x")))
                .isInstanceOfSatisfying(ExtensionException.class, e -> assertThat(e.isRetryable()).isFalse())
                .hasMessage("The root folder '" + missing + "' does not exist.");

        assertThat(missing).doesNotExist();
    }

    @Test
    void refusesARootThatIsAFile() throws IOException {
        Path file = Files.writeString(temp.resolve("root.txt"), "x");

        assertThatThrownBy(() -> target.deliver(
                        Config.bind(target.configFields(), Map.of("rootFolder", file.toString())), file("r.pdf", "", "x")))
                .isInstanceOfSatisfying(ExtensionException.class, e -> assertThat(e.isRetryable()).isFalse())
                .hasMessageContaining("is not a folder");
    }

    @Test
    void refusesARelativeRoot() {
        assertThatThrownBy(() -> target.deliver(
                        Config.bind(target.configFields(), Map.of("rootFolder", "reports")), file("r.pdf", "", "x")))
                .isInstanceOfSatisfying(ExtensionException.class, e -> assertThat(e.isRetryable()).isFalse())
                .hasMessageContaining("must be an absolute path");
    }

    // --- failures while writing ---

    @Test
    void aFailureWhileReadingTheContentIsRetryableAndLeavesNothingBehind() {
        DeliveryFile broken = new DeliveryFile("report.pdf", "sales", "application/pdf", 10, () -> new InputStream() {
            private int left = 3;

            @Override
            public int read() throws IOException {
                if (left-- > 0) {
                    return 'x';
                }
                throw new IOException("connection to the file store was reset");
            }
        });

        assertThatThrownBy(() -> target.deliver(config(), broken))
                .isInstanceOfSatisfying(ExtensionException.class, e -> assertThat(e.isRetryable()).isTrue())
                .hasMessageContaining("Could not write 'report.pdf' into 'sales'")
                .hasMessageContaining("connection to the file store was reset");

        assertThat(root.resolve("sales/report.pdf")).doesNotExist();
        assertNoTemporaryFiles();
    }

    @Test
    void leavesNoTemporaryFilesAfterSuccess() throws IOException {
        target.deliver(config("subFolder", "sales"), file("report.pdf", "2024", "x"));
        target.deliver(config("subFolder", "sales", "overwrite", true), file("report.pdf", "2024", "y"));

        assertNoTemporaryFiles();
        try (Stream<Path> all = Files.walk(root)) {
            assertThat(all.filter(Files::isRegularFile)).containsExactly(root.resolve("sales/2024/report.pdf"));
        }
    }

    // --- testing the settings ---

    @Test
    void testReportsAWritableRootAndLeavesNothingBehind() throws IOException {
        ConnectionTestResult result = target.test(config("subFolder", "not/yet/created"));

        assertThat(result.ok()).isTrue();
        assertThat(result.message()).contains(root.toString());
        assertThat(root).isEmptyDirectory();
    }

    @Test
    void testFailsForAMissingRoot() {
        Path missing = temp.resolve("missing");

        ConnectionTestResult result = target.test(Config.bind(target.configFields(), Map.of("rootFolder", missing.toString())));

        assertThat(result.ok()).isFalse();
        assertThat(result.message()).isEqualTo("The root folder '" + missing + "' does not exist.");
        assertThat(missing).doesNotExist();
    }

    @Test
    void testFailsForARootThatIsAFile() throws IOException {
        Path file = Files.writeString(temp.resolve("root.txt"), "x");

        ConnectionTestResult result = target.test(Config.bind(target.configFields(), Map.of("rootFolder", file.toString())));

        assertThat(result.ok()).isFalse();
        assertThat(result.message()).contains("is not a folder");
    }

    @Test
    void testFailsForASubFolderThatWouldLeaveTheRoot() throws IOException {
        Files.createSymbolicLink(root.resolve("escape"), outside);

        assertThat(target.test(config("subFolder", "../outside")))
                .satisfies(r -> assertThat(r.ok()).isFalse())
                .satisfies(r -> assertThat(r.message()).contains("'..'"));
        assertThat(target.test(config("subFolder", "escape/x")))
                .satisfies(r -> assertThat(r.ok()).isFalse())
                .satisfies(r -> assertThat(r.message()).contains("leads outside the root folder"));
        assertThat(outside).isEmptyDirectory();
    }

    // --- helpers ---

    private Config config(Object... keysAndValues) {
        Map<String, Object> raw = new HashMap<>();
        raw.put("rootFolder", root.toString());
        for (int i = 0; i < keysAndValues.length; i += 2) {
            raw.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return Config.bind(target.configFields(), raw);
    }

    static DeliveryFile file(String name, String folder, String content) {
        byte[] bytes = content.getBytes(UTF_8);
        return new DeliveryFile(name, folder, "application/pdf", bytes.length, () -> new ByteArrayInputStream(bytes));
    }

    /** Asserts a refusal that retrying cannot fix, naming the value (when printable) and no absolute path. */
    private void assertRefused(ThrowingCallable delivery, String shownValue) {
        assertThatThrownBy(delivery)
                .isInstanceOfSatisfying(ExtensionException.class, e -> {
                    assertThat(e.isRetryable()).isFalse();
                    assertThat(e.getMessage()).doesNotContain(temp.toString());
                    if (shownValue != null) {
                        assertThat(e.getMessage()).contains("'" + shownValue);
                    }
                });
        assertThat(outside).isEmptyDirectory();
        assertThat(temp.resolve("report.pdf")).doesNotExist();
        assertNoTemporaryFiles();
    }

    private void assertNoTemporaryFiles() {
        try (Stream<Path> all = Files.walk(temp)) {
            assertThat(all.map(p -> p.getFileName().toString()))
                    .noneMatch(name -> name.startsWith(AtomicFileWriter.TEMP_PREFIX));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> runAll(List<Callable<String>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<String> results = new ArrayList<>();
            for (Future<String> result : pool.invokeAll(tasks)) {
                if (result.get() != null) {
                    results.add(result.get());
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
