package org.qalyptus.render.html;

import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * A pool of {@link PdfEngine}s: a render takes one (or creates one), and gives it back when the document
 * was written without error. At most {@code max} idle engines are kept.
 */
final class PdfEngines {

    /** Renderers that wrote a longer document are not kept (see {@link PdfFormat#renderCounting}). */
    static final int KEEP_AFTER_PAGES = 64;

    private final ConcurrentLinkedDeque<PdfEngine> idle = new ConcurrentLinkedDeque<>();
    private final int max;

    PdfEngines(int max) {
        this.max = max;
    }

    PdfEngine take() {
        PdfEngine engine = idle.pollFirst();
        return engine != null ? engine : new PdfEngine();
    }

    int idle() {
        return idle.size();
    }

    void giveBack(PdfEngine engine) {
        if (idle.size() < max) {
            idle.addFirst(engine);
        }
    }
}
