package org.qalyptus.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.poi.poifs.crypt.Decryptor;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qalyptus.spi.app.AppModel.SelectionState;
import org.qalyptus.spi.app.AppSession;
import org.qalyptus.spi.render.OutputFormat;
import org.qalyptus.spi.render.RenderDocument.AssetResolver;
import org.qalyptus.spi.render.RenderOptions;
import org.qalyptus.spi.render.TemplateKind;

/** Each template kind rendered to each of its formats against the real embedded engine and its Sales demo app. */
class GoldenRenderingTest {

    static final Instant NOW = Instant.parse("2025-03-14T09:26:53Z");

    static AppSession session;
    static ReportRenderer renderer;
    /**
     * Whether the demo's region/product table shows a subtotal row per region: the embedded engine's does; the same
     * object in Qlik Sense is a straight table, which has none (its subclass sets this false); every other row is equal.
     */
    static boolean subtotalRows;

    @BeforeAll
    static void open() {
        session = Demo.open();
        subtotalRows = true;
        renderer = new ReportRenderer(RenderLimits.defaults(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterAll
    static void close() {
        session.close();
    }

    static OutputFormat format(String id) {
        return BuiltInFormats.byTypeId(id).orElseThrow();
    }

    static ReportTemplate salesByRegion() {
        return ReportTemplate.html("demo-html", "Sales by region", DemoTemplates.salesByRegionHtml(), AssetResolver.NONE);
    }

    static SelectionState select(String field, String... values) {
        return new SelectionState(Map.of(field, List.of(values)), Map.of(), null);
    }

    static byte[] render(ReportTemplate template, SelectionState state, IterationValues iteration, String format,
            RenderOptions options) {
        return renderer.renderToBytes(template, session, state, iteration, format(format), options);
    }

    static byte[] render(ReportTemplate template, String format) {
        return render(template, SelectionState.EMPTY, IterationValues.NONE, format, RenderOptions.defaults());
    }

    static String money(BigDecimal value) {
        return DemoSums.money(value);
    }

    @Test
    void salesByRegionPdfShowsTheAppsNumbersWithPageXOfY() {
        byte[] pdf = render(salesByRegion(), "Pdf");
        List<String> pages = Pdfs.pages(pdf);
        assertThat(pages).hasSizeGreaterThanOrEqualTo(3);
        String all = String.join("\n", pages);
        BigDecimal total = DemoSums.revenue(s -> true);
        assertThat(all).contains(money(total)); // the revenue KPI and the table's totals row
        for (String region : List.of("Asia Pacific", "Europe", "Latin America", "North America")) {
            String subtotal = region + " " + money(DemoSums.revenue(s -> s.region().equals(region)));
            if (subtotalRows) {
                assertThat(all).contains(subtotal);
            } else {
                assertThat(all).doesNotContain(subtotal);
            }
        }
        assertThat(all).contains("Europe Road Bike " + money(DemoSums.revenue(
                s -> s.region().equals("Europe") && s.product().equals("Road Bike"))));
        assertThat(all).contains("Currency: EUR").contains("Generated 2025-03-14 09:26");
        for (int i = 0; i < pages.size(); i++) {
            assertThat(pages.get(i)).contains("Page " + (i + 1) + " of " + pages.size()).contains("Sales by region · Sales demo");
        }
        // The table starts on page 2 (after a page break) and its header repeats on every page it runs over.
        for (int i = 1; i < pages.size(); i++) {
            assertThat(pages.get(i)).contains("Region Product Revenue (EUR) Units Margin %");
        }
    }

    @Test
    void aSelectionFiltersEveryNumberAndIsShown() {
        byte[] pdf = render(salesByRegion(), select("region", "Europe"), IterationValues.NONE, "Pdf", RenderOptions.defaults());
        String all = Pdfs.text(pdf);
        BigDecimal europe = DemoSums.revenue(s -> s.region().equals("Europe"));
        assertThat(all).contains("Regions: Europe").contains("Totals " + money(europe));
        assertThat(all).doesNotContain("Asia Pacific").doesNotContain(money(DemoSums.revenue(s -> true)));
    }

    @Test
    void separatorOptionsFormatTheNumbers() {
        RenderOptions options = new RenderOptions(null, null, 90, ',', '.', ';', Locale.ROOT, null, 512L << 20);
        String all = Pdfs.text(render(salesByRegion(), SelectionState.EMPTY, IterationValues.NONE, "Pdf", options));
        String plain = money(DemoSums.revenue(s -> true));
        String intPart = plain.substring(0, plain.indexOf('.'));
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < intPart.length(); i++) {
            if (i > 0 && (intPart.length() - i) % 3 == 0) {
                grouped.append('.');
            }
            grouped.append(intPart.charAt(i));
        }
        assertThat(all).contains(grouped + "," + plain.substring(plain.indexOf('.') + 1));
    }

    @Test
    void aPdfWithPasswordsNeedsTheOpenPasswordAndRestrictsChanges() throws IOException {
        RenderOptions options = new RenderOptions("open-sesame", "owner-only", 90, '.', null, ',', Locale.ROOT, null, 512L << 20);
        byte[] pdf = render(salesByRegion(), SelectionState.EMPTY, IterationValues.NONE, "Pdf", options);
        assertThatThrownBy(() -> Loader.loadPDF(pdf)).isInstanceOf(InvalidPasswordException.class);
        try (PDDocument doc = Loader.loadPDF(pdf, "open-sesame")) {
            assertThat(doc.isEncrypted()).isTrue();
            assertThat(doc.getCurrentAccessPermission().canModify()).isFalse();
            assertThat(doc.getCurrentAccessPermission().canPrint()).isTrue();
        }
        try (PDDocument doc = Loader.loadPDF(pdf, "owner-only")) {
            assertThat(doc.getCurrentAccessPermission().isOwnerPermission()).isTrue();
        }
        assertThat(Pdfs.pages(pdf, "open-sesame").get(0)).contains("Sales by region");
    }

    @Test
    void htmlOutputIsOneSelfContainedFile() {
        String html = new String(render(salesByRegion(), "Html"), StandardCharsets.UTF_8);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("data:image/png;base64,").doesNotContain("qalyptus-image:");
        assertThat(html).contains(money(DemoSums.revenue(s -> true))).contains("Asia Pacific");
        assertThat(html).doesNotContainPattern("(src|href)=\"(https?|file|jar):");
        // The running footer is moved to the end, where a browser shows it.
        assertThat(html.indexOf("class=\"q-footer\"")).isGreaterThan(html.indexOf("q-table"));
    }

    @Test
    void pngAndJpegArePageImagesOfThePdf() throws IOException {
        ReportTemplate onePage = ReportTemplate.html("one-page", "KPIs", """
                <html><body><h1>Revenue ${kpi("kpi-revenue")}</h1>${chart("chart-category-pie", {"width": 400, "height": 300})}
                </body></html>""", AssetResolver.NONE);
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(render(onePage, "Png")));
        assertThat(png.getWidth()).isBetween(780, 800); // A4 at 96 dpi
        assertThat(png.getHeight()).isBetween(1110, 1130);
        assertThat(nonWhite(png)).isGreaterThan(5_000);
        byte[] good = render(onePage, SelectionState.EMPTY, IterationValues.NONE, "Jpeg", RenderOptions.defaults());
        byte[] poor = render(onePage, SelectionState.EMPTY, IterationValues.NONE, "Jpeg",
                new RenderOptions(null, null, 10, '.', null, ',', Locale.ROOT, null, 512L << 20));
        BufferedImage jpeg = ImageIO.read(new ByteArrayInputStream(good));
        assertThat(jpeg.getWidth()).isEqualTo(png.getWidth());
        assertThat(nonWhite(jpeg)).isGreaterThan(5_000);
        assertThat(poor.length).isLessThan(good.length * 7 / 10);
        // Several pages are stacked in one image.
        BufferedImage all = ImageIO.read(new ByteArrayInputStream(render(salesByRegion(), "Png")));
        assertThat(all.getHeight()).isGreaterThan(3 * 1110);
    }

    static int nonWhite(BufferedImage image) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                if ((image.getRGB(x, y) & 0xFFFFFF) < 0xF0F0F0) {
                    count++;
                }
            }
        }
        return count;
    }

    @Test
    void aLongTableRepeatsItsHeaderOnEveryPage() {
        ReportTemplate customers = ReportTemplate.html("customers", "Customers", """
                <html><body><div class="q-footer">Page ${pageNumber()} of ${pageCount()}</div>
                ${table("table-top-customers")}</body></html>""", AssetResolver.NONE);
        List<String> pages = Pdfs.pages(render(customers, "Pdf"));
        assertThat(pages).hasSizeGreaterThan(30);
        for (int i = 0; i < pages.size(); i++) {
            assertThat(pages.get(i)).contains("Customer Email Revenue (EUR) Sales lines")
                    .contains("Page " + (i + 1) + " of " + pages.size());
        }
        assertThat(String.join("\n", pages)).contains("customer2000@example.com").contains("Totals " + money(DemoSums.revenue(s -> true)));
    }

    // ---- Excel

    static ReportTemplate excel() {
        return new ReportTemplate("demo-xlsx", "Sales (Excel)", TemplateKind.EXCEL, DemoTemplates.salesExcel(), AssetResolver.NONE);
    }

    @Test
    void excelTemplateToXlsxPlacesTheTableKeepsStylesAndWidensFormulas() throws IOException {
        byte[] xlsx = render(excel(), "Xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            XSSFSheet sheet = wb.getSheet("Sales");
            DataFormatter formatter = new DataFormatter(Locale.ROOT);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Sales (Excel)");
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("Generated 2025-03-14 - currency EUR");
            BigDecimal total = DemoSums.revenue(s -> true);
            assertThat(sheet.getRow(2).getCell(1).getNumericCellValue()).isCloseTo(total.doubleValue(), org.assertj.core.data.Offset.offset(0.01));
            assertThat(sheet.getRow(5).getCell(0).getStringCellValue()).isEqualTo("Region");
            assertThat(sheet.getRow(5).getCell(2).getStringCellValue()).isEqualTo("Revenue (EUR)");
            // 4 regions x 12 products, no subtotals, no totals row: rows 7 to 54 (indexes 6 to 53).
            assertThat(sheet.getRow(6).getCell(0).getStringCellValue()).isEqualTo("Asia Pacific");
            assertThat(sheet.getRow(53).getCell(0).getStringCellValue()).isEqualTo("North America");
            assertThat(sheet.getRow(53).getCell(1).getStringCellValue()).isEqualTo("Tires");
            assertThat(sheet.getRow(6).getCell(2).getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");
            assertThat(sheet.getRow(30).getCell(4).getCellStyle().getDataFormatString()).isEqualTo("0.0%");
            // The totals row moved from row 9 to row 56 and its SUMs cover the 48 data rows.
            assertThat(sheet.getRow(55).getCell(0).getStringCellValue()).isEqualTo("Total");
            assertThat(sheet.getRow(55).getCell(2).getCellFormula()).isEqualTo("SUM(C7:C54)");
            assertThat(sheet.getRow(55).getCell(2).getNumericCellValue()).isCloseTo(total.doubleValue(), org.assertj.core.data.Offset.offset(0.01));
            assertThat((long) sheet.getRow(55).getCell(3).getNumericCellValue()).isEqualTo(DemoSums.units(s -> true));
            assertThat(sheet.getColumnWidth(2)).isEqualTo(18 * 256);
            assertThat(formatter.formatCellValue(sheet.getRow(6).getCell(4))).endsWith("%");
            assertThat(wb.getSheet("Chart").getDrawingPatriarch().getShapes()).hasSize(1);
            assertThat(wb.getAllPictures()).hasSize(1);
        }
    }

    @Test
    void excelTemplateToCsvHonoursTheSeparators() {
        RenderOptions options = new RenderOptions(null, null, 90, ',', null, ';', Locale.ROOT, null, 512L << 20);
        String csv = new String(render(excel(), SelectionState.EMPTY, IterationValues.NONE, "Csv", options), StandardCharsets.UTF_8);
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).isEqualTo("Sales (Excel)");
        assertThat(lines.get(5)).isEqualTo("Region;Product;Revenue (EUR);Units;Margin %");
        BigDecimal europeRoadBike = DemoSums.revenue(s -> s.region().equals("Europe") && s.product().equals("Road Bike"));
        long units = DemoSums.units(s -> s.region().equals("Europe") && s.product().equals("Road Bike"));
        assertThat(lines).anySatisfy(line -> assertThat(line)
                .startsWith("Europe;Road Bike;" + money(europeRoadBike).replace('.', ',') + ";" + units + ";"));
        assertThat(lines.get(55)).startsWith("Total;;" + money(DemoSums.revenue(s -> true)).replace('.', ','));
    }

    @Test
    void anXlsxWithAnOpenPasswordIsEncrypted() throws Exception {
        RenderOptions options = new RenderOptions("s3cret", "s3cret-too", 90, '.', null, ',', Locale.ROOT, null, 512L << 20);
        byte[] xlsx = render(excel(), SelectionState.EMPTY, IterationValues.NONE, "Xlsx", options);
        assertThat(xlsx[0]).isNotEqualTo((byte) 'P');
        try (POIFSFileSystem fs = new POIFSFileSystem(new ByteArrayInputStream(xlsx))) {
            EncryptionInfo info = new EncryptionInfo(fs);
            Decryptor decryptor = Decryptor.getInstance(info);
            assertThat(decryptor.verifyPassword("wrong")).isFalse();
            assertThat(decryptor.verifyPassword("s3cret")).isTrue();
            try (XSSFWorkbook wb = new XSSFWorkbook(decryptor.getDataStream(fs))) {
                assertThat(wb.getSheet("Sales").getRow(6).getCell(0).getStringCellValue()).isEqualTo("Asia Pacific");
                assertThat(wb.getSheet("Sales").getProtect()).isTrue();
                assertThat(wb.isStructureLocked()).isTrue();
            }
        }
    }

    // ---- Word and PowerPoint

    @Test
    void wordTemplateToDocx() throws IOException {
        ReportTemplate template = new ReportTemplate("demo-docx", "Sales (Word)", TemplateKind.WORD, OfficeTemplates.word(),
                AssetResolver.NONE);
        byte[] docx = render(template, select("region", "Europe"), IterationValues.NONE, "Docx", RenderOptions.defaults());
        try (org.apache.poi.xwpf.usermodel.XWPFDocument doc = new org.apache.poi.xwpf.usermodel.XWPFDocument(new ByteArrayInputStream(docx))) {
            String text = new org.apache.poi.xwpf.extractor.XWPFWordExtractor(doc).getText();
            BigDecimal europe = DemoSums.revenue(s -> s.region().equals("Europe"));
            assertThat(text).contains("Report Sales (Word) on Sales demo").contains("Revenue: " + money(europe) + " EUR")
                    .contains("Regions: Europe");
            assertThat(text).doesNotContain("{{");
            assertThat(doc.getTables()).hasSize(2);
            // The template's own table: header row kept, the row template repeated per product (12) then removed.
            org.apache.poi.xwpf.usermodel.XWPFTable repeated = doc.getTables().get(0);
            assertThat(repeated.getRow(0).getCell(0).getText()).isEqualTo("Product");
            assertThat(repeated.getRows()).hasSize(13);
            assertThat(repeated.getRow(12).getCell(0).getText()).isEqualTo("Tires");
            assertThat(repeated.getRow(12).getCell(1).getText()).isEqualTo(money(DemoSums.revenue(
                    s -> s.region().equals("Europe") && s.product().equals("Tires"))));
            // The paragraph tag became a new table: header, 12 products, subtotal (where the engine gives one), totals.
            org.apache.poi.xwpf.usermodel.XWPFTable placed = doc.getTables().get(1);
            assertThat(placed.getRow(0).getCell(0).getText()).isEqualTo("Region");
            assertThat(placed.getRows()).hasSize(1 + 12 + (subtotalRows ? 1 : 0) + 1);
            assertThat(doc.getAllPictures()).hasSize(1);
        }
    }

    @Test
    void powerPointTemplateToPptx() throws IOException {
        ReportTemplate template = new ReportTemplate("demo-pptx", "Sales (PowerPoint)", TemplateKind.POWERPOINT,
                OfficeTemplates.powerPoint(), AssetResolver.NONE);
        byte[] pptx = render(template, SelectionState.EMPTY, IterationValues.of("region", "Latin America"), "Pptx",
                RenderOptions.defaults());
        try (org.apache.poi.xslf.usermodel.XMLSlideShow show = new org.apache.poi.xslf.usermodel.XMLSlideShow(new ByteArrayInputStream(pptx))) {
            org.apache.poi.xslf.usermodel.XSLFSlide slide = show.getSlides().get(0);
            List<String> texts = slide.getShapes().stream().filter(s -> s instanceof org.apache.poi.xslf.usermodel.XSLFTextShape)
                    .map(s -> ((org.apache.poi.xslf.usermodel.XSLFTextShape) s).getText()).toList();
            BigDecimal latam = DemoSums.revenue(s -> s.region().equals("Latin America"));
            assertThat(texts).contains("Sales (PowerPoint) - Latin America").contains("Revenue " + money(latam));
            org.apache.poi.xslf.usermodel.XSLFTable table = slide.getShapes().stream()
                    .filter(s -> s instanceof org.apache.poi.xslf.usermodel.XSLFTable)
                    .map(s -> (org.apache.poi.xslf.usermodel.XSLFTable) s).findFirst().orElseThrow();
            assertThat(table.getCell(0, 0).getText()).isEqualTo("Product");
            assertThat(table.getNumberOfRows()).isEqualTo(1 + 12);
            assertThat(table.getCell(12, 0).getText()).isEqualTo("Tires");
            assertThat(slide.getShapes().stream().filter(s -> s instanceof org.apache.poi.xslf.usermodel.XSLFPictureShape)).hasSize(1);
        }
    }

    @Test
    void aFormatRefusesTemplateKindsItDoesNotRender() {
        assertThatThrownBy(() -> render(excel(), "Pdf")).isInstanceOf(RenderException.class)
                .hasMessageContaining("Pdf does not render Excel templates");
        assertThatThrownBy(() -> render(salesByRegion(), "Xlsx")).isInstanceOf(RenderException.class);
    }

    // ---- References (iteration and dynamic names: IterationRenderingTest, also run on Qlik)

    @Test
    void referencesListWhatATemplateUses() {
        TemplateReferences html = renderer.references(salesByRegion());
        assertThat(html.objects()).containsExactly("kpi-revenue", "kpi-margin", "chart-revenue-by-month", "chart-category-pie",
                "table-region-product");
        assertThat(html.variables()).containsExactly("vCurrency", "vTargetMargin");
        assertThat(html.fields()).containsExactly("region");
        assertThat(html.formulas()).containsExactly("Count(DISTINCT customer)");
        assertThat(html.computed()).isFalse();
        TemplateReferences computed = renderer.references(ReportTemplate.html("c", "c",
                "<#assign id = \"kpi-\" + \"revenue\">${kpi(id)} ${iteration.category!}", AssetResolver.NONE));
        assertThat(computed.computed()).isTrue();
        assertThat(computed.fields()).containsExactly("category");
        TemplateReferences excel = renderer.references(excel());
        assertThat(excel.objects()).containsExactlyInAnyOrder("kpi-revenue", "kpi-margin", "table-region-product",
                "chart-revenue-by-month");
        assertThat(excel.variables()).containsExactly("vCurrency");
    }

    @Test
    void templateErrorsSayWhereAndWhat() {
        assertThatThrownBy(() -> render(ReportTemplate.html("e1", "e", "<p>${kpi(\"no-such-object\")}</p>", AssetResolver.NONE), "Pdf"))
                .isInstanceOf(RenderException.class).hasMessageContaining("no-such-object").hasMessageContaining("does not have");
        assertThatThrownBy(() -> render(ReportTemplate.html("e2", "e", "<p>${unknownThing}</p>", AssetResolver.NONE), "Pdf"))
                .isInstanceOf(RenderException.class).hasMessageContaining("line 1");
        assertThatThrownBy(() -> render(ReportTemplate.html("e3", "e", "<p>${formula(\"Sum(revnue)\")}</p>", AssetResolver.NONE), "Pdf"))
                .isInstanceOf(RenderException.class).hasMessageContaining("revnue");
        assertThatThrownBy(() -> render(ReportTemplate.html("e4", "e", "<#if>", AssetResolver.NONE), "Pdf"))
                .isInstanceOf(RenderException.class).hasMessageContaining("syntax error");
    }

    @Test
    void valuesFromTheAppAreEscapedInHtml() {
        String html = new String(render(ReportTemplate.html("esc", "e", "<p id=\"v\">${formula(\"'<b>x</b>&'\")}</p>",
                AssetResolver.NONE), "Html"), StandardCharsets.UTF_8);
        assertThat(html).contains("&lt;b&gt;x&lt;/b&gt;&amp;").doesNotContain("<b>x</b>");
    }

    @Test
    void reportAssetsAreServedToTheDocument() throws IOException {
        byte[] logo = GoldenRenderingTest.class.getResourceAsStream("/logo.png") != null
                ? GoldenRenderingTest.class.getResourceAsStream("/logo.png").readAllBytes() : OfficeTemplates.pngLogo();
        AssetResolver assets = reference -> reference.equals("logo.png")
                ? java.util.Optional.of(new org.qalyptus.spi.render.RenderDocument.Asset("image/png", logo)) : java.util.Optional.empty();
        ReportTemplate template = ReportTemplate.html("assets", "Assets", "<html><body><img src=\"logo.png\" style=\"width:200px\"/>"
                + "<p>after</p></body></html>", assets);
        BufferedImage page = ImageIO.read(new ByteArrayInputStream(render(template, "Png")));
        assertThat(nonWhite(page)).isGreaterThan(500);
        String html = new String(render(template, "Html"), StandardCharsets.UTF_8);
        assertThat(html).contains("src=\"data:image/png;base64,");
    }
}
