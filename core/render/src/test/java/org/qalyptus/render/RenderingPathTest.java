package org.qalyptus.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qalyptus.spi.app.AppModel.Cell;
import org.qalyptus.spi.app.AppModel.DataPage;
import org.qalyptus.spi.app.AppModel.FormatOptions;
import org.qalyptus.spi.app.AppModel.ObjectData;
import org.qalyptus.spi.app.AppModel.SelectionState;
import org.qalyptus.spi.app.AppSession;
import org.qalyptus.spi.render.RenderDocument;
import org.qalyptus.spi.render.RenderDocument.AssetResolver;
import org.qalyptus.spi.render.RenderOptions;
import org.qalyptus.spi.render.TemplateKind;

/**
 * The fast rendering path end to end, against the Sales demo app: long tables in row groups, tables written into
 * the document after the template ran, what renderers keep between documents, renders on several threads.
 */
class RenderingPathTest {

    static final Instant NOW = Instant.parse("2025-03-14T09:26:53Z");
    static final Pattern EMAIL = Pattern.compile("customer\\d+@example\\.com");

    static AppSession session;
    static ReportRenderer renderer;

    @BeforeAll
    static void open() {
        session = Demo.open();
        renderer = new ReportRenderer(RenderLimits.defaults(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterAll
    static void close() {
        session.close();
    }

    static ReportTemplate html(String id, String source) {
        return ReportTemplate.html(id, id, source, AssetResolver.NONE);
    }

    static byte[] render(ReportTemplate template, String format) {
        return renderer.renderToBytes(template, session, SelectionState.EMPTY, IterationValues.NONE,
                BuiltInFormats.byTypeId(format).orElseThrow(), RenderOptions.defaults());
    }

    static final String CUSTOMERS = """
            <html><body><div class="q-header">Customers</div>
            <div class="q-footer">Page ${pageNumber()} of ${pageCount()}</div>
            <h1>Customers by revenue</h1>
            ${table("table-top-customers")}
            <p>After the table</p></body></html>""";

    @Test
    void aLongTableHasEveryRowOnceInTheAppsOrderWithItsHeaderAndPageXOfYOnEveryPage() {
        List<String> pages = Pdfs.pages(render(html("customers-path", CUSTOMERS), "Pdf"));
        ObjectData data = session.objectData("table-top-customers", SelectionState.EMPTY, new DataPage(0, 10_000, FormatOptions.DEFAULT));
        List<String> expected = data.rows().stream().map(row -> row.get(1).text()).toList();
        assertThat(expected).hasSize(2000);

        List<String> emails = new ArrayList<>();
        for (int i = 0; i < pages.size(); i++) {
            assertThat(pages.get(i)).contains("Customer Email Revenue (EUR) Sales lines")
                    .contains("Page " + (i + 1) + " of " + pages.size());
            Matcher m = EMAIL.matcher(pages.get(i));
            while (m.find()) {
                emails.add(m.group());
            }
        }
        assertThat(emails).isEqualTo(expected);
        assertThat(pages.size()).isBetween(35, 50);
        String last = pages.get(pages.size() - 1);
        assertThat(last).contains("Totals " + DemoSums.money(DemoSums.revenue(s -> true))).contains("After the table");
        // The first row of each page follows the last row of the page before it.
        Cell first = data.rows().get(0).get(0);
        assertThat(pages.get(0)).contains(first.text());
    }

    @Test
    void otherFormatsGetTheTablesMarkupAsBefore() {
        ReportTemplate template = html("markup", "<p>${table(\"table-region-product\", {\"columns\": [\"Region\", \"revenue\"]})}</p>");
        String html = new String(render(template, "Html"), StandardCharsets.UTF_8);
        assertThat(html).contains("<table class=\"q-table q-repeat-header\" data-object=\"table-region-product\"><colgroup>")
                .contains("<th class=\"q-dimension\">Region</th><th class=\"q-measure\">Revenue (EUR)</th>")
                .contains("<td>Asia Pacific</td><td class=\"q-number\">")
                .doesNotContain("data-qalyptus-table");
        RenderDocument filled = renderer.fill(template, session, SelectionState.EMPTY, IterationValues.NONE, RenderOptions.defaults());
        String xhtml = new String(filled.content(), StandardCharsets.UTF_8);
        assertThat(xhtml).contains("<tr class=\"q-totals\"><td>Totals</td>").contains("<td>Latin America</td>")
                .doesNotContain("data-qalyptus-table");
        // A table placed twice (through a variable) is there twice, in PDF too.
        String twice = Pdfs.text(render(html("twice", "<#assign t = table(\"table-region-product\")>${t}<p>between</p>${t}"), "Pdf"));
        assertThat(twice.split("North America Tires", -1)).hasSize(3);
    }

    @Test
    void aTemplateCannotForgeATablePlaceholder() {
        String forged = "<table data-qalyptus-table=\"00000000-0000-0000-0000-000000000000:0\"></table><p>x</p>"
                + "${table(\"table-region-product\", {\"columns\": [\"Region\"]})}";
        String html = new String(render(html("forged", forged), "Html"), StandardCharsets.UTF_8);
        assertThat(html).contains("<table></table><p>x</p>").doesNotContain("data-qalyptus-table");
        assertThat(html.split("data-object=\"table-region-product\"", -1)).hasSize(2);
        assertThat(Pdfs.text(render(html("forged", forged), "Pdf"))).contains("x");
    }

    @Test
    void tablesCountAgainstTheFilledSizeBudget() {
        ReportRenderer small = new ReportRenderer(RenderLimits.defaults().withMaxFilledChars(100_000), Clock.systemUTC());
        ReportTemplate template = html("budget", "<p>${table(\"table-top-customers\")}</p>");
        assertThatThrownBy(() -> small.renderToBytes(template, session, SelectionState.EMPTY, IterationValues.NONE,
                BuiltInFormats.pdf(), RenderOptions.defaults()))
                .isInstanceOf(RenderException.class).hasMessageContaining("size budget of 100000 characters");
        // The same budget with a small table is fine.
        byte[] pdf = small.renderToBytes(html("budget-ok", "<p>${table(\"table-region-product\")}</p>"), session,
                SelectionState.EMPTY, IterationValues.NONE, BuiltInFormats.pdf(), RenderOptions.defaults());
        assertThat(Pdfs.text(pdf)).contains("Totals");
    }

    @Test
    void rendersOnTwoThreadsGiveTheSameTextAsOneAfterTheOther() throws Exception {
        List<ReportTemplate> templates = List.of(
                ReportTemplate.html("demo", "Sales by region", DemoTemplates.salesByRegionHtml(), AssetResolver.NONE),
                html("customers-concurrent", CUSTOMERS),
                html("styled", "<style>td { color: #900 } .hidden { display: none }</style><p class=\"hidden\">HIDDEN</p>"
                        + "${table(\"table-region-product\")}"),
                html("plain", "<p class=\"hidden\">SHOWN</p>${kpi(\"kpi-revenue\")}"));
        List<String> sequential = new ArrayList<>();
        for (ReportTemplate template : templates) {
            sequential.add(Pdfs.text(render(template, "Pdf")));
        }
        assertThat(sequential.get(2)).doesNotContain("HIDDEN");
        assertThat(sequential.get(3)).contains("SHOWN");

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int offset = t;
                results.add(pool.submit(() -> {
                    try (AppSession own = Demo.open()) {
                        List<String> texts = new ArrayList<>();
                        for (int i = 0; i < 3 * templates.size(); i++) {
                            int index = (i + offset) % templates.size();
                            byte[] pdf = renderer.renderToBytes(templates.get(index), own, SelectionState.EMPTY,
                                    IterationValues.NONE, BuiltInFormats.pdf(), RenderOptions.defaults());
                            texts.add(index + ":" + Pdfs.text(pdf));
                        }
                        return texts;
                    }
                }));
            }
            for (Future<List<String>> result : results) {
                for (String text : result.get()) {
                    int index = Integer.parseInt(text.substring(0, text.indexOf(':')));
                    assertThat(text.substring(text.indexOf(':') + 1)).isEqualTo(sequential.get(index));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void excelValuesBesideAndBelowATableAreFilledAndTheTablesValuesStayData() throws IOException {
        byte[] template;
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            XSSFSheet sheet = wb.createSheet("Data");
            sheet.createRow(0).createCell(0).setCellValue("{{table:table-region-product|columns=Region;Product}}");
            sheet.getRow(0).createCell(3).setCellValue("{{variable:vCurrency}}");
            sheet.createRow(1).createCell(3).setCellValue("beside {{report}}");
            sheet.createRow(3).createCell(0).setCellValue("below {{variable:vCurrency}}");
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            wb.write(out);
            template = out.toByteArray();
        }
        byte[] xlsx = render(new ReportTemplate("xlsx-path", "Excel path", TemplateKind.EXCEL, template, AssetResolver.NONE), "Xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            XSSFSheet sheet = wb.getSheet("Data");
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Region");
            assertThat(sheet.getRow(0).getCell(3).getStringCellValue()).isEqualTo("EUR");
            assertThat(sheet.getRow(1).getCell(3).getStringCellValue()).isEqualTo("beside Excel path");
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("Asia Pacific");
            // 48 data rows and 4 subtotal rows from row 2; the row below the template moved down by 51.
            assertThat(sheet.getRow(3 + 51).getCell(0).getStringCellValue()).isEqualTo("below EUR");
        }
    }
}
