package org.qalyptus.render.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.qalyptus.render.RenderLimits;
import org.qalyptus.spi.render.RenderDocument.Asset;
import org.qalyptus.spi.render.RenderDocument.AssetResolver;
import org.qalyptus.spi.render.RenderOptions;
import org.w3c.dom.NodeList;

/** The PDF engine's own mechanisms: row groups, stylesheets kept between documents, the filtered default stylesheet. */
class PdfEngineTest {

    static final Pattern ROW = Pattern.compile("row-(\\d+)-end");

    static String table(int rows, String extraCss, boolean rowspan) {
        StringBuilder html = new StringBuilder("<html><head><style>" + extraCss + "</style></head><body>"
                + "<div class=\"q-footer\">Page <span class=\"q-page-number\"></span> of <span class=\"q-page-count\"></span></div>"
                + "<table class=\"q-table q-repeat-header\"><thead><tr><th>Name</th><th>Value</th></tr></thead><tbody>");
        for (int i = 1; i <= rows; i++) {
            html.append("<tr><td").append(rowspan && i == 7 ? " rowspan=\"2\"" : "").append(">row-").append(i)
                    .append("-end</td><td class=\"q-number\">").append(i * 7).append(".50</td></tr>");
        }
        return html.append("</tbody></table></body></html>").toString();
    }

    static FilledHtml document(String html, AssetResolver assets) {
        return FilledHtml.parse(html, "test", assets, RenderLimits.defaults());
    }

    static byte[] render(PdfEngine engine, FilledHtml document) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            engine.write(document, RenderOptions.defaults(), out);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    static int rowGroups(FilledHtml document) {
        NodeList groups = document.dom().getElementsByTagNameNS("*", "tbody");
        return groups.getLength();
    }

