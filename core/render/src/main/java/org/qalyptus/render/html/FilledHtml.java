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
    private final DeferredTables tables;
    private boolean tablesInHtml;
    private org.w3c.dom.Document dom;

    private FilledHtml(String name, Document html, AssetResolver assets, RenderLimits limits, DeferredTables tables) {
        this.name = name;
        this.html = html;
        this.assets = assets;
        this.limits = limits;
        this.tables = tables;
        this.tablesInHtml = tables == null || tables.isEmpty();
    }

    public static FilledHtml parse(String source, String name, AssetResolver assets, RenderLimits limits) {
        return parse(source, name, assets, limits, null);
    }

    /**
     * @param tables the tables the template placed as placeholders (see {@link DeferredTables}), or null: they are
     *     written into the document where their placeholders are
     */
    public static FilledHtml parse(String source, String name, AssetResolver assets, RenderLimits limits,
            DeferredTables tables) {
        Document html = Jsoup.parse(source, "", Parser.htmlParser());
        clean(html);
        if (html.title().isBlank() && name != null && !name.isBlank()) {
            html.title(name);
        }
        return new FilledHtml(name == null ? "" : name, html, assets == null ? AssetResolver.NONE : assets, limits, tables);
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

    /** The cleaned document, tables included (callers that change it work on a copy). */
    public synchronized Document html() {
        if (!tablesInHtml) {
            tables.fill(html);
            tablesInHtml = true;
        }
        return html;
    }

    public AssetResolver assets() {
        return assets;
    }

    public RenderLimits limits() {
        return limits;
    }

    /**
     * The document as a W3C DOM for Flying Saucer, converted once: the template's markup through jsoup, then the
     * tables written straight into it.
     */
    public synchronized org.w3c.dom.Document dom() {
        if (dom == null) {
            dom = toW3c(html);
            if (!tablesInHtml) {
                tables.fill(dom);
            }
        }
        return dom;
    }

    /**
     * What {@link W3CDom#convert} does, without looking up an XML implementation and configuring a document builder
     * for every document (both are kept per thread: a document builder is not thread-safe). Nothing is parsed here.
     */
    private static org.w3c.dom.Document toW3c(Document html) {
        W3c w3c = W3C.get();
        org.w3c.dom.Document out = w3c.builder.newDocument();
        org.jsoup.nodes.DocumentType doctype = html.documentType();
        if (doctype != null) {
            out.appendChild(w3c.builder.getDOMImplementation().createDocumentType(doctype.name(), doctype.publicId(),
                    doctype.systemId()));
        }
        out.setXmlStandalone(true);
        w3c.converter.convert(html, out);
        return out;
    }

    private record W3c(W3CDom converter, javax.xml.parsers.DocumentBuilder builder) {}

    private static final ThreadLocal<W3c> W3C = ThreadLocal.withInitial(() -> {
        W3CDom converter = new W3CDom();
        try {
            javax.xml.parsers.DocumentBuilderFactory factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return new W3c(converter, factory.newDocumentBuilder());
        } catch (javax.xml.parsers.ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    });

    /** The filled document as XHTML in UTF-8: the content handed to output formats that plugins provide. */
    public byte[] xhtml() {
        Document copy = html().clone();
        copy.outputSettings().syntax(Document.OutputSettings.Syntax.xml).escapeMode(Entities.EscapeMode.xhtml)
                .charset(StandardCharsets.UTF_8).prettyPrint(false);
        return copy.outerHtml().getBytes(StandardCharsets.UTF_8);
    }
}
