package org.qalyptus.render.office;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.qalyptus.render.RenderException;
import org.qalyptus.render.RenderLimits;
import org.qalyptus.spi.render.TemplateKind;

/**
 * Checks an Office template before POI parses it: its size, the number of entries, how much it inflates to
 * (counted while actually inflating, not trusted from headers) and the inflation ratio of big entries (zip
 * bombs), and that it is the package its kind says. POI's own limits (minimum inflate ratio, maximum entry
 * size) stay on as a second line.
 */
public final class OfficePackages {

    /** An entry that inflates past this many bytes must keep at least {@link #MIN_RATIO} of it compressed. */
    static final long RATIO_CHECK_FROM = 1L << 20;
    static final double MIN_RATIO = 0.01;

    private OfficePackages() {}

    public static void check(byte[] bytes, TemplateKind kind, RenderLimits limits) {
        if (bytes.length > limits.maxTemplateBytes()) {
            throw new RenderException("The template is " + bytes.length + " bytes; templates may have at most "
                    + limits.maxTemplateBytes());
        }
        if (bytes.length < 4 || bytes[0] != 'P' || bytes[1] != 'K') {
            throw new RenderException("The template is not an Office Open XML file (" + extension(kind) + ")");
        }
        Set<String> names = new HashSet<>();
        long total = 0;
        int entries = 0;
        byte[] buffer = new byte[64 * 1024];
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (++entries > limits.maxZipEntries()) {
                    throw new RenderException("The template has more than " + limits.maxZipEntries() + " parts");
                }
                names.add(entry.getName());
                long size = 0;
                int read;
                while ((read = zip.read(buffer)) > 0) {
                    size += read;
                    total += read;
                    if (total > limits.maxUnzippedBytes()) {
                        throw new RenderException("The template inflates to more than " + limits.maxUnzippedBytes()
                                + " bytes (a zip bomb?)");
                    }
                }
                long compressed = entry.getCompressedSize();
                if (size > RATIO_CHECK_FROM && compressed >= 0 && (double) compressed / size < MIN_RATIO) {
                    throw new RenderException("Template part '" + entry.getName() + "' inflates more than "
                            + (int) (1 / MIN_RATIO) + " times (a zip bomb?)");
                }
            }
        } catch (IOException e) {
            throw new RenderException("The template is not a readable Office file: " + e.getMessage(), e);
        }
        String main = switch (kind) {
            case EXCEL -> "xl/workbook.xml";
            case WORD -> "word/document.xml";
            case POWERPOINT -> "ppt/presentation.xml";
            default -> throw new RenderException("Not an Office template kind: " + kind);
        };
        if (!names.contains(main)) {
            throw new RenderException("The template is not a " + extension(kind) + " file (it has no " + main + ")");
        }
    }

    static String extension(TemplateKind kind) {
        return switch (kind) {
            case EXCEL -> ".xlsx";
            case WORD -> ".docx";
            case POWERPOINT -> ".pptx";
            default -> kind.wireName();
        };
    }

    static InputStream open(byte[] bytes) {
        return new ByteArrayInputStream(bytes);
    }
}
