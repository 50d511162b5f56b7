package org.qalyptus.render.office;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.common.usermodel.PictureType;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.poifs.crypt.HashAlgorithm;
import org.apache.poi.util.Units;
import org.apache.poi.xwpf.usermodel.IBody;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFHeaderFooter;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.apache.xmlbeans.XmlCursor;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTRow;
import org.qalyptus.render.RenderException;
import org.qalyptus.render.TemplateReferences;
import org.qalyptus.render.data.GeneratedAssets;
import org.qalyptus.spi.app.AppModel.Cell;

/**
 * Fills a Word template: value tags in paragraphs, tables, headers and footers are replaced (keeping the
 * style of the run a tag starts in); a paragraph that is just {@code {{table:id}}} becomes a table (header
 * row, then the rows); a table row holding {@code {{table:id}}} is a row template, repeated once per data row
 * with each cell's formatting kept (cell i gets column i); a paragraph that is just {@code {{chart:id}}}
 * becomes the chart image.
 */
final class DocxFiller {

    private DocxFiller() {}

    private record WordRun(XWPFRun run) implements RunText.Run {
        @Override
        public String text() {
            String t = run.text();
            return t == null ? "" : t;
        }

        @Override
        public void text(String text) {
            while (run.getCTR().sizeOfTArray() > 1) {
                run.getCTR().removeT(run.getCTR().sizeOfTArray() - 1);
            }
            run.setText(text, 0);
        }
    }

    private static List<WordRun> runs(XWPFParagraph p) {
        return p.getRuns().stream().map(WordRun::new).toList();
    }

