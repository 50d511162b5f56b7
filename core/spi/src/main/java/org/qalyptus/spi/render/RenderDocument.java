package org.qalyptus.spi.render;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A filled template ready to be converted.
 *
 * @param kind the template kind
 * @param name the report name, for document metadata
 * @param content for {@link TemplateKind#HTML}: the filled XHTML in UTF-8; for Office kinds: the
 *     filled OOXML package
 * @param assets resolves the resources the content references (images, stylesheets, fonts)
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record RenderDocument(TemplateKind kind, String name, byte[] content, AssetResolver assets) {

    public RenderDocument {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(content, "content");
        name = name == null ? "" : name;
        assets = assets == null ? AssetResolver.NONE : assets;
    }

    /** Resolves a reference found in a document to bytes the host allows it to use. */
    @FunctionalInterface
    public interface AssetResolver {
        /** Resolves nothing: documents without assets. */
        AssetResolver NONE = reference -> Optional.empty();

        /**
         * @param reference the reference as written in the document (a URI or a relative name)
         * @return the asset, or empty when the reference is not one the host allows
         */
        Optional<Asset> resolve(String reference);
    }

    /** An image, stylesheet or font a document may use. */
    public record Asset(String mediaType, byte[] bytes) {}
}
