package org.qalyptus.render.office;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.sl.usermodel.PictureData;
import org.apache.poi.sl.usermodel.TextParagraph;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFPictureData;
import org.apache.poi.xslf.usermodel.XSLFPictureShape;
import org.apache.poi.xslf.usermodel.XSLFShape;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTable;
import org.apache.poi.xslf.usermodel.XSLFTableCell;
import org.apache.poi.xslf.usermodel.XSLFTableRow;
import org.apache.poi.xslf.usermodel.XSLFTextParagraph;
import org.apache.poi.xslf.usermodel.XSLFTextRun;
import org.apache.poi.xslf.usermodel.XSLFTextShape;
import org.qalyptus.render.RenderException;
import org.qalyptus.render.TemplateReferences;
import org.qalyptus.render.data.GeneratedAssets;
import org.qalyptus.spi.app.AppModel.Cell;

/**
 * Fills a PowerPoint template: value tags in text boxes and table cells are replaced (keeping the style of
 * the run a tag starts in); a text box that is just {@code {{table:id}}} becomes a table of the box's position
 * and size (header row, then the rows; option {@code fontSize}, default 10); a text box that is just
 * {@code {{chart:id}}} becomes the chart image, drawn at twice the box's size for sharpness.
 */
final class PptxFiller {

    private PptxFiller() {}

    private record SlideRun(XSLFTextRun run) implements RunText.Run {
        @Override
        public String text() {
            String t = run.getRawText();
            return t == null ? "" : t;
        }

        @Override
        public void text(String text) {
            run.setText(text);
        }
    }

    static TemplateReferences references(byte[] template) {
        TemplateReferences.Builder references = new TemplateReferences.Builder();
        try (XMLSlideShow show = new XMLSlideShow(new ByteArrayInputStream(template))) {
            for (XSLFSlide slide : show.getSlides()) {
                for (XSLFShape shape : slide.getShapes()) {
                    for (String text : texts(shape)) {
                        OfficeTag.find(text).forEach(tag -> tag.reference(references));
                    }
                }
            }
        } catch (IOException e) {
            throw new RenderException("The PowerPoint template cannot be read: " + e.getMessage(), e);
        }
        return references.build();
    }

    private static List<String> texts(XSLFShape shape) {
        List<String> texts = new ArrayList<>();
        if (shape instanceof XSLFTextShape text) {
            texts.add(text.getText());
        } else if (shape instanceof XSLFTable table) {
            for (XSLFTableRow row : table.getRows()) {
                for (XSLFTableCell cell : row.getCells()) {
                    texts.add(cell.getText());
                }
            }
        }
        return texts;
    }

    static byte[] fill(byte[] template, OfficeContext context) {
        try (XMLSlideShow show = new XMLSlideShow(new ByteArrayInputStream(template))) {
            for (XSLFSlide slide : show.getSlides()) {
                for (XSLFShape shape : new ArrayList<>(slide.getShapes())) {
                    context.data().deadline().check();
                    if (shape instanceof XSLFTextShape text) {
                        textShape(show, slide, text, context);
                    } else if (shape instanceof XSLFTable table) {
                        for (XSLFTableRow row : table.getRows()) {
                            for (XSLFTableCell cell : row.getCells()) {
                                paragraphs(cell.getTextParagraphs(), context);
                            }
                        }
                    }
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
            show.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new RenderException("The PowerPoint template cannot be filled: " + e.getMessage(), e);
        }
    }

    private static void textShape(XMLSlideShow show, XSLFSlide slide, XSLFTextShape shape, OfficeContext context) {
        String text = shape.getText();
        List<OfficeTag> tags = OfficeTag.find(text);
        if (tags.isEmpty()) {
            return;
        }
        if (tags.size() == 1 && tags.get(0).isWhole(text)) {
            OfficeTag tag = tags.get(0);
            Rectangle2D anchor = shape.getAnchor();
            if (tag.kind().equals("table")) {
                table(slide, anchor, TableRows.of(tag, context.data(), true), tag.intOption("fontsize", 10));
                slide.removeShape(shape);
                return;
            }
            if (tag.kind().equals("chart")) {
                int width = Math.max(16, (int) Math.round(anchor.getWidth() * 2));
                int height = Math.max(16, (int) Math.round(anchor.getHeight() * 2));
                GeneratedAssets.Image image = context.data().chart(tag.argument(), Math.min(width, 4000), Math.min(height, 4000),
                        tag.option("format", "png"), context.options().imageQuality());
                XSLFPictureData data = show.addPicture(image.bytes(), image.mediaType().equals("image/png")
                        ? PictureData.PictureType.PNG : PictureData.PictureType.JPEG);
                XSLFPictureShape picture = slide.createPicture(data);
                picture.setAnchor(anchor);
                slide.removeShape(shape);
                return;
            }
        }
        for (OfficeTag tag : tags) {
            if (tag.kind().equals("table") || tag.kind().equals("chart")) {
                throw new RenderException("PowerPoint template: a {{" + tag.kind() + ":" + tag.argument()
                        + "}} tag must be alone in its text box");
            }
        }
        paragraphs(shape.getTextParagraphs(), context);
    }

    private static void paragraphs(List<XSLFTextParagraph> paragraphs, OfficeContext context) {
        for (XSLFTextParagraph paragraph : paragraphs) {
            List<SlideRun> runs = paragraph.getTextRuns().stream().map(SlideRun::new).toList();
            String text = RunText.joined(runs);
            List<OfficeTag> tags = OfficeTag.find(text);
            if (tags.isEmpty()) {
                continue;
            }
            for (OfficeTag tag : tags) {
                if (tag.kind().equals("table") || tag.kind().equals("chart")) {
                    throw new RenderException("PowerPoint template: a {{" + tag.kind() + ":" + tag.argument()
                            + "}} tag must be alone in its own text box");
                }
            }
            RunText.replace(runs, tags, tag -> context.value(tag).text());
        }
    }

    private static void table(XSLFSlide slide, Rectangle2D anchor, TableRows rows, int fontSize) {
        int width = rows.columns().size();
        int count = rows.rows().size() + (rows.header() ? 1 : 0);
        XSLFTable table = slide.createTable(Math.max(1, count), Math.max(1, width));
        table.setAnchor(anchor);
        for (int j = 0; j < width; j++) {
            table.setColumnWidth(j, anchor.getWidth() / width);
        }
        int r = 0;
        if (rows.header()) {
            for (int j = 0; j < width; j++) {
                cell(table.getCell(r, j), rows.columns().get(j).name(), true, false, fontSize, new Color(0xE8ECF1));
            }
            r++;
        }
        for (TableRows.Row data : rows.rows()) {
            for (int j = 0; j < width; j++) {
                Cell cell = data.cells().get(j);
                cell(table.getCell(r, j), cell.text(), data.kind() != TableRows.Kind.DATA, cell.number() != null, fontSize,
                        data.kind() == TableRows.Kind.DATA ? null : new Color(0xF3F5F8));
            }
            r++;
        }
    }

    private static void cell(XSLFTableCell cell, String text, boolean bold, boolean number, int fontSize, Color fill) {
        cell.clearText();
        XSLFTextParagraph p = cell.addNewTextParagraph();
        XSLFTextRun run = p.addNewTextRun();
        run.setText(text);
        run.setBold(bold);
        run.setFontSize((double) fontSize);
        if (number) {
            p.setTextAlign(TextParagraph.TextAlign.RIGHT);
        }
        if (fill != null) {
            cell.setFillColor(fill);
        }
        cell.setTopInset(1.5);
        cell.setBottomInset(1.5);
    }
}
