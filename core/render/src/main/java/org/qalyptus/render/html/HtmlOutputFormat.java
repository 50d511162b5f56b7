package org.qalyptus.render.html;

import java.io.OutputStream;
import java.util.Set;
import org.qalyptus.spi.render.OutputFormat;
import org.qalyptus.spi.render.RenderOptions;
import org.qalyptus.spi.render.TemplateKind;

/**
 * A built-in format for HTML templates that can take the engine's already parsed document instead of the
 * XHTML bytes, so a filled template is parsed once whatever the format.
 */
public interface HtmlOutputFormat extends OutputFormat {

    void render(FilledHtml document, RenderOptions options, OutputStream out);

    @Override
    default Set<TemplateKind> templateKinds() {
        return Set.of(TemplateKind.HTML);
    }
}
