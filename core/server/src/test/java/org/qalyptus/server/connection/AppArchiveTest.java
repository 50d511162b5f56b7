package org.qalyptus.server.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qalyptus.server.web.ApiException;
import org.springframework.http.HttpStatus;

/** Unpacking uploaded app archives: what lands where, and every archive that is refused leaves nothing outside. */
class AppArchiveTest {

    @TempDir
    Path work;

    /** Entries in order; a name ending with / is a folder. */
    static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                if (entry.getValue() != null) {
                    zip.write(entry.getValue());
                }
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private Path unpack(byte[] archive, AppArchive.Limits limits) throws IOException {
        Path file = work.resolve("upload.zip");
        Files.write(file, archive);
        Path into = Files.createDirectories(work.resolve("into"));
        return AppArchive.unpack(file, into, limits);
    }

    private Path unpack(byte[] archive) throws IOException {
        return unpack(archive, AppArchive.Limits.DEFAULT);
    }

    /** Every file under the work folder except the uploaded archive, relative. */
    private java.util.List<String> filesWritten() throws IOException {
        try (Stream<Path> tree = Files.walk(work)) {
            return tree.filter(Files::isRegularFile).map(p -> work.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.equals("upload.zip")).sorted().toList();
        }
    }

    private static void assertRefused(ThrowingCall call, HttpStatus status, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.getMessage()).contains(message);
        });
    }

    interface ThrowingCall {
        void run() throws Exception;
    }

    @Test
    void filesAndFoldersLandInsideTheFolder() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("app.yaml", text("id: a"));
        entries.put("data/", null);
        entries.put("data/sales.csv", text("a,b\n1,2\n"));
        Path app = unpack(zip(entries));
        assertThat(app).isEqualTo(work.resolve("into"));
        assertThat(Files.readString(app.resolve("data/sales.csv"))).isEqualTo("a,b\n1,2\n");
        assertThat(filesWritten()).containsExactly("into/app.yaml", "into/data/sales.csv");
    }

    @Test
    void aSingleTopFolderIsTheAppAndArchiveClutterIsSkipped() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("sales/app.yaml", text("id: a"));
        entries.put("sales/sales.csv", text("x"));
        entries.put("__MACOSX/sales/._app.yaml", text("junk"));
        entries.put("sales/.DS_Store", text("junk"));
        Path app = unpack(zip(entries));
        assertThat(app).isEqualTo(work.resolve("into/sales"));
        assertThat(filesWritten()).containsExactly("into/sales/app.yaml", "into/sales/sales.csv");
    }

    @Test
    void entriesClimbingOutOfTheAppAreRefusedAndWriteNothingOutside() throws IOException {
        for (String name : java.util.List.of("../escape.txt", "data/../../escape.txt", "/etc/escape.txt", "..\\escape.txt",
                "C:escape.txt", "data//x.csv", "./app.yaml", "a\0b")) {
            Path into = work.resolve("into");
            if (Files.exists(into)) {
                org.springframework.util.FileSystemUtils.deleteRecursively(into);
            }
            Map<String, byte[]> entries = new LinkedHashMap<>();
            entries.put("app.yaml", text("id: a"));
            entries.put(name, text("escaped"));
            byte[] archive = zip(entries);
            assertRefused(() -> unpack(archive), HttpStatus.BAD_REQUEST, "");
            assertThat(filesWritten()).as(name).allMatch(path -> path.startsWith("into/"));
            assertThat(Files.exists(work.getParent().resolve("escape.txt"))).isFalse();
        }
    }

    @Test
    void theSameNameTwiceIsRefused() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("app.yaml"));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("APP.yaml"));
            zip.closeEntry();
        }
        assertRefused(() -> unpack(bytes.toByteArray()), HttpStatus.BAD_REQUEST, "twice");
    }

    @Test
    void tooManyEntriesAreRefused() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (int i = 0; i < 11; i++) {
            entries.put("f" + i + ".csv", text("x"));
        }
        byte[] archive = zip(entries);
        assertRefused(() -> unpack(archive, new AppArchive.Limits(1L << 20, 10, 200)), HttpStatus.BAD_REQUEST,
                "more than 10 entries");
    }

    @Test
    void anArchiveUnpackingToTooMuchIsRefusedWhileUnpacking() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        byte[] random = new byte[300_000];
        new java.util.Random(1).nextBytes(random);
        entries.put("a.bin", random);
        entries.put("b.bin", random);
        byte[] archive = zip(entries);
        assertRefused(() -> unpack(archive, new AppArchive.Limits(500_000, 100, 200)), HttpStatus.CONTENT_TOO_LARGE,
                "more than 500000 bytes");
    }

    @Test
    void anEntryInflatingFarBeyondItsCompressedSizeIsRefusedAsAZipBomb() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("app.yaml", text("id: a"));
        entries.put("zeros.csv", new byte[50 << 20]);
        byte[] archive = zip(entries);
        assertThat(archive.length).as("50 MiB of zeros compress to about 50 KiB").isLessThan(200_000);
        assertRefused(() -> unpack(archive), HttpStatus.BAD_REQUEST, "zip bomb");
        assertThat(Files.size(work.resolve("into/zeros.csv"))).as("stopped early").isLessThan(50L << 20);
    }

    @Test
    void aFileThatIsNotAZipIsRefused() {
        assertRefused(() -> unpack(text("id: a\nname: not a zip\n")), HttpStatus.BAD_REQUEST, "not a readable zip archive");
    }
}
