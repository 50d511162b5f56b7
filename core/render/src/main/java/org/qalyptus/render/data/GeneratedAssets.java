package org.qalyptus.render.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.qalyptus.render.RenderException;
import org.qalyptus.spi.render.RenderDocument.Asset;
import org.qalyptus.spi.render.RenderDocument.AssetResolver;

/**
 * The images a document draws while it is filled (charts, KPIs), referenced from the filled document as
 * {@code qalyptus-image:N}. Resolved before the report's own assets; nothing else is ever resolved.
 */
public final class GeneratedAssets {

    public static final String SCHEME = "qalyptus-image:";

    /** A drawn image and the reference the document uses for it. */
    public record Image(String reference, String mediaType, byte[] bytes, int width, int height) {}

    private final List<Image> images = new ArrayList<>();
    private final int max;

    public GeneratedAssets(int max) {
        this.max = max;
    }

    public Image add(String mediaType, byte[] bytes, int width, int height) {
        if (images.size() >= max) {
            throw new RenderException("A document may embed at most " + max + " chart images");
        }
        Image image = new Image(SCHEME + (images.size() + 1), mediaType, bytes, width, height);
        images.add(image);
        return image;
    }

    public List<Image> all() {
        return List.copyOf(images);
    }

    public Optional<Image> find(String reference) {
        if (reference == null || !reference.startsWith(SCHEME)) {
            return Optional.empty();
        }
        try {
            int index = Integer.parseInt(reference.substring(SCHEME.length())) - 1;
            return index >= 0 && index < images.size() ? Optional.of(images.get(index)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Generated images first, then {@code report}'s own assets (never for a {@code qalyptus-image:} reference). */
    public AssetResolver over(AssetResolver report) {
        return reference -> {
            if (reference != null && reference.startsWith(SCHEME)) {
                return find(reference).map(i -> new Asset(i.mediaType(), i.bytes()));
            }
            return report.resolve(reference);
        };
    }
}
