package org.qalyptus.render.html;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.helper.W3CDom;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.parser.Parser;
import org.qalyptus.render.RenderLimits;
import org.qalyptus.spi.render.RenderDocument;
import org.qalyptus.spi.render.RenderDocument.AssetResolver;

/**
 * A filled HTML template, parsed once and shared by the formats that convert it. HTML is parsed leniently
 * with jsoup, which never reads a DTD or expands an external entity (no XXE by construction), then cleaned:
 * scripts, frames, embedded objects, {@code <base>}, refresh/redirect metas and event attributes are dropped,
 * and stylesheets found in the body are moved to the head where the renderers look for them.
 */
public final class FilledHtml {

    private static final List<String> DROPPED = List.of("script", "iframe", "frame", "frameset", "object", "embed", "applet",
            "base", "noscript", "portal", "template");

    private final String name;
    private final Document html;
    private final AssetResolver assets;
    private final RenderLimits limits;
    private org.w3c.dom.Document dom;

    private FilledHtml(String name, Document html, AssetResolver assets, RenderLimits limits) {
        this.name = name;
        this.html = html;
        this.assets = assets;
        this.limits = limits;
    }

    public static FilledHtml parse(String source, String name, AssetResolver assets, RenderLimits limits) {
        Document html = Jsoup.parse(source, "", Parser.htmlParser());
        clean(html);
        if (html.title().isBlank() && name != null && !name.isBlank()) {
            html.title(name);
        }
        return new FilledHtml(name == null ? "" : name, html, assets == null ? AssetResolver.NONE : assets, limits);
    }

    /** A document given to a format by a caller other than the engine: its content is the filled XHTML. */
    public static FilledHtml of(RenderDocument document, RenderLimits limits) {
        return parse(new String(document.content(), StandardCharsets.UTF_8), document.name(), document.assets(), limits);
    }

    private static void clean(Document html) {
        for (String tag : DROPPED) {
            html.select(tag).remove();
        }
        html.select("meta[http-equiv]").remove();
        for (Element element : html.getAllElements()) {
            List<Attribute> attributes = element.attributes().asList();
            for (Attribute attribute : attributes) {
                String key = attribute.getKey().toLowerCase(java.util.Locale.ROOT);
                String value = attribute.getValue().trim().toLowerCase(java.util.Locale.ROOT);
                if (key.startsWith("on") || value.startsWith("javascript:") || value.startsWith("vbscript:")) {
                    element.removeAttr(attribute.getKey());
                }
            }
        }
        Element head = html.head();
        for (Element style : html.body().select("style, link[rel~=(?i)stylesheet]")) {
            style.remove();
            head.appendChild(style);
        }
    }

    public String name() {
        return name;
    }

    /** The cleaned document (callers that change it work on a copy). */
    public Document html() {
        return html;
    }

    public AssetResolver assets() {
        return assets;
    }

    public RenderLimits limits() {
        return limits;
    }

    /** The document as a W3C DOM for Flying Saucer, converted once. */
    public synchronized org.w3c.dom.Document dom() {
        if (dom == null) {
            dom = W3CDom.convert(html);
        }
        return dom;
    }

    /** The filled document as XHTML in UTF-8: the content handed to output formats that plugins provide. */
    public byte[] xhtml() {
        Document copy = html.clone();
        copy.outputSettings().syntax(Document.OutputSettings.Syntax.xml).escapeMode(Entities.EscapeMode.xhtml)
                .charset(StandardCharsets.UTF_8).prettyPrint(false);
        return copy.outerHtml().getBytes(StandardCharsets.UTF_8);
    }
}
