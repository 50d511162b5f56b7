package org.qalyptus.render;

import org.qalyptus.spi.ExtensionException;

/**
 * A report that cannot be rendered as it stands: a template error, a refused construct, an exceeded budget.
 * The message is shown to report authors and written to execution logs, so it says what is wrong in their
 * terms (and where, for template errors) and never contains secrets. Never retryable: the same template and
 * data fail the same way until someone changes them.
 */
public class RenderException extends ExtensionException {

    public RenderException(String message) {
        super(message, false);
    }

    public RenderException(String message, Throwable cause) {
        super(message, false, cause);
    }
}
