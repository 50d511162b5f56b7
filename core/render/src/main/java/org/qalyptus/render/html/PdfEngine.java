package org.qalyptus.render.html;

import com.lowagie.text.pdf.PdfWriter;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.qalyptus.spi.render.RenderOptions;
import org.w3c.dom.Document;
import org.xhtmlrenderer.pdf.DefaultPDFCreationListener;
import org.xhtmlrenderer.pdf.ITextOutputDevice;
import org.xhtmlrenderer.pdf.ITextRenderer;
import org.xhtmlrenderer.pdf.PDFEncryption;

/**
 * One Flying Saucer renderer kept between documents, with what it has loaded: the parsed stylesheets (default,
 * report and recent templates' styles, see {@link CachingStyleReference}) and the PDF base fonts. A renderer is
 * used by one thread at a time ({@link PdfEngines} hands them out) and is dropped after any failure.
 *
 * <p>A document goes through {@link #begin}, {@link #layout}, {@link #writePdf} and {@link #end} (what
 * {@link #write} does; the steps are separate so that the benchmark can time them).
 */
final class PdfEngine {

    private static final String BASE_URL = "qalyptus:report/";
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * Deflate level of the page content streams. zlib's level 4 is the cheapest of its lazy-matching levels: on the
     * 41-page benchmark table it compresses the content 3.5 times faster than the default level 6 for a file 1.5%
     * larger (levels 1 to 3 are barely faster still and give files 15-20% larger).
     */
    static final int COMPRESSION = 4;

    private final SecureUserAgent userAgent;
    private final ITextRenderer renderer;
    private final CachingStyleReference styles;
    private final ReportNamespaceHandler namespaceHandler = new ReportNamespaceHandler();
    private ResourcePolicy policy;
    private int pages;
    private List<String> refused = List.of();

    PdfEngine() {
        float dotsPerPoint = ITextRenderer.DEFAULT_DOTS_PER_POINT;
        int dotsPerPixel = ITextRenderer.DEFAULT_DOTS_PER_PIXEL;
        ITextOutputDevice device = new ITextOutputDevice(dotsPerPoint);
        userAgent = new SecureUserAgent(device, dotsPerPixel);
        renderer = new ITextRenderer(dotsPerPoint, dotsPerPixel, device, userAgent);
        styles = new CachingStyleReference(userAgent);
        renderer.getSharedContext().setCss(styles);
        renderer.setListener(new DefaultPDFCreationListener() {
            @Override
            public void preOpen(ITextRenderer r) {
                r.getWriter().setCompressionLevel(COMPRESSION);
            }
        });
    }

    /** Lays out and writes one document; returns the refused references. */
    List<String> write(FilledHtml document, RenderOptions options, OutputStream out) throws Exception {
        try {
            begin(document, options);
            layout();
            writePdf(out);
            return refused;
        } finally {
            end();
        }
    }

    /** Reads the document's stylesheets, prepares its tables and gives it to Flying Saucer (which matches styles). */
    void begin(FilledHtml document, RenderOptions options) {
        policy = new ResourcePolicy(document.assets(), document.limits());
        userAgent.begin(policy);
        Document dom = document.dom();
        RowGroups.Scan scan = RowGroups.Scan.of(dom);
        namespaceHandler.begin(dom, policy, scan.elementNames());
        if (RowGroups.allowedBy(namespaceHandler.authorCss())) {
            RowGroups.split(scan.rowGroups());
        }
        renderer.setPDFEncryption(encryption(options));
        renderer.setDocument(dom, BASE_URL, namespaceHandler);
    }

    void layout() {
        renderer.layout();
        pages = renderer.getRootBox().getLayer().getPages().size();
    }

    void writePdf(OutputStream out) throws Exception {
        renderer.createPDF(out, true);
        refused = policy.refused();
    }

    /** Forgets the document's resources (also after a failure part-way through {@link #begin}). */
    void end() {
        if (namespaceHandler.perDocument()) {
            styles.forget();
        }
        namespaceHandler.end();
        userAgent.end();
        policy = null;
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
