package org.qalyptus.server.report;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.qalyptus.spi.render.TemplateKind;

/**
 * The template kind of a report, fixed at creation: which output formats it can give and, for the Office
 * kinds, which file its template is. Office templates are recognised by the content type of the package's
 * main part (the target of its office-document relationship), never by the file name.
 */
public enum ReportType {

    Excel(TemplateKind.EXCEL, List.of("Xlsx", "Pdf", "Csv"), "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
            "application/vnd.ms-excel.sheet.macroEnabled.main+xml"),
    Word(TemplateKind.WORD, List.of("Docx", "Pdf"), "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
            "application/vnd.ms-word.document.macroEnabled.main+xml"),
    PowerPoint(TemplateKind.POWERPOINT, List.of("Pptx", "Pdf"), "pptx",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
            "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml"),
    HTML(TemplateKind.HTML, List.of("Html", "Pdf", "Png", "Jpeg"), "html", "text/html", null, null);

    private final TemplateKind kind;
    private final List<String> outputFormats;
    private final String extension;
    private final String mediaType;
    private final String mainPartContentType;
    private final String macroEnabledMainPartContentType;

    ReportType(TemplateKind kind, List<String> outputFormats, String extension, String mediaType,
            String mainPartContentType, String macroEnabledMainPartContentType) {
        this.kind = kind;
        this.outputFormats = outputFormats;
        this.extension = extension;
        this.mediaType = mediaType;
        this.mainPartContentType = mainPartContentType;
        this.macroEnabledMainPartContentType = macroEnabledMainPartContentType;
    }

    /** The type a request names, ignoring case ("excel", "HTML", "powerpoint"). */
    public static Optional<ReportType> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String wanted = value.trim();
        for (ReportType type : values()) {
            if (type.wireName().equalsIgnoreCase(wanted)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** The type of a stored report. */
    public static ReportType of(String stored) {
        return parse(stored).orElseThrow(() -> new IllegalStateException("Unknown stored report type " + stored));
    }

    public static String allowedValues() {
        return "Excel, Word, PowerPoint or HTML";
    }

    /** The name the API uses ({@code Excel}, {@code Word}, {@code PowerPoint}, {@code HTML}). */
    public String wireName() {
        return kind.wireName();
    }

    public TemplateKind templateKind() {
        return kind;
    }

    public List<String> outputFormats() {
        return outputFormats;
    }

    public boolean isOffice() {
        return this != HTML;
    }

    /** The template file's extension, without the dot. */
    public String extension() {
        return extension;
    }

    /** The template file's media type. */
    public String mediaType() {
        return mediaType;
    }

    /** Content types of the main part of a macro-free template of this type; empty for HTML. */
    Set<String> mainPartContentTypes() {
        return mainPartContentType == null ? Set.of() : Set.of(mainPartContentType);
    }

    /** The content type of the main part of the macro-enabled variant (.xlsm, .docm, .pptm), or null. */
    String macroEnabledMainPartContentType() {
        return macroEnabledMainPartContentType;
    }

    /** The file kind, for messages ("Excel workbook"). */
    String noun() {
        return switch (this) {
            case Excel -> "Excel workbook";
            case Word -> "Word document";
            case PowerPoint -> "PowerPoint presentation";
            case HTML -> "HTML page";
        };
    }

    /** The file kind with its article, for messages ("an Excel workbook"). */
    String article() {
        return (this == Excel || this == HTML ? "an " : "a ") + noun();
    }
}
