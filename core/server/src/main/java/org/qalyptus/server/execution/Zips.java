package org.qalyptus.server.execution;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.qalyptus.render.DynamicName;

/** Several stored files in one zip (zip for folder, zip for email), built in memory from the stored files. */
final class Zips {

    private Zips() {}

    /** The files in one zip named after {@code name}, entry names made unique inside it; readable many times. */
    static DeliverySteps.Payload payload(OutputStore outputs, String key, String name, List<ExecutionFile> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            Set<String> entries = new HashSet<>();
            for (ExecutionFile file : files) {
                String entry = file.fileName();
                for (int n = 2; !entries.add(entry); n++) {
                    entry = TaskRunner.baseName(file.fileName()) + " (" + n + ")" + extension(file.fileName());
                }
                zip.putNextEntry(new ZipEntry(entry));
                try (InputStream in = outputs.open(file.gridFsId())) {
                    in.transferTo(zip);
                }
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] content = bytes.toByteArray();
        return new DeliverySteps.Payload(key, DynamicName.safeFileName(name) + ".zip", "application/zip", content.length,
                () -> new ByteArrayInputStream(content));
    }

    private static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot);
    }
}
