package org.qalyptus.server.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbookType;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

/** Real Office files made with POI, and hostile ones, for the template upload tests; plus multipart bodies. */
final class TemplateFiles {

    private final Path folder;

    TemplateFiles(Path folder) {
        this.folder = folder;
    }

    Path xlsx(String name) {
        return write(name, out -> {
            try (XSSFWorkbook workbook = new XSSFWorkbook()) {
                workbook.createSheet("Sales").createRow(0).createCell(0).setCellValue("<table-region-product>");
                workbook.write(out);
            }
        });
    }

    Path xlsm(String name) {
        return write(name, out -> {
            try (XSSFWorkbook workbook = new XSSFWorkbook(XSSFWorkbookType.XLSM)) {
                workbook.createSheet("Macros").createRow(0).createCell(0).setCellValue("macro-enabled");
                workbook.write(out);
            }
        });
    }

    Path xls(String name) {
        return write(name, out -> {
            try (HSSFWorkbook workbook = new HSSFWorkbook()) {
                workbook.createSheet("Legacy").createRow(0).createCell(0).setCellValue("binary");
                workbook.write(out);
            }
        });
    }

    Path docx(String name) {
        return write(name, out -> {
            try (XWPFDocument document = new XWPFDocument()) {
                document.createParagraph().createRun().setText("Sales by region: <table-region-product>");
                document.write(out);
            }
        });
    }

    Path pptx(String name) {
        return write(name, out -> {
            try (XMLSlideShow slides = new XMLSlideShow()) {
                slides.createSlide();
                slides.write(out);
            }
        });
    }

    /** A text file whatever its name says. */
    Path text(String name) {
        return write(name, out -> out.write("Region;Revenue\nEurope;12\n".repeat(50).getBytes(StandardCharsets.UTF_8)));
    }

    /** A zip that is no Office file. */
    Path plainZip(String name) {
        return write(name, out -> {
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                zip.putNextEntry(new ZipEntry("readme.txt"));
                zip.write("just a zip".getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        });
    }

    /**
     * A real workbook with one more entry of {@code megabytes} of zeros: a few kilobytes on disk that
     * inflate a thousand times.
     */
    Path zipBomb(String name, int megabytes) {
        Path valid = xlsx("inner-" + UUID.randomUUID() + ".xlsx");
        return write(name, out -> {
            try (ZipFile source = new ZipFile(valid.toFile()); ZipOutputStream zip = new ZipOutputStream(out)) {
                Enumeration<? extends ZipEntry> entries = source.entries();
                while (entries.hasMoreElements()) {
                    ZipEntry entry = entries.nextElement();
                    zip.putNextEntry(new ZipEntry(entry.getName()));
                    source.getInputStream(entry).transferTo(zip);
                    zip.closeEntry();
                }
                zip.putNextEntry(new ZipEntry("xl/media/padding.bin"));
                byte[] zeros = new byte[1024 * 1024];
                for (int i = 0; i < megabytes; i++) {
                    zip.write(zeros);
                }
                zip.closeEntry();
            }
        });
    }

    /** {@code bytes} random bytes (incompressible). */
    Path large(String name, long bytes) {
        return write(name, out -> {
            byte[] block = new byte[1024 * 1024];
            new java.util.Random(7).nextBytes(block);
            for (long written = 0; written < bytes; written += block.length) {
                out.write(block, 0, (int) Math.min(block.length, bytes - written));
            }
        });
    }

    Path empty(String name) {
        return write(name, out -> { });
    }

    static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private Path write(String name, Writer writer) {
        Path file = folder.resolve(UUID.randomUUID().toString().substring(0, 8)).resolve(name);
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                writer.write(out);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A multipart/form-data body with one file part. */
    record Multipart(String contentType, HttpRequest.BodyPublisher body) {

        static Multipart of(String partName, String fileName, byte[] content) {
            String boundary = "----qalyptus" + UUID.randomUUID().toString().replace("-", "");
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + partName + "\"; filename=\""
                    + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
            body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
            body.writeBytes(content);
            body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return new Multipart("multipart/form-data; boundary=" + boundary,
                    HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        }

        static Multipart of(Path file) {
            return of("file", file.getFileName().toString(), bytes(file));
        }
    }

    static boolean same(byte[] a, byte[] b) {
        return Arrays.equals(a, b);
    }
}
