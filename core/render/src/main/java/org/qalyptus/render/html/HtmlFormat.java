package org.qalyptus.render.html;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.qalyptus.render.RenderException;
import org.qalyptus.render.RenderLimits;
import org.qalyptus.render.data.Images;
import org.qalyptus.spi.render.RenderDocument;
import org.qalyptus.spi.render.RenderDocument.Asset;
import org.qalyptus.spi.render.RenderOptions;

/**
 * {@code Html}: one self-contained file. Images and stylesheets the document uses are inlined (images as
 * data: URIs, stylesheets as {@code <style>} blocks, CSS {@code url()}s as data: URIs); any reference that is
 * not a data: URI or an asset of the report is removed, so opening the file fetches nothing. The report
 * stylesheet is included; running footers are moved to the end of the page. Passwords do not apply.
 */
public final class HtmlFormat implements HtmlOutputFormat {

    public static final String TYPE_ID = "Html";

    private static final Pattern CSS_URL = Pattern.compile("url\\(\\s*(['\"]?)(.*?)\\1\\s*\\)", Pattern.CASE_INSENSITIVE);
    private static final Pattern CSS_IMPORT = Pattern.compile(
            "@import\\s+(?:url\\(\\s*)?(['\"]?)([^'\"\\)\\s;]+)\\1\\s*\\)?[^;]*;", Pattern.CASE_INSENSITIVE);
    /** Attributes through which a browser would fetch something. */
    private static final Set<String> FETCHING = Set.of("src", "srcset", "background", "poster", "xlink:href", "data",
            "action", "formaction", "longdesc", "lowsrc", "dynsrc", "ping", "manifest", "codebase", "archive", "cite",
            "imagesrcset");

    @Override
    public String typeId() {
        return TYPE_ID;
    }

    @Override
    public String displayName() {
        return "HTML";
    }

    @Override
    public String fileExtension() {
        return "html";
    }

    @Override
    public String mediaType() {
        return "text/html";
    }

    @Override
    public void render(RenderDocument document, RenderOptions options, OutputStream out) {
        render(FilledHtml.of(document, RenderLimits.defaults()), options, out);
    }

    @Override
    public void render(FilledHtml document, RenderOptions options, OutputStream out) {
        ResourcePolicy policy = new ResourcePolicy(document.assets(), document.limits());
        Document copy = document.html().clone();
        for (Element link : copy.select("link")) {
            String rel = link.attr("rel").toLowerCase(Locale.ROOT);
            Optional<Asset> css = rel.contains("stylesheet") ? policy.resolve(link.attr("href")) : Optional.empty();
            if (css.isPresent()) {
                link.after(new Element("style").appendText(css(new String(css.get().bytes(), StandardCharsets.UTF_8), policy, 0)));
            }
            link.remove();
        }
        for (Element style : copy.select("style")) {
            String text = style.data();
            style.empty().appendText(css(text, policy, 0));
        }
        for (Element element : copy.getAllElements()) {
            for (Attribute attribute : element.attributes().asList()) {
                String key = attribute.getKey().toLowerCase(Locale.ROOT);
                if (key.equals("style")) {
                    element.attr(attribute.getKey(), css(attribute.getValue(), policy, 1));
                } else if (key.equals("src") && element.normalName().equals("img")) {
                    Optional<String> inlined = imageUri(attribute.getValue(), policy);
                    if (inlined.isPresent()) {
                        element.attr("src", inlined.get());
                    } else {
                        element.removeAttr(attribute.getKey());
                    }
                } else if (FETCHING.contains(key) || (key.equals("href") && !element.normalName().equals("a")
                        && !element.normalName().equals("area"))) {
                    element.removeAttr(attribute.getKey());
                }
            }
        }
        copy.head().prependElement("style").appendText(ReportNamespaceHandler.REPORT_CSS);
        copy.head().prependElement("meta").attr("charset", "utf-8");
        for (Element footer : copy.select(".q-footer")) {
            footer.remove();
            copy.body().appendChild(footer);
        }
        copy.outputSettings().charset(StandardCharsets.UTF_8).escapeMode(Entities.EscapeMode.base).prettyPrint(false);
        String html = "<!DOCTYPE html>\n" + copy.select("html").first().outerHtml();
        try {
            LimitedOutputStream limited = new LimitedOutputStream(out, options.maxOutputBytes());
            limited.write(html.getBytes(StandardCharsets.UTF_8));
            limited.flush();
        } catch (IOException e) {
            throw new RenderException("The HTML could not be written: " + e.getMessage(), e);
        }
    }

    private static Optional<String> imageUri(String reference, ResourcePolicy policy) {
        return policy.resolve(reference).flatMap(asset -> Images.sniff(asset.bytes()).map(type -> {
            Images.checkedSize(asset.bytes(), policy.limits().maxImagePixels(), reference);
            return "data:" + type + ";base64," + Base64.getEncoder().encodeToString(asset.bytes());
        }));
    }

    /** Inlines imported stylesheets (one level) and turns every url() into a data: URI, or removes it. */
    private static String css(String css, ResourcePolicy policy, int depth) {
        Matcher imports = CSS_IMPORT.matcher(css);
        StringBuilder out = new StringBuilder();
        while (imports.find()) {
            String inlined = "";
            if (depth == 0) {
                Optional<Asset> sheet = policy.resolve(imports.group(2));
                if (sheet.isPresent()) {
                    inlined = css(new String(sheet.get().bytes(), StandardCharsets.UTF_8), policy, depth + 1);
                }
            }
            imports.appendReplacement(out, Matcher.quoteReplacement(inlined));
        }
        imports.appendTail(out);
        Matcher urls = CSS_URL.matcher(out.toString());
        StringBuilder result = new StringBuilder();
        while (urls.find()) {
            String reference = urls.group(2).trim();
            String replacement = "none";
            if (!reference.isEmpty()) {
                Optional<Asset> asset = policy.resolve(reference);
                if (asset.isPresent()) {
                    replacement = "url(\"data:" + asset.get().mediaType().replaceAll("[^A-Za-z0-9/+.-]", "") + ";base64,"
                            + Base64.getEncoder().encodeToString(asset.get().bytes()) + "\")";
                }
            }
            urls.appendReplacement(result, Matcher.quoteReplacement(replacement));
        }
        urls.appendTail(result);
        return result.toString();
    }
}
