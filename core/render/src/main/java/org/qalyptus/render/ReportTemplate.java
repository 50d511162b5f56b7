package org.qalyptus.render;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import org.qalyptus.spi.render.RenderDocument.AssetResolver;
import org.qalyptus.spi.render.TemplateKind;

/**
 * A report's template as stored by the host: never a path. The engine caches what it compiles from it by
 * {@code reportId} and the content's hash, so a changed template is recompiled and an unchanged one is not.
 *
 * @param reportId the report's id (the cache key; also used in error messages)
 * @param name the report's name (document metadata, the default file name)
 * @param kind HTML (FreeMarker source in UTF-8) or an Office kind (the .xlsx/.docx/.pptx package)
 * @param content the template bytes
 * @param assets the report's own stored assets (images, stylesheets, fonts) templates may reference by
 *     name; {@link AssetResolver#NONE} when it has none
 */
public record ReportTemplate(String reportId, String name, TemplateKind kind, byte[] content, AssetResolver assets) {

    public ReportTemplate {
        Objects.requireNonNull(reportId, "reportId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(content, "content");
        name = name == null ? "" : name;
        assets = assets == null ? AssetResolver.NONE : assets;
    }

    /** An HTML template given as FreeMarker source. */
    public static ReportTemplate html(String reportId, String name, String source, AssetResolver assets) {
        return new ReportTemplate(reportId, name, TemplateKind.HTML, source.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                assets);
    }

    /** The cache key: the report id and the SHA-256 of the content. */
    public String cacheKey() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
            return reportId + '@' + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
