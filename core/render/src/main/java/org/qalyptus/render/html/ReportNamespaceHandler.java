package org.qalyptus.render.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xhtmlrenderer.css.sheet.StylesheetInfo;
import org.xhtmlrenderer.simple.extend.XhtmlNamespaceHandler;

/**
 * Flying Saucer's XHTML handling with the stylesheets a report gets: Flying Saucer's default stylesheet and
 * the report stylesheet (both read once from this module's classpath and given as content, so no URL is
 * ever opened for them), then the document's own. Inline {@code <style>} blocks are keyed by their content,
 * so the same template's styles are parsed once per renderer instead of once per document.
 */
final class ReportNamespaceHandler extends XhtmlNamespaceHandler {

    static final String FS_DEFAULT_CSS = resource("/resources/css/XhtmlNamespaceHandler.css", XhtmlNamespaceHandler.class);
    static final String REPORT_CSS = resource("/org/qalyptus/render/report.css", ReportNamespaceHandler.class);

    private static final StylesheetInfo FS_DEFAULT = new StylesheetInfo(StylesheetInfo.Origin.USER_AGENT,
            "qalyptus:flying-saucer-default.css", StylesheetInfo.mediaTypes(""), FS_DEFAULT_CSS);
    private static final StylesheetInfo REPORT = new StylesheetInfo(StylesheetInfo.Origin.USER_AGENT,
            "qalyptus:report.css", StylesheetInfo.mediaTypes(""), REPORT_CSS);

    private static String resource(String path, Class<?> owner) {
        try (InputStream in = owner.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing stylesheet " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Optional<StylesheetInfo> getDefaultStylesheet() {
        return Optional.of(FS_DEFAULT);
    }

    @Override
    public List<StylesheetInfo> getStylesheets(Document doc) {
        List<StylesheetInfo> sheets = new ArrayList<>();
        sheets.add(REPORT);
        sheets.addAll(super.getStylesheets(doc));
        return sheets;
    }

    @Override
    protected StylesheetInfo readStyleElement(Element style) {
        StylesheetInfo info = super.readStyleElement(style);
        if (info == null || info.getContent().isEmpty()) {
            return info;
        }
        String css = info.getContent().get();
        String key = "inline-css:" + sha256(style.getAttribute("media") + "\n" + css);
        return new StylesheetInfo(StylesheetInfo.Origin.AUTHOR, key, info.getMedia(), css);
    }
}
