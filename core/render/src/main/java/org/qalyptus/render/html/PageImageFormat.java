package org.qalyptus.render.html;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.qalyptus.render.RenderException;
import org.qalyptus.render.RenderLimits;
import org.qalyptus.render.data.Images;
import org.qalyptus.spi.render.RenderDocument;
import org.qalyptus.spi.render.RenderOptions;

/**
 * {@code Png} and {@code Jpeg}: the document's PDF pages drawn at 96 dpi and stacked top to bottom in one
 * image (a grey gap between pages), at most {@link RenderLimits#maxPageImages()} pages. JPEG uses the
 * options' image quality. Passwords do not apply.
 */
public final class PageImageFormat implements HtmlOutputFormat {

    static final float DPI = 96f;
    static final int GAP = 8;
    static final long MAX_PIXELS = 120_000_000L;

    private final String typeId;
    private final String format;
    private final PdfFormat pdf;

    private PageImageFormat(String typeId, String format, PdfFormat pdf) {
        this.typeId = typeId;
        this.format = format;
        this.pdf = pdf;
    }

    public static PageImageFormat png(PdfFormat pdf) {
        return new PageImageFormat("Png", "png", pdf);
    }

    public static PageImageFormat jpeg(PdfFormat pdf) {
        return new PageImageFormat("Jpeg", "jpeg", pdf);
    }

    @Override
    public String typeId() {
        return typeId;
    }

    @Override
    public String displayName() {
        return typeId.toUpperCase(java.util.Locale.ROOT) + " image";
    }

    @Override
    public String fileExtension() {
        return format.equals("png") ? "png" : "jpg";
    }

    @Override
    public String mediaType() {
        return format.equals("png") ? "image/png" : "image/jpeg";
    }

    @Override
    public void render(RenderDocument document, RenderOptions options, OutputStream out) {
        render(FilledHtml.of(document, RenderLimits.defaults()), options, out);
    }

    @Override
    public void render(FilledHtml document, RenderOptions options, OutputStream out) {
        RenderOptions plain = new RenderOptions(null, null, options.imageQuality(), options.decimalSeparator(),
                options.groupSeparator(), options.csvDelimiter(), options.locale(), options.timeBudget(),
                options.maxOutputBytes());
        ByteArrayOutputStream pdfBytes = new ByteArrayOutputStream(64 * 1024);
        pdf.render(document, plain, pdfBytes);
        List<BufferedImage> pages = new ArrayList<>();
        try (PDDocument doc = Loader.loadPDF(pdfBytes.toByteArray())) {
            int count = Math.min(doc.getNumberOfPages(), document.limits().maxPageImages());
            PDFRenderer renderer = new PDFRenderer(doc);
            long pixels = 0;
            for (int i = 0; i < count; i++) {
                BufferedImage page = renderer.renderImageWithDPI(i, DPI, ImageType.RGB);
                pixels += (long) page.getWidth() * page.getHeight();
                if (pixels > MAX_PIXELS) {
                    throw new RenderException("The page images exceed " + MAX_PIXELS + " pixels");
                }
                pages.add(page);
            }
        } catch (IOException e) {
            throw new RenderException("The pages could not be drawn: " + e.getMessage(), e);
        }
        BufferedImage image = stack(pages);
        Images.write(image, format, options.imageQuality(), new LimitedOutputStream(out, options.maxOutputBytes()));
    }

    private static BufferedImage stack(List<BufferedImage> pages) {
        if (pages.size() == 1) {
            return pages.get(0);
        }
        int width = pages.stream().mapToInt(BufferedImage::getWidth).max().orElse(1);
        int height = pages.stream().mapToInt(BufferedImage::getHeight).sum() + GAP * (pages.size() - 1);
        BufferedImage all = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = all.createGraphics();
        try {
            g.setColor(new Color(0xC8CCD0));
            g.fillRect(0, 0, width, height);
            int y = 0;
            for (BufferedImage page : pages) {
                g.drawImage(page, 0, y, null);
                y += page.getHeight() + GAP;
            }
        } finally {
            g.dispose();
        }
        return all;
    }
}
