package org.qalyptus.render;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.apache.poi.wp.usermodel.HeaderFooterType;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTextBox;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;

/** Word and PowerPoint templates built with POI for the tests (no binary files in git). */
final class OfficeTemplates {

    private OfficeTemplates() {}

    static byte[] word() {
        try (XWPFDocument doc = new XWPFDocument()) {
            doc.createHeader(HeaderFooterType.DEFAULT).createParagraph().createRun().setText("{{report}} ({{date:yyyy}})");
            doc.createParagraph().createRun().setText("Report {{report}} on {{app}}");
            XWPFParagraph revenue = doc.createParagraph();
            revenue.createRun().setText("Revenue: {{kpi:kpi-");
            revenue.createRun().setText("revenue}} ");
            revenue.createRun().setText("{{variable:vCurrency}}");
            doc.createParagraph().createRun().setText("Regions: {{selected:region}}");
            XWPFTable table = doc.createTable(2, 2);
            table.getRow(0).getCell(0).setText("Product");
            table.getRow(0).getCell(1).setText("Revenue");
            table.getRow(1).getCell(0).setText("{{table:table-region-product|columns=Product;Revenue|subtotals=false|totals=false}}");
            doc.createParagraph().createRun().setText("{{table:table-region-product}}");
            doc.createParagraph().createRun().setText("{{chart:chart-category-pie|width=400|height=300}}");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] powerPoint() {
        try (XMLSlideShow show = new XMLSlideShow()) {
            XSLFSlide slide = show.createSlide();
            box(slide, "{{report}} - {{iteration:region}}", new Rectangle(30, 20, 600, 40));
            box(slide, "Revenue {{kpi:kpi-revenue}}", new Rectangle(30, 60, 600, 30));
            box(slide, "{{table:table-region-product|columns=Product;Revenue|subtotals=false|totals=false|fontSize=8}}",
                    new Rectangle(30, 100, 300, 400));
            box(slide, "{{chart:chart-revenue-by-month}}", new Rectangle(350, 100, 340, 250));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            show.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void box(XSLFSlide slide, String text, Rectangle anchor) {
        XSLFTextBox box = slide.createTextBox();
        box.setAnchor(anchor);
        box.setText(text);
    }

    static byte[] pngLogo() {
        BufferedImage image = new BufferedImage(100, 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 100, 40);
        g.setColor(new Color(0x0B3D91));
        g.fillRect(10, 5, 80, 30);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
