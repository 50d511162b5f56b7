package org.qalyptus.server.connection;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.qalyptus.server.web.ApiException;
import org.springframework.http.HttpStatus;

/**
 * Unpacks an uploaded app archive (zip) into an empty folder, refusing what could escape the folder or
 * exhaust the disk: entry names that climb out of it or are absolute (zip slip), more entries or more
 * unpacked bytes than the limits, and entries that inflate far beyond their compressed size (zip bombs).
 * Sizes are counted on the bytes actually inflated, not taken from the archive's headers, which can lie.
 * Archive clutter ({@code __MACOSX/}, {@code .DS_Store}) is skipped; when the archive holds a single top
 * folder (a folder zipped as such), that folder is the app.
 */
final class AppArchive {

    /**
     * @param maxUnpackedBytes total bytes all entries may inflate to
     * @param maxEntries files and folders in the archive
     * @param maxRatio how many times its compressed size an entry over 1 MiB may inflate to
     */
    record Limits(long maxUnpackedBytes, int maxEntries, int maxRatio) {
        static final Limits DEFAULT = new Limits(1L << 30, 10_000, 200);
    }

    private static final long RATIO_EXEMPT_BYTES = 1L << 20;
    private static final int MAX_NAME_LENGTH = 1_000;

    private AppArchive() {}

    /**
     * @param into an empty folder
     * @return the folder holding the app: {@code into}, or its single top folder
     * @throws ApiException 400 for an archive that is not a zip or breaks a rule, 413 when it unpacks to too much
     */
    static Path unpack(Path archive, Path into, Limits limits) throws IOException {
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            Set<String> seen = new HashSet<>();
            long unpacked = 0;
            int entries = 0;
            byte[] buffer = new byte[64 * 1024];
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                if (++entries > limits.maxEntries()) {
                    throw ApiException.badRequest("The archive holds more than " + limits.maxEntries() + " entries");
                }
                String name = checkedName(entry.getName());
                if (name == null) {
                    continue;
                }
                if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                    throw ApiException.badRequest("The archive holds '" + shorten(name) + "' twice");
                }
                Path target = into.resolve(name).normalize();
                if (!target.startsWith(into) || target.equals(into)) {
                    throw ApiException.badRequest("The archive entry '" + shorten(entry.getName()) + "' points outside the app");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                long written = 0;
                long compressed = Math.max(1, entry.getCompressedSize());
                try (InputStream in = zip.getInputStream(entry); OutputStream out = Files.newOutputStream(target)) {
                    int read;
                    while ((read = in.read(buffer)) > 0) {
                        written += read;
                        unpacked += read;
                        if (unpacked > limits.maxUnpackedBytes()) {
                            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "The archive unpacks to more than "
                                    + limits.maxUnpackedBytes() + " bytes", null);
                        }
                        if (written > RATIO_EXEMPT_BYTES && written > compressed * limits.maxRatio()) {
                            throw ApiException.badRequest("The archive entry '" + shorten(name) + "' inflates more than "
                                    + limits.maxRatio() + " times its compressed size: refused as a possible zip bomb");
                        }
                        out.write(buffer, 0, read);
                    }
                }
            }
            return singleTopFolder(into);
        } catch (ZipException e) {
            throw ApiException.badRequest("The file is not a readable zip archive: " + e.getMessage());
        }
    }

    /** The entry's name as a relative path with {@code /} separators, null for clutter; refused when unsafe. */
    static String checkedName(String raw) {
        if (raw.isEmpty() || raw.length() > MAX_NAME_LENGTH || raw.indexOf('\0') >= 0 || raw.indexOf('\\') >= 0
                || raw.indexOf(':') >= 0 || raw.startsWith("/")) {
            throw ApiException.badRequest("The archive entry '" + shorten(raw) + "' has a name an app file cannot have");
        }
        String name = raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
        List<String> segments = List.of(name.split("/", -1));
        for (String segment : segments) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw ApiException.badRequest("The archive entry '" + shorten(raw) + "' points outside the app");
            }
        }
        if (segments.get(0).equals("__MACOSX") || segments.get(segments.size() - 1).equals(".DS_Store")) {
            return null;
        }
        return name;
    }

    private static Path singleTopFolder(Path into) throws IOException {
        try (Stream<Path> top = Files.list(into)) {
            List<Path> children = top.toList();
            if (children.size() == 1 && Files.isDirectory(children.get(0))) {
                return children.get(0);
            }
        }
        return into;
    }

    private static String shorten(String name) {
        return name.length() > 80 ? name.substring(0, 80) + "..." : name;
    }
}
