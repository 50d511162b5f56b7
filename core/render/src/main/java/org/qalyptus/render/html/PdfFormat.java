package org.qalyptus.render.html;

import java.io.OutputStream;
import org.qalyptus.render.RenderException;
import org.qalyptus.render.RenderLimits;
import org.qalyptus.render.data.Watchdog;
import org.qalyptus.spi.render.RenderDocument;
import org.qalyptus.spi.render.RenderOptions;

/**
 * {@code Pdf}: HTML templates through Flying Saucer and OpenPDF, with CSS paged media (page size and margins,
 * running headers and footers, page X of Y, repeated table headers, page breaks). Resources come only from
 * data: URIs and the host's assets ({@link SecureUserAgent}). Passwords: AES-128 encryption with the open
 * password, permissions restricted by the write password.
 */
public final class PdfFormat implements HtmlOutputFormat {

    public static final String TYPE_ID = "Pdf";

    private final PdfEngines engines = new PdfEngines(Math.max(2, Runtime.getRuntime().availableProcessors()));

    @Override
    public String typeId() {
        return TYPE_ID;
    }

    @Override
    public String displayName() {
        return "PDF";
    }

    @Override
    public String fileExtension() {
        return "pdf";
    }

    @Override
    public String mediaType() {
        return "application/pdf";
    }

    @Override
    public void render(RenderDocument document, RenderOptions options, OutputStream out) {
        render(FilledHtml.of(document, RenderLimits.defaults()), options, out);
    }

    @Override
    public void render(FilledHtml document, RenderOptions options, OutputStream out) {
        renderCounting(document, options, out);
    }

    /** What a render produced besides the bytes. */
    public record Outcome(int pages, java.util.List<String> refusedReferences) {}

    /** Renders and returns the number of pages and the references that were refused. */
    public Outcome renderCounting(FilledHtml document, RenderOptions options, OutputStream out) {
        PdfEngine engine = engines.take();
        boolean ok = false;
        try (Watchdog.Guard guard = Watchdog.guard(options.timeBudget())) {
            try {
                engine.write(document, options, new LimitedOutputStream(out, options.maxOutputBytes()));
            } catch (RuntimeException e) {
                if (guard.fired()) {
                    throw new RenderException("The PDF took longer than its budget of " + options.timeBudget().toSeconds() + " s");
                }
                throw e;
            }
            ok = true;
            return new Outcome(engine.pages(), engine.refused());
        } catch (RenderException e) {
            throw e;
        } catch (StackOverflowError e) {
            throw new RenderException("The document is nested too deeply to lay out");
        } catch (Exception e) {
            RenderException cause = findRenderException(e);
            if (cause != null) {
                throw cause;
            }
            throw new RenderException("The PDF could not be written: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        } finally {
            // A renderer holds its last document (the DOM, the layout, the matched styles) until the next one: after
            // a long document it is dropped, so that the memory goes now (a new renderer costs about a millisecond).
            if (ok && engine.pages() <= PdfEngines.KEEP_AFTER_PAGES) {
                engines.giveBack(engine);
            }
        }
    }

    /** How many renderers are pooled (tests). */
    int idleEngines() {
        return engines.idle();
    }

    static RenderException findRenderException(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RenderException r) {
                return r;
            }
        }
        return null;
    }
}
