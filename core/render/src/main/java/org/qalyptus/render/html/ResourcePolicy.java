package org.qalyptus.render.html;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.qalyptus.render.RenderLimits;
import org.qalyptus.spi.render.RenderDocument.Asset;
import org.qalyptus.spi.render.RenderDocument.AssetResolver;

/**
 * The only ways a document's references become bytes: a {@code data:} URI (base64 or percent-encoded), or an
 * asset the host resolves (the report's stored assets and the images drawn for this document). Every other
 * reference (http, https, ftp, file, jar, classpath, relative paths the host does not know) is refused and
 * remembered, so callers and tests can see what a document asked for. Never opens a URL or a file.
 */
final class ResourcePolicy {

    private final AssetResolver assets;
    private final RenderLimits limits;
    private final List<String> refused = new ArrayList<>();

    ResourcePolicy(AssetResolver assets, RenderLimits limits) {
        this.assets = assets;
        this.limits = limits;
    }

    /** The bytes and media type a reference stands for, or empty (and remembered as refused). */
    Optional<Asset> resolve(String reference) {
        if (reference == null || reference.isBlank()) {
            return Optional.empty();
        }
        String trimmed = reference.trim();
        Optional<Asset> asset;
        if (trimmed.regionMatches(true, 0, "data:", 0, 5)) {
            asset = data(trimmed);
        } else {
            try {
                asset = assets.resolve(trimmed);
            } catch (RuntimeException e) {
                asset = Optional.empty();
            }
        }
        if (asset.isPresent() && asset.get().bytes().length > limits.maxImageBytes()) {
            asset = Optional.empty();
        }
        if (asset.isEmpty()) {
            synchronized (refused) {
                if (refused.size() < 100) {
                    refused.add(trimmed.length() > 200 ? trimmed.substring(0, 200) : trimmed);
                }
            }
        }
        return asset;
    }

    private Optional<Asset> data(String uri) {
        int comma = uri.indexOf(',');
        if (comma < 0) {
            return Optional.empty();
        }
        String header = uri.substring(5, comma).toLowerCase(Locale.ROOT);
        String payload = uri.substring(comma + 1);
        // Base64 inflates 3 bytes to 4 characters: refuse before decoding what would exceed the budget.
        if ((long) payload.length() * 3 / 4 > limits.maxImageBytes()) {
            return Optional.empty();
        }
        String mediaType = header.split(";", 2)[0].trim();
        try {
            byte[] bytes = header.endsWith(";base64")
                    ? Base64.getMimeDecoder().decode(payload)
                    : java.net.URLDecoder.decode(payload, java.nio.charset.StandardCharsets.UTF_8)
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            return Optional.of(new Asset(mediaType.isEmpty() ? "text/plain" : mediaType, bytes));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    List<String> refused() {
        synchronized (refused) {
            return List.copyOf(refused);
        }
    }

    RenderLimits limits() {
        return limits;
    }
}
