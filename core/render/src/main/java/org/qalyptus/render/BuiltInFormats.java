package org.qalyptus.render;

import java.util.List;
import java.util.Optional;
import org.qalyptus.render.html.HtmlFormat;
import org.qalyptus.render.html.PageImageFormat;
import org.qalyptus.render.html.PdfFormat;
import org.qalyptus.render.office.CsvFormat;
import org.qalyptus.render.office.OfficeFormat;
import org.qalyptus.spi.render.OutputFormat;

/**
 * The output formats the server has without plugins: {@code Pdf}, {@code Html}, {@code Png}, {@code Jpeg}
 * (HTML templates), {@code Xlsx}, {@code Csv} (Excel), {@code Docx} (Word), {@code Pptx} (PowerPoint). The
 * host merges them with the formats plugins provide (a plugin format with the same type id should be
 * refused or shadowed by the host, its choice). The instances are shared and thread-safe.
 */
public final class BuiltInFormats {

    private static final PdfFormat PDF = new PdfFormat();
    private static final List<OutputFormat> ALL = List.of(PDF, new HtmlFormat(), PageImageFormat.png(PDF),
            PageImageFormat.jpeg(PDF), OfficeFormat.xlsx(), new CsvFormat(), OfficeFormat.docx(), OfficeFormat.pptx());

    private BuiltInFormats() {}

    public static List<OutputFormat> all() {
        return ALL;
    }

    /** The built-in format with this type id (case-insensitive), if any. */
    public static Optional<OutputFormat> byTypeId(String typeId) {
        return ALL.stream().filter(f -> f.typeId().equalsIgnoreCase(typeId)).findFirst();
    }

    public static PdfFormat pdf() {
        return PDF;
    }
}
