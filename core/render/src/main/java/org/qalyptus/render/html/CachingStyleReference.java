package org.qalyptus.render.html;

import org.xhtmlrenderer.context.StyleReference;
import org.xhtmlrenderer.extend.UserAgentCallback;

/**
 * Flying Saucer's style reference, keeping parsed stylesheets between the documents of one renderer.
 *
 * <p>Flying Saucer's configuration default ({@code xr.cache.stylesheets=false}) makes every new document throw
 * away every parsed stylesheet, so its default stylesheet, the report stylesheet and the template's styles were
 * parsed again for each document. Here that flush does nothing; it is safe because {@link ReportNamespaceHandler}
 * keys every stylesheet by its content. The renderer calls {@link #forget()} after a document whose stylesheets
 * may {@code @import} others (imports are cached by URL, which another report may resolve differently).
 */
final class CachingStyleReference extends StyleReference {

    CachingStyleReference(UserAgentCallback userAgent) {
        super(userAgent);
    }

    @Override
    public void flushAllStyleSheets() {
        // Kept: keys are content hashes (see the class comment).
    }

    /** Forgets every parsed stylesheet. */
    void forget() {
        super.flushAllStyleSheets();
    }
}
