package org.qalyptus.render.html;

import com.lowagie.text.pdf.PdfWriter;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.qalyptus.spi.render.RenderOptions;
import org.xhtmlrenderer.pdf.ITextOutputDevice;
import org.xhtmlrenderer.pdf.ITextRenderer;
import org.xhtmlrenderer.pdf.PDFEncryption;

/**
 * One Flying Saucer renderer kept between documents, with what it has loaded: the parsed default and
 * report stylesheets, the parsed inline styles of recent templates, and the PDF base fonts. A renderer is
 * used by one thread at a time ({@link PdfEngines} hands them out) and is dropped after any failure.
 */
final class PdfEngine {

    private static final String BASE_URL = "qalyptus:report/";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecureUserAgent userAgent;
    private final ITextRenderer renderer;
    private final ReportNamespaceHandler namespaceHandler = new ReportNamespaceHandler();
    private int pages;
    private List<String> refused = List.of();

    PdfEngine() {
        float dotsPerPoint = ITextRenderer.DEFAULT_DOTS_PER_POINT;
        int dotsPerPixel = ITextRenderer.DEFAULT_DOTS_PER_PIXEL;
        ITextOutputDevice device = new ITextOutputDevice(dotsPerPoint);
        userAgent = new SecureUserAgent(device, dotsPerPixel);
        renderer = new ITextRenderer(dotsPerPoint, dotsPerPixel, device, userAgent);
    }

    /** Lays out and writes one document; returns the refused references. */
    List<String> write(FilledHtml document, RenderOptions options, OutputStream out) throws Exception {
        ResourcePolicy policy = new ResourcePolicy(document.assets(), document.limits());
        userAgent.begin(policy);
        try {
            renderer.setPDFEncryption(encryption(options));
            renderer.setDocument(document.dom(), BASE_URL, namespaceHandler);
            renderer.layout();
            pages = renderer.getRootBox().getLayer().getPages().size();
            renderer.createPDF(out, true);
            refused = policy.refused();
            return refused;
        } finally {
            userAgent.end();
        }
    }

    int pages() {
        return pages;
    }

    List<String> refused() {
        return refused;
    }

    /**
     * AES-128 when a password is set: the open password as the user password; the write password as the owner
     * password (permissions: print and copy, no changes), or a random owner password when only an open password
     * is given (so the file stays fully usable once opened).
     */
    static PDFEncryption encryption(RenderOptions options) {
        if (options.openPasswordIfSet().isEmpty() && options.writePasswordIfSet().isEmpty()) {
            return null;
        }
        byte[] user = options.openPasswordIfSet().map(p -> p.getBytes(StandardCharsets.UTF_8)).orElse(new byte[0]);
        byte[] owner;
        int permissions;
        if (options.writePasswordIfSet().isPresent()) {
            owner = options.writePasswordIfSet().get().getBytes(StandardCharsets.UTF_8);
            permissions = PdfWriter.ALLOW_PRINTING | PdfWriter.ALLOW_COPY | PdfWriter.ALLOW_SCREENREADERS
                    | PdfWriter.ALLOW_DEGRADED_PRINTING;
        } else {
            byte[] random = new byte[16];
            RANDOM.nextBytes(random);
            owner = HexFormat.of().formatHex(random).getBytes(StandardCharsets.UTF_8);
            permissions = PdfWriter.ALLOW_PRINTING | PdfWriter.ALLOW_COPY | PdfWriter.ALLOW_SCREENREADERS
                    | PdfWriter.ALLOW_DEGRADED_PRINTING | PdfWriter.ALLOW_MODIFY_CONTENTS | PdfWriter.ALLOW_MODIFY_ANNOTATIONS
                    | PdfWriter.ALLOW_FILL_IN | PdfWriter.ALLOW_ASSEMBLY;
        }
        return new PDFEncryption(user, owner, permissions, PdfWriter.ENCRYPTION_AES_128);
    }
}
