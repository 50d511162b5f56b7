package org.qalyptus.server.mail;

import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Safelist;

/**
 * Cleans the user-written HTML of a task message: formatting, links, tables and images stay; scripts, event
 * handlers, forms, frames, {@code javascript:} links and CSS expressions go.
 */
final class HtmlSanitizer {

    private static final Pattern DANGEROUS_STYLE = Pattern.compile("(?i)expression\\s*\\(|javascript:|vbscript:|behavior\\s*:|-moz-binding|@import");
    private static final Safelist SAFELIST = Safelist.relaxed()
            .addTags("span", "div", "font", "center", "hr", "small", "big", "s", "strike", "mark")
            .addAttributes(":all", "style", "class", "align", "dir", "title")
            .addAttributes("font", "color", "face", "size")
            .addAttributes("table", "border", "cellpadding", "cellspacing", "bgcolor")
            .addAttributes("td", "bgcolor", "valign", "nowrap")
            .addAttributes("th", "bgcolor", "valign", "nowrap")
            .addAttributes("a", "target")
            .addProtocols("img", "src", "cid", "data")
            .addProtocols("a", "href", "mailto", "http", "https");

    private HtmlSanitizer() {}

    static String clean(String html) {
        if (html == null || html.isBlank()) {
            return "";
        }
        Document.OutputSettings output = new Document.OutputSettings().prettyPrint(false);
        String cleaned = Jsoup.clean(html, "", SAFELIST, output);
        Document document = Jsoup.parseBodyFragment(cleaned);
        document.outputSettings(output);
        for (Element element : document.select("[style]")) {
            if (DANGEROUS_STYLE.matcher(element.attr("style")).find()) {
                element.removeAttr("style");
            }
        }
        for (Element image : document.select("img[src^=data:]")) {
            if (!image.attr("src").regionMatches(true, 0, "data:image/", 0, "data:image/".length())) {
                image.removeAttr("src");
            }
        }
        return document.body().html();
    }
}
