package org.qalyptus.spi.render;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.OutputStream;
import java.util.Set;
import org.apiguardian.api.API;
import org.qalyptus.spi.ExtensionException;
import org.qalyptus.spi.QalyptusExtension;

/**
 * Turns a filled template into a file of one format ({@code Pdf}, {@code Xlsx}, {@code Png} ...).
 *
 * <p>The {@link #typeId()} is the output format name of the REST API. The host fills the template
 * (queries the app, evaluates the template language) and hands the result to {@link #render}; the
 * format only converts it. Implementations must not fetch anything from the network or the file
 * system: every resource a document references is resolved through
 * {@link RenderDocument#assets()}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface OutputFormat extends QalyptusExtension {

    /** The file extension without the dot, such as {@code pdf}. */
    String fileExtension();

    /** The media type of the produced file, such as {@code application/pdf}. */
    String mediaType();

    /** The template kinds this format can render. */
    Set<TemplateKind> templateKinds();

    /**
     * Renders the document to {@code out}. The caller owns and closes {@code out}.
     *
     * @throws ExtensionException when the document cannot be rendered (not retryable) or a budget in
     *     {@code options} is exceeded
     */
    void render(RenderDocument document, RenderOptions options, OutputStream out);
}