    static List<String> pages(byte[] pdf) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            List<String> pages = new ArrayList<>();
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            for (int i = 1; i <= doc.getNumberOfPages(); i++) {
                stripper.setStartPage(i);
                stripper.setEndPage(i);
                pages.add(stripper.getText(doc));
            }
            return pages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<BufferedImage> images(byte[] pdf) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            List<BufferedImage> images = new ArrayList<>();
            PDFRenderer renderer = new PDFRenderer(doc);
            for (int i = 0; i < doc.getNumberOfPages(); i++) {
                images.add(renderer.renderImageWithDPI(i, 100));
            }
            return images;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean samePixels(BufferedImage a, BufferedImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            return false;
        }
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    return false;
                }
            }
        }
        return true;
    }

    @Test
    void aLongRowGroupIsSplitAndEveryPageHasTheHeaderTheRowsInOrderAndPageXOfY() {
        FilledHtml document = document(table(620, "", false), AssetResolver.NONE);
        List<String> pages = pages(render(new PdfEngine(), document));
        assertThat(rowGroups(document)).isEqualTo(13); // 620 rows: 12 groups of 50 and one of 20

        assertThat(pages.size()).isGreaterThan(10);
        List<Integer> rows = new ArrayList<>();
        for (int p = 0; p < pages.size(); p++) {
            assertThat(pages.get(p)).contains("Name Value").contains("Page " + (p + 1) + " of " + pages.size());
            Matcher m = ROW.matcher(pages.get(p));
            while (m.find()) {
                rows.add(Integer.parseInt(m.group(1)));
            }
        }
        List<Integer> expected = new ArrayList<>();
        for (int i = 1; i <= 620; i++) {
            expected.add(i);
        }
        assertThat(rows).isEqualTo(expected);
    }

    @Test
    void splittingChangesNoPixel() {
        // A structural selector that matches nothing turns the splitting off without changing the look.
        FilledHtml groups = document(table(400, ".unused { color: red }", false), AssetResolver.NONE);
        byte[] split = render(new PdfEngine(), groups);
        assertThat(rowGroups(groups)).isEqualTo(8);
        FilledHtml whole = document(table(400, ".unused:first-child { color: red }", false), AssetResolver.NONE);
        byte[] unsplit = render(new PdfEngine(), whole);
        assertThat(rowGroups(whole)).isEqualTo(1);
        List<BufferedImage> a = images(split);
        List<BufferedImage> b = images(unsplit);
        assertThat(a).hasSameSizeAs(b).hasSizeGreaterThan(5);
        for (int i = 0; i < a.size(); i++) {
            assertThat(samePixels(a.get(i), b.get(i))).as("page " + (i + 1)).isTrue();
        }
    }

    @Test
    void rowGroupsAreLeftAloneWhenRowsSpanRowsOrSelectorsDependOnPositions() {
        PdfEngine engine = new PdfEngine();
        for (String css : List.of("tr:nth-child(2n) td { color: #333 }", "td + td { color: #333 }", "tr ~ tr { color: #333 }",
                "tbody tr:last-child td { color: #333 }")) {
            FilledHtml document = document(table(200, css, false), AssetResolver.NONE);
            render(engine, document);
            assertThat(rowGroups(document)).as(css).isEqualTo(1);
        }
        FilledHtml spanning = document(table(200, "", true), AssetResolver.NONE);
        render(engine, spanning);
        assertThat(rowGroups(spanning)).isEqualTo(1);
        assertThat(RowGroups.allowedBy(List.of(ReportNamespaceHandler.REPORT_CSS))).isTrue();
    }

    @Test
    void aRendererThatWroteALongDocumentIsNotKept() {
        PdfFormat format = new PdfFormat();
        format.render(document(table(40, "", false), AssetResolver.NONE), RenderOptions.defaults(), new ByteArrayOutputStream());
        assertThat(format.idleEngines()).isEqualTo(1);
        FilledHtml longOne = document(table(4000, "", false), AssetResolver.NONE);
        PdfFormat.Outcome outcome = format.renderCounting(longOne, RenderOptions.defaults(), new ByteArrayOutputStream());
        assertThat(outcome.pages()).isGreaterThan(PdfEngines.KEEP_AFTER_PAGES);
        assertThat(format.idleEngines()).isZero();
        format.render(document(table(40, "", false), AssetResolver.NONE), RenderOptions.defaults(), new ByteArrayOutputStream());
        assertThat(format.idleEngines()).isEqualTo(1);
    }

    static AssetResolver assets(Map<String, String> css) {
        return reference -> Optional.ofNullable(css.get(reference))
                .map(text -> new Asset("text/css", text.getBytes(StandardCharsets.UTF_8)));
    }

    static String text(PdfEngine engine, String html, AssetResolver assets) {
        return String.join("\n", pages(render(engine, document(html, assets))));
    }

    @Test
    void oneReportsStylesheetsNeverStyleAnothersOnTheSameRenderer() {
        PdfEngine engine = new PdfEngine();
        String body = "<p class=\"x\">SHOWN-X</p><p class=\"y\">SHOWN-Y</p>";
        // Inline styles: keyed by their text.
        assertThat(text(engine, "<style>.x { display: none }</style>" + body, AssetResolver.NONE)).doesNotContain("SHOWN-X");
        assertThat(text(engine, body, AssetResolver.NONE)).contains("SHOWN-X").contains("SHOWN-Y");
        // Linked stylesheets with the same name in two reports: each gets its own.
        String linked = "<html><head><link rel=\"stylesheet\" href=\"style.css\"/></head><body>" + body + "</body></html>";
        AssetResolver a = assets(Map.of("style.css", ".x { display: none }"));
        AssetResolver b = assets(Map.of("style.css", ".y { display: none }"));
        for (int i = 0; i < 2; i++) {
            assertThat(text(engine, linked, a)).doesNotContain("SHOWN-X").contains("SHOWN-Y");
            assertThat(text(engine, linked, b)).contains("SHOWN-X").doesNotContain("SHOWN-Y");
        }
        // An @import by the same name resolves against each report's own assets.
        String importing = "<style>@import \"imported.css\";</style>" + body;
        AssetResolver c = assets(Map.of("imported.css", ".x { display: none }"));
        AssetResolver d = assets(Map.of("imported.css", ".y { display: none }"));
        for (int i = 0; i < 2; i++) {
            assertThat(text(engine, importing, c)).doesNotContain("SHOWN-X").contains("SHOWN-Y");
            assertThat(text(engine, importing, d)).contains("SHOWN-X").doesNotContain("SHOWN-Y");
            assertThat(text(engine, importing, AssetResolver.NONE)).contains("SHOWN-X").contains("SHOWN-Y");
        }
    }

    @Test
    void aRefusedStylesheetIsReportedForEveryDocument() {
        PdfEngine engine = new PdfEngine();
        String html = "<html><head><link rel=\"stylesheet\" href=\"http://example.com/s.css\"/></head><body><p>x</p></body></html>";
        for (int i = 0; i < 2; i++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                assertThat(engine.write(document(html, AssetResolver.NONE), RenderOptions.defaults(), out))
                        .contains("http://example.com/s.css");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void theDefaultStylesheetKeepsTheRulesThatCanMatch() {
        UserAgentStyles styles = new UserAgentStyles(ReportNamespaceHandler.FS_DEFAULT_CSS);
        assertThat(styles.selectorCount()).isGreaterThan(100);
        assertThat(UserAgentStyles.types("ol ul")).containsExactly("ol", "ul");
        assertThat(UserAgentStyles.types("table[align=\"center\"] > caption[align=\"left\"]")).containsExactly("caption", "table");
        assertThat(UserAgentStyles.types("a:link")).containsExactly("a");
        assertThat(UserAgentStyles.types(".x:before")).isEmpty();

        String tableOnly = styles.filter(Set.of("html", "body", "table", "tbody", "tr", "td"));
        assertThat(tableOnly).contains("td {").contains("tr {").contains("@page").doesNotContain("blockquote")
                .doesNotContain("ol ul").doesNotContain("caption");
        String lists = styles.filter(Set.of("ol", "ul", "li"));
        assertThat(lists).contains("ol ul, ul ol, ul ul, ol ol {").contains("li {");
        assertThat(styles.filter(Set.of("ul", "li"))).contains("ul ul {").doesNotContain("ol ul");
        // With every element type the document could have, every selector is kept, in order.
        Set<String> all = new java.util.HashSet<>();
        Matcher m = Pattern.compile("[a-z][a-z0-9]*").matcher(ReportNamespaceHandler.FS_DEFAULT_CSS.replaceAll("(?s)/\\*.*?\\*/", ""));
        while (m.find()) {
            all.add(m.group());
        }
        String full = styles.filter(all);
        int selectors = 0;
        for (String rule : full.split("\n")) {
            if (!rule.startsWith("@") && rule.contains("{")) {
                selectors += rule.substring(0, rule.indexOf('{')).split(",").length;
            }
        }
        assertThat(selectors).isEqualTo(styles.selectorCount());
        assertThat(styles.forElements(Set.of("p", "body"))).isSameAs(styles.forElements(Set.of("body", "p")));
    }
}
