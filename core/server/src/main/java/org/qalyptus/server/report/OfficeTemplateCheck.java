package org.qalyptus.server.report;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Locale;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackageRelationship;
import org.apache.poi.openxml4j.opc.PackageRelationshipCollection;
import org.apache.poi.openxml4j.opc.PackageRelationshipTypes;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.poifs.filesystem.FileMagic;

/**
 * Decides by content, never by name, whether an uploaded file is an Office template of a report's type:
 * an Office Open XML package (a zip) whose main part (the target of its office-document relationship) has
 * the content type of a workbook, document or presentation as the type needs. Macro-enabled files are
 * refused: reports are delivered as .xlsx/.docx/.pptx, and a report server should not pass macros on to
 * its recipients.
 *
 * <p>Every entry is inflated once through POI's {@link ZipSecureFile}, whose zip-bomb limits (minimum
 * inflate ratio, maximum entry size, entry count) stay at POI's defaults, with a cap on the total
 * inflated size on top, so a file that would blow up the renderer later is refused now.
 */
final class OfficeTemplateCheck {

    /** The most the entries of a template may inflate to, together. */
    static final long MAX_INFLATED_BYTES = 256L * 1024 * 1024;

    /** Why a file is refused; the message is for the person who uploaded it. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private OfficeTemplateCheck() {}

    static void check(Path file, ReportType type) throws Refused {
        FileMagic magic;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            magic = FileMagic.valueOf(in);
        } catch (IOException e) {
            throw new Refused("The file cannot be read");
        }
        if (magic == FileMagic.OLE2) {
            throw new Refused("The file is a legacy binary or password-protected Office file; save it as "
                    + type.article() + " (." + type.extension() + ") without a password");
        }
        if (magic != FileMagic.OOXML) {
            throw new Refused("The file is not " + type.article() + " (." + type.extension() + ")");
        }
        inflateEveryEntry(file, type);
        String mainType = mainPartContentType(file, type);
        if (mainType.equalsIgnoreCase(type.macroEnabledMainPartContentType())) {
            throw new Refused("Macro-enabled files are not accepted as templates; save it as " + type.article()
                    + " (." + type.extension() + ")");
        }
        if (type.mainPartContentTypes().stream().noneMatch(mainType::equalsIgnoreCase)) {
            throw new Refused("The file is " + describe(mainType) + ", not " + type.article() + " (." + type.extension()
                    + ") as this " + type.wireName() + " report needs");
        }
    }

    private static void inflateEveryEntry(Path file, ReportType type) throws Refused {
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try (ZipSecureFile zip = new ZipSecureFile(file.toFile())) {
            Enumeration<ZipArchiveEntry> entries = zip.getEntries();
            while (entries.hasMoreElements()) {
                ZipArchiveEntry entry = entries.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        total += n;
                        if (total > MAX_INFLATED_BYTES) {
                            throw new Refused("The file inflates to more than " + (MAX_INFLATED_BYTES >> 20)
                                    + " MB; it cannot be a template this server renders");
                        }
                    }
                }
            }
        } catch (Refused e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            if (String.valueOf(e.getMessage()).contains("Zip bomb detected")) {
                throw new Refused("The file inflates far beyond its size (a zip bomb); it is refused");
            }
            if (String.valueOf(e.getMessage()).contains("potentially malicious")) {
                throw new Refused("The file holds more entries than an Office file should; it is refused");
            }
            throw new Refused("The file is not a readable " + type.noun() + " (." + type.extension() + "): "
                    + "its zip structure is damaged");
        }
    }

    private static String mainPartContentType(Path file, ReportType type) throws Refused {
        OPCPackage pkg = null;
        try {
            pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
            PackageRelationshipCollection relationships = pkg.getRelationshipsByType(PackageRelationshipTypes.CORE_DOCUMENT);
            if (relationships.isEmpty()) {
                relationships = pkg.getRelationshipsByType(PackageRelationshipTypes.STRICT_CORE_DOCUMENT);
            }
            PackageRelationship main = relationships.isEmpty() ? null : relationships.getRelationship(0);
            PackagePart part = main == null ? null : pkg.getPart(main);
            if (part == null) {
                throw new Refused("The file is a zip but not an Office document: it has no main part");
            }
            return part.getContentType().trim().toLowerCase(Locale.ROOT);
        } catch (Refused e) {
            throw e;
        } catch (Exception e) {
            throw new Refused("The file is not a readable " + type.noun() + " (." + type.extension() + ")");
        } finally {
            if (pkg != null) {
                pkg.revert();
            }
        }
    }

    private static String describe(String mainPartContentType) {
        for (ReportType other : ReportType.values()) {
            if (other.mainPartContentTypes().stream().anyMatch(mainPartContentType::equalsIgnoreCase)
                    || mainPartContentType.equalsIgnoreCase(other.macroEnabledMainPartContentType())) {
                return other.article();
            }
        }
        if (mainPartContentType.contains(".template")) {
            return "an Office template file (.xltx, .dotx or .potx; save it as a document)";
        }
        return "another kind of Office Open XML file";
    }
}
