package org.qalyptus.render.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.qalyptus.spi.render.RenderDocument.Asset;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xhtmlrenderer.css.sheet.StylesheetInfo;
import org.xhtmlrenderer.simple.extend.XhtmlNamespaceHandler;

/**
 * Flying Saucer's XHTML handling with the stylesheets a report gets: Flying Saucer's default stylesheet (only the
 * rules that can match the document, see {@link UserAgentStyles}) and the report stylesheet, both read once from
 * the classpath and given as content (no URL is ever opened for them), then the document's own.
 *
 * <p>Every stylesheet is handed to Flying Saucer with its content and a key derived from that content, so a
 * renderer keeps the parsed stylesheets of the templates it renders (see {@link CachingStyleReference}) and two
 * reports whose assets share a name can never get each other's styles: {@code <style>} blocks are keyed by their
 * text, linked stylesheets and {@code xml-stylesheet} instructions are resolved here, through the document's
 * {@link ResourcePolicy}, and keyed by what they resolved to (or dropped, and remembered as refused, when the
 * policy refuses them). The only references Flying Saucer still resolves by URL are {@code @import}s inside a
 * stylesheet; a document that may have one is {@linkplain #perDocument() marked} so that the renderer forgets
 * every stylesheet after it.
 *
 * <p>One per renderer; {@link #begin} and {@link #end} bracket each document.
 */
final class ReportNamespaceHandler extends XhtmlNamespaceHandler {

    static final String FS_DEFAULT_CSS = resource("/resources/css/XhtmlNamespaceHandler.css", XhtmlNamespaceHandler.class);
    static final String REPORT_CSS = resource("/org/qalyptus/render/report.css", ReportNamespaceHandler.class);

    private static final UserAgentStyles USER_AGENT = new UserAgentStyles(FS_DEFAULT_CSS);
    private static final StylesheetInfo REPORT = new StylesheetInfo(StylesheetInfo.Origin.USER_AGENT,
            "qalyptus:report.css", StylesheetInfo.mediaTypes(""), REPORT_CSS);

    private Document document;
    private ResourcePolicy policy;
    private StylesheetInfo userAgent;
    private List<StylesheetInfo> authorSheets;
    private boolean perDocument;

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

    /** Reads the document's stylesheets (resolving linked ones through the policy once). */
    void begin(Document document, ResourcePolicy policy, java.util.Set<String> elementNames) {
        this.document = document;
        this.policy = policy;
        this.perDocument = false;
        this.userAgent = USER_AGENT.forElements(elementNames);
        List<StylesheetInfo> sheets = new ArrayList<>();
        for (StylesheetInfo info : super.getStylesheets(document)) {
            StylesheetInfo keyed = keyedByContent(info);
            if (keyed != null) {
                sheets.add(keyed);
            }
        }
        this.authorSheets = sheets;
    }

    void end() {
        document = null;
        policy = null;
        userAgent = null;
        authorSheets = null;
    }

    /** Whether a stylesheet of this document may {@code @import} another (Flying Saucer caches imports by URL). */
    boolean perDocument() {
        return perDocument;
    }

    /** The text of the document's own stylesheets ({@code <style>} blocks and resolved links), in order. */
    List<String> authorCss() {
        List<String> css = new ArrayList<>();
        for (StylesheetInfo info : authorSheets) {
            info.getContent().ifPresent(css::add);
        }
        return css;
    }

    @Override
    public Optional<StylesheetInfo> getDefaultStylesheet() {
        if (userAgent == null) {
            throw new IllegalStateException("no document is being rendered");
        }
        return Optional.of(userAgent);
    }

    @Override
    public List<StylesheetInfo> getStylesheets(Document doc) {
        if (doc != document) {
            throw new IllegalStateException("not the document being rendered");
        }
        List<StylesheetInfo> sheets = new ArrayList<>(authorSheets.size() + 1);
        sheets.add(REPORT);
        sheets.addAll(authorSheets);
        return sheets;
    }

    @Override
    protected StylesheetInfo readStyleElement(Element style) {
        StylesheetInfo info = super.readStyleElement(style);
        if (info == null || info.getContent().isEmpty()) {
            return info;
        }
        return keyed(info.getContent().get(), info.getMedia(), "inline-css:");
    }

    /** A stylesheet with its content and a key from it; linked ones resolved through the policy (null when refused). */
    private StylesheetInfo keyedByContent(StylesheetInfo info) {
        if (info.getContent().isPresent()) {
            // <style> blocks, already keyed by readStyleElement.
            notePossibleImport(info.getContent().get());
            return info;
        }
        Optional<Asset> css = policy.resolve(info.getUri());
        if (css.isEmpty()) {
            return null;
        }
        String text = new String(css.get().bytes(), StandardCharsets.UTF_8);
        notePossibleImport(text);
        return keyed(text, info.getMedia(), "linked-css:");
    }

    private static StylesheetInfo keyed(String css, List<String> media, String prefix) {
        String key = prefix + UserAgentStyles.sha256(String.join(",", media) + "\n" + css);
        return new StylesheetInfo(StylesheetInfo.Origin.AUTHOR, key, media, css);
    }

    /** Conservative: any "import" (or a CSS escape, which could spell one) makes the document's styles per document. */
    private void notePossibleImport(String css) {
        if (css.indexOf('\\') >= 0 || css.toLowerCase(Locale.ROOT).contains("import")) {
            perDocument = true;
        }
    }
}