    static TemplateReferences references(byte[] template) {
        TemplateReferences.Builder references = new TemplateReferences.Builder();
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(template))) {
            for (XWPFParagraph p : allParagraphs(doc)) {
                OfficeTag.find(p.getText()).forEach(tag -> tag.reference(references));
            }
        } catch (IOException e) {
            throw new RenderException("The Word template cannot be read: " + e.getMessage(), e);
        }
        return references.build();
    }

    private static List<XWPFParagraph> allParagraphs(XWPFDocument doc) {
        List<XWPFParagraph> all = new ArrayList<>();
        collect(doc, all);
        for (XWPFHeaderFooter hf : doc.getHeaderList()) {
            collect(hf, all);
        }
        for (XWPFHeaderFooter hf : doc.getFooterList()) {
            collect(hf, all);
        }
        return all;
    }

    private static void collect(IBody body, List<XWPFParagraph> all) {
        all.addAll(body.getParagraphs());
        for (XWPFTable table : body.getTables()) {
            for (XWPFTableRow row : table.getRows()) {
                for (XWPFTableCell cell : row.getTableCells()) {
                    collect(cell, all);
                }
            }
        }
    }

    static byte[] fill(byte[] template, OfficeContext context) {
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(template))) {
            for (XWPFTable table : new ArrayList<>(doc.getTables())) {
                repeatTemplateRows(table, context);
            }
            for (IBodyElement element : new ArrayList<>(doc.getBodyElements())) {
                if (element instanceof XWPFParagraph p) {
                    paragraph(doc, p, context, true);
                }
            }
            for (XWPFParagraph p : allParagraphs(doc)) {
                paragraph(doc, p, context, false);
            }
            context.options().writePasswordIfSet().ifPresent(pw -> doc.enforceReadonlyProtection(pw, HashAlgorithm.sha512));
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
            doc.write(out);
            return out.toByteArray();
        } catch (IOException | InvalidFormatException e) {
            throw new RenderException("The Word template cannot be filled: " + e.getMessage(), e);
        }
    }

    /** Replaces tags in one paragraph; body paragraphs that are a whole table or chart tag are replaced by it. */
    private static void paragraph(XWPFDocument doc, XWPFParagraph p, OfficeContext context, boolean body)
            throws IOException, InvalidFormatException {
        List<WordRun> runs = runs(p);
        String text = RunText.joined(runs);
        List<OfficeTag> tags = OfficeTag.find(text);
        if (tags.isEmpty()) {
            return;
        }
        if (tags.size() == 1 && tags.get(0).isWhole(text)) {
            OfficeTag tag = tags.get(0);
            if (tag.kind().equals("table")) {
                if (!body) {
                    throw new RenderException("Word template: a {{table:" + tag.argument() + "}} paragraph must be in the "
                            + "document body (or in a table row, to repeat that row)");
                }
                XmlCursor cursor = p.getCTP().newCursor();
                XWPFTable table = doc.insertNewTbl(cursor);
                cursor.close();
                fillNewTable(table, TableRows.of(tag, context.data(), true), tag);
                doc.removeBodyElement(doc.getPosOfParagraph(p));
                return;
            }
            if (tag.kind().equals("chart")) {
                int width = tag.intOption("width", 480);
                int height = tag.intOption("height", 288);
                GeneratedAssets.Image image = context.data().chart(tag.argument(), width, height, tag.option("format", "png"),
                        context.options().imageQuality());
                runs.forEach(r -> r.text(""));
                XWPFRun run = p.getRuns().isEmpty() ? p.createRun() : p.getRuns().get(0);
                run.addPicture(new ByteArrayInputStream(image.bytes()),
                        image.mediaType().equals("image/png") ? PictureType.PNG : PictureType.JPEG, "chart.png",
                        Units.pixelToEMU(width), Units.pixelToEMU(height));
                return;
            }
        }
        for (OfficeTag tag : tags) {
            if (tag.kind().equals("table") || tag.kind().equals("chart")) {
                throw new RenderException("Word template: a {{" + tag.kind() + ":" + tag.argument()
                        + "}} tag must be alone in its paragraph");
            }
        }
        RunText.replace(runs, tags, tag -> context.value(tag).text());
    }

    private static void fillNewTable(XWPFTable table, TableRows rows, OfficeTag tag) {
        int width = rows.columns().size();
        XWPFTableRow first = table.getRow(0);
        while (first.getTableCells().size() < width) {
            first.addNewTableCell();
        }
        boolean usedFirst = false;
        if (rows.header()) {
            for (int j = 0; j < width; j++) {
                setCell(first.getCell(j), rows.columns().get(j).name(), true, false);
            }
            usedFirst = true;
        }
        for (TableRows.Row data : rows.rows()) {
            XWPFTableRow row = usedFirst ? table.createRow() : first;
            usedFirst = true;
            for (int j = 0; j < width; j++) {
                Cell cell = data.cells().get(j);
                setCell(row.getCell(j), cell.text(), data.kind() != TableRows.Kind.DATA, cell.number() != null);
            }
        }
        table.setTopBorder(XWPFTable.XWPFBorderType.SINGLE, 4, 0, "808080");
        table.setBottomBorder(XWPFTable.XWPFBorderType.SINGLE, 4, 0, "808080");
        table.setInsideHBorder(XWPFTable.XWPFBorderType.SINGLE, 2, 0, "C0C0C0");
        table.setLeftBorder(XWPFTable.XWPFBorderType.NONE, 0, 0, "auto");
        table.setRightBorder(XWPFTable.XWPFBorderType.NONE, 0, 0, "auto");
        table.setInsideVBorder(XWPFTable.XWPFBorderType.NONE, 0, 0, "auto");
        table.setWidth("100%");
    }

    private static void setCell(XWPFTableCell cell, String text, boolean bold, boolean number) {
        XWPFParagraph p = cell.getParagraphs().isEmpty() ? cell.addParagraph() : cell.getParagraphs().get(0);
        XWPFRun run = p.getRuns().isEmpty() ? p.createRun() : p.getRuns().get(0);
        run.setText(text, 0);
        run.setBold(bold);
        run.setFontSize(9);
        if (number) {
            p.setAlignment(ParagraphAlignment.RIGHT);
        }
    }

    /** A row holding a {@code {{table:id}}} tag is repeated once per data row, then removed. */
    private static void repeatTemplateRows(XWPFTable table, OfficeContext context) {
        for (int r = 0; r < table.getRows().size(); r++) {
            XWPFTableRow row = table.getRow(r);
            OfficeTag tag = null;
            for (XWPFTableCell cell : row.getTableCells()) {
                for (OfficeTag t : OfficeTag.find(cell.getText())) {
                    if (t.kind().equals("table")) {
                        tag = t;
                    }
                }
            }
            if (tag == null) {
                continue;
            }
            TableRows rows = TableRows.of(tag, context.data(), true);
            int width = Math.min(rows.columns().size(), row.getTableCells().size());
            int at = r;
            for (TableRows.Row data : rows.rows()) {
                if ((at & 511) == 511) {
                    context.data().deadline().check();
                }
                // Filled before it is added: addRow copies the row's XML into the table.
                XWPFTableRow added = new XWPFTableRow((CTRow) row.getCtRow().copy(), table);
                for (int j = 0; j < added.getTableCells().size(); j++) {
                    String value = j < width ? data.cells().get(j).text() : "";
                    replaceCellText(added.getCell(j), value, data.kind() != TableRows.Kind.DATA);
                }
                table.addRow(added, ++at);
            }
            table.removeRow(r);
            r = at - 1;
        }
    }

    private static void replaceCellText(XWPFTableCell cell, String text, boolean bold) {
        List<XWPFParagraph> paragraphs = cell.getParagraphs();
        for (int i = paragraphs.size() - 1; i > 0; i--) {
            cell.removeParagraph(i);
        }
        XWPFParagraph p = cell.getParagraphs().isEmpty() ? cell.addParagraph() : cell.getParagraphs().get(0);
        List<XWPFRun> runs = p.getRuns();
        for (int i = runs.size() - 1; i > 0; i--) {
            p.removeRun(i);
        }
        XWPFRun run = p.getRuns().isEmpty() ? p.createRun() : p.getRuns().get(0);
        new WordRun(run).text(text);
        if (bold) {
            run.setBold(true);
        }
    }

}
