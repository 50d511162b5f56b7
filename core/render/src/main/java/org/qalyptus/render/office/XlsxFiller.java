package org.qalyptus.render.office;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.formula.FormulaParser;
import org.apache.poi.ss.formula.FormulaRenderer;
import org.apache.poi.ss.formula.FormulaType;
import org.apache.poi.ss.formula.ptg.AreaPtgBase;
import org.apache.poi.ss.formula.ptg.Ptg;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.ClientAnchor;
import org.apache.poi.ss.usermodel.FormulaEvaluator;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.poifs.crypt.HashAlgorithm;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFClientAnchor;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFEvaluationWorkbook;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.qalyptus.render.RenderException;
import org.qalyptus.render.TemplateReferences;
import org.qalyptus.render.data.GeneratedAssets;
import org.qalyptus.spi.app.AppModel.Cell;

/**
 * Fills an Excel template. A cell holding {@code {{table:id}}} places the object's table: the header in the
 * tag's row, the data from the row below, which is the row template (its cell styles and height are used for
 * every data row); the rows after it move down, and formulas below whose ranges cover just the row template
 * ({@code SUM(C6:C6)}) are widened to the data rows. A cell that is exactly one value tag gets the value (a
 * number when it is one, keeping the cell's style); value tags within text are replaced by their text.
 * {@code {{chart:id}}} places the chart image at its cell. Column widths are left as the template has them.
 */
final class XlsxFiller {

    private XlsxFiller() {}

    private record Tagged(int row, int column, String text, List<OfficeTag> tags) {}

    static TemplateReferences references(byte[] template) {
        TemplateReferences.Builder references = new TemplateReferences.Builder();
        try (XSSFWorkbook workbook = new XSSFWorkbook(OfficePackages.open(template))) {
            for (int s = 0; s < workbook.getNumberOfSheets(); s++) {
                for (Tagged t : tagged(workbook.getSheetAt(s))) {
                    t.tags().forEach(tag -> tag.reference(references));
                }
            }
        } catch (IOException e) {
            throw new RenderException("The Excel template cannot be read: " + e.getMessage(), e);
        }
        return references.build();
    }

    /**
     * Cells a table was written into (rows and columns, inclusive). They hold the app's values, which are never read
     * back as tags (a value that looks like {@code {{...}}} is data) nor looked at for formulas.
     */
    private static final class Written {
        int firstRow;
        int lastRow;
        final int firstColumn;
        final int lastColumn;

        Written(int firstRow, int lastRow, int firstColumn, int lastColumn) {
            this.firstRow = firstRow;
            this.lastRow = lastRow;
            this.firstColumn = firstColumn;
            this.lastColumn = lastColumn;
        }

        boolean contains(int row, int column) {
            return row >= firstRow && row <= lastRow && column >= firstColumn && column <= lastColumn;
        }

        static boolean any(List<Written> written, int row, int column) {
            for (Written w : written) {
                if (w.contains(row, column)) {
                    return true;
                }
            }
            return false;
        }
    }

    static byte[] fill(byte[] template, OfficeContext context) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(OfficePackages.open(template))) {
            Styles styles = new Styles(workbook);
            List<List<Written>> writtenBySheet = new ArrayList<>();
            for (int s = 0; s < workbook.getNumberOfSheets(); s++) {
                XSSFSheet sheet = workbook.getSheetAt(s);
                List<Written> written = new ArrayList<>();
                writtenBySheet.add(written);
                List<Tagged> tables = new ArrayList<>();
                for (Tagged t : tagged(sheet, List.of())) {
                    if (t.tags().stream().anyMatch(tag -> tag.kind().equals("table"))) {
                        if (t.tags().size() != 1 || !t.tags().get(0).isWhole(t.text())) {
                            throw new RenderException("Sheet '" + sheet.getSheetName() + "', cell " + address(t)
                                    + ": a {{table:...}} tag must be alone in its cell");
                        }
                        tables.add(t);
                    }
                }
                tables.sort(Comparator.comparingInt(Tagged::row).reversed().thenComparing(Comparator.comparingInt(Tagged::column).reversed()));
                for (int i = 1; i < tables.size(); i++) {
                    if (tables.get(i).row() == tables.get(i - 1).row()) {
                        throw new RenderException("Sheet '" + sheet.getSheetName() + "', row " + (tables.get(i).row() + 1)
                                + ": one {{table:...}} tag per row");
                    }
                }
                for (Tagged t : tables) {
                    context.data().deadline().check();
                    placeTable(workbook, sheet, s, t, context, styles, written);
                }
                for (Tagged t : tagged(sheet, written)) {
                    placeValues(workbook, sheet, t, context);
                }
            }
            evaluateFormulas(workbook, writtenBySheet);
            context.options().writePasswordIfSet().ifPresent(password -> protect(workbook, password));
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new RenderException("The Excel template cannot be filled: " + e.getMessage(), e);
        }
    }

    private static List<Tagged> tagged(XSSFSheet sheet) {
        return tagged(sheet, List.of());
    }

    private static List<Tagged> tagged(XSSFSheet sheet, List<Written> skipped) {
        List<Tagged> found = new ArrayList<>();
        for (org.apache.poi.ss.usermodel.Row row : sheet) {
            for (org.apache.poi.ss.usermodel.Cell cell : row) {
                if (!skipped.isEmpty() && Written.any(skipped, cell.getRowIndex(), cell.getColumnIndex())) {
                    continue;
                }
                if (cell.getCellType() == CellType.STRING) {
                    String text = cell.getStringCellValue();
                    if (OfficeTag.mayContain(text)) {
                        List<OfficeTag> tags = OfficeTag.find(text);
                        if (!tags.isEmpty()) {
                            found.add(new Tagged(cell.getRowIndex(), cell.getColumnIndex(), text, tags));
                        }
                    }
                }
            }
        }
        return found;
    }

    private static String address(Tagged t) {
        return new org.apache.poi.ss.util.CellReference(t.row(), t.column()).formatAsString();
    }

    private static void placeTable(XSSFWorkbook workbook, XSSFSheet sheet, int sheetIndex, Tagged t, OfficeContext context,
            Styles styles, List<Written> written) {
        OfficeTag tag = t.tags().get(0);
        TableRows table = TableRows.of(tag, context.data(), false);
        int c = t.column();
        XSSFRow tagRow = sheet.getRow(t.row());
        XSSFCellStyle tagStyle = tagRow.getCell(c).getCellStyle();
        int firstData = table.header() ? t.row() + 1 : t.row();
        int width = table.columns().size();
        XSSFRow templateRow = sheet.getRow(firstData);
        XSSFCellStyle[] base = new XSSFCellStyle[width];
        for (int j = 0; j < width; j++) {
            XSSFCell styled = templateRow == null ? null : templateRow.getCell(c + j);
            base[j] = styled != null ? styled.getCellStyle() : tagStyle;
        }
        short height = templateRow == null ? -1 : templateRow.getHeight();
        int n = table.rows().size();
        if (n > 1 && sheet.getLastRowNum() > firstData) {
            sheet.shiftRows(firstData + 1, sheet.getLastRowNum(), n - 1, true, false);
            for (Written w : written) {
                if (w.firstRow > firstData) {
                    w.firstRow += n - 1;
                    w.lastRow += n - 1;
                }
            }
        }
        written.add(new Written(t.row(), Math.max(t.row(), firstData + n - 1), c, c + width - 1));
        if (table.header()) {
            for (int j = 0; j < width; j++) {
                XSSFCell cell = cell(tagRow, c + j);
                if (j > 0 && cell.getCellStyle().getIndex() == 0) {
                    cell.setCellStyle(tagStyle);
                }
                cell.setCellValue(table.columns().get(j).name());
            }
        }
        if (n == 0) {
            if (templateRow != null) {
                for (int j = 0; j < width; j++) {
                    XSSFCell cell = templateRow.getCell(c + j);
                    if (cell != null) {
                        cell.setBlank();
                    }
                }
            }
            return;
        }
        XSSFCellStyle[][] columnStyles = new XSSFCellStyle[width][4];
        for (int i = 0; i < n; i++) {
            if ((i & 1023) == 1023) {
                context.data().deadline().check();
            }
            TableRows.Row data = table.rows().get(i);
            XSSFRow row = sheet.getRow(firstData + i);
            if (row == null) {
                row = sheet.createRow(firstData + i);
            }
            if (height >= 0) {
                row.setHeight(height);
            }
            boolean bold = data.kind() != TableRows.Kind.DATA;
            for (int j = 0; j < width; j++) {
                Cell value = data.cells().get(j);
                XSSFCell cell = cell(row, c + j);
                boolean number = value.number() != null;
                if (number) {
                    cell.setCellValue(value.number());
                } else {
                    cell.setCellValue(value.text());
                }
                // Derived styles are looked up once per column and kind, not per cell.
                int kind = (number ? 1 : 0) + (bold ? 2 : 0);
                XSSFCellStyle style = columnStyles[j][kind];
                if (style == null) {
                    style = styles.of(base[j], number ? table.columns().get(j).format() : null, bold);
                    columnStyles[j][kind] = style;
                }
                cell.setCellStyle(style);
            }
        }
        widenFormulas(workbook, sheet, sheetIndex, firstData, firstData + n, table.rowsBeforeTotals());
    }

    private static XSSFCell cell(XSSFRow row, int column) {
        XSSFCell cell = row.getCell(column);
        return cell != null ? cell : row.createCell(column);
    }

    /** Ranges that cover just the row template ({@code C6:C6}) in formulas below the table now cover the data rows. */
    private static void widenFormulas(XSSFWorkbook workbook, XSSFSheet sheet, int sheetIndex, int templateRow, int below,
            int dataRows) {
        if (dataRows <= 1) {
            return;
        }
        XSSFEvaluationWorkbook evaluation = null;
        for (int r = below; r <= sheet.getLastRowNum(); r++) {
            XSSFRow row = sheet.getRow(r);
            if (row == null) {
                continue;
            }
            for (org.apache.poi.ss.usermodel.Cell cell : row) {
                if (cell.getCellType() != CellType.FORMULA) {
                    continue;
                }
                if (evaluation == null) {
                    evaluation = XSSFEvaluationWorkbook.create(workbook);
                }
                Ptg[] ptgs;
                try {
                    ptgs = FormulaParser.parse(cell.getCellFormula(), evaluation, FormulaType.CELL, sheetIndex);
                } catch (RuntimeException e) {
                    continue;
                }
                boolean changed = false;
                for (Ptg ptg : ptgs) {
                    if (ptg instanceof AreaPtgBase area && !(ptg instanceof org.apache.poi.ss.formula.ptg.Area3DPxg)
                            && !(ptg instanceof org.apache.poi.ss.formula.ptg.Area3DPtg)
                            && area.getFirstRow() == templateRow && area.getLastRow() == templateRow) {
                        area.setLastRow(templateRow + dataRows - 1);
                        changed = true;
                    }
                }
                if (changed) {
                    cell.setCellFormula(FormulaRenderer.toFormulaString(evaluation, ptgs));
                }
            }
        }
    }

    private static void placeValues(XSSFWorkbook workbook, XSSFSheet sheet, Tagged t, OfficeContext context) {
        XSSFCell cell = sheet.getRow(t.row()).getCell(t.column());
        if (t.tags().size() == 1 && t.tags().get(0).isWhole(t.text())) {
            OfficeTag tag = t.tags().get(0);
            if (tag.kind().equals("chart")) {
                cell.setBlank();
                placeChart(workbook, sheet, t, tag, context);
                return;
            }
            OfficeContext.Value value = context.value(tag);
            if (value.number() != null) {
                cell.setCellValue(value.number());
            } else {
                cell.setCellValue(value.text());
            }
            return;
        }
        for (OfficeTag tag : t.tags()) {
            if (tag.kind().equals("chart") || tag.kind().equals("table")) {
                throw new RenderException("Sheet '" + sheet.getSheetName() + "', cell " + address(t) + ": a {{" + tag.kind()
                        + ":...}} tag must be alone in its cell");
            }
        }
        cell.setCellValue(context.replaceValues(t.text(), t.tags()));
    }

    private static void placeChart(XSSFWorkbook workbook, XSSFSheet sheet, Tagged t, OfficeTag tag, OfficeContext context) {
        int width = tag.intOption("width", 480);
        int height = tag.intOption("height", 288);
        GeneratedAssets.Image image = context.data().chart(tag.argument(), width, height, tag.option("format", "png"),
                context.options().imageQuality());
        int index = workbook.addPicture(image.bytes(), image.mediaType().equals("image/png") ? Workbook.PICTURE_TYPE_PNG
                : Workbook.PICTURE_TYPE_JPEG);
        XSSFDrawing drawing = sheet.createDrawingPatriarch();
        XSSFClientAnchor anchor = new XSSFClientAnchor(0, 0,
                org.apache.poi.util.Units.pixelToEMU(width), org.apache.poi.util.Units.pixelToEMU(height),
                t.column(), t.row(), t.column(), t.row());
        anchor.setAnchorType(ClientAnchor.AnchorType.MOVE_DONT_RESIZE);
        drawing.createPicture(anchor, index).resize(1.0);
    }

    private static void evaluateFormulas(XSSFWorkbook workbook, List<List<Written>> writtenBySheet) {
        FormulaEvaluator evaluator = workbook.getCreationHelper().createFormulaEvaluator();
        for (int s = 0; s < workbook.getNumberOfSheets(); s++) {
            List<Written> written = s < writtenBySheet.size() ? writtenBySheet.get(s) : List.of();
            for (org.apache.poi.ss.usermodel.Row row : workbook.getSheetAt(s)) {
                for (org.apache.poi.ss.usermodel.Cell cell : row) {
                    if (!written.isEmpty() && Written.any(written, cell.getRowIndex(), cell.getColumnIndex())) {
                        continue;
                    }
                    if (cell.getCellType() == CellType.FORMULA) {
                        try {
                            evaluator.evaluateFormulaCell(cell);
                        } catch (RuntimeException e) {
                            // Excel recalculates on open; a function POI cannot evaluate only lacks a cached value.
                        }
                    }
                }
            }
        }
        workbook.setForceFormulaRecalculation(true);
    }

    private static void protect(XSSFWorkbook workbook, String password) {
        for (int s = 0; s < workbook.getNumberOfSheets(); s++) {
            workbook.getSheetAt(s).protectSheet(password);
        }
        workbook.lockStructure();
        workbook.setWorkbookPassword(password, HashAlgorithm.sha512);
    }

    /** Derived cell styles (a number format, bold for subtotals and totals), created once per workbook. */
    static final class Styles {
        private final XSSFWorkbook workbook;
        private final Map<String, XSSFCellStyle> cache = new HashMap<>();
        private final Map<Integer, XSSFFont> boldFonts = new HashMap<>();

        Styles(XSSFWorkbook workbook) {
            this.workbook = workbook;
        }

        XSSFCellStyle of(XSSFCellStyle base, String format, boolean bold) {
            boolean general = base.getDataFormat() == 0;
            String excelFormat = format != null && general ? ExcelFormats.of(format) : null;
            if (excelFormat == null && !bold) {
                return base;
            }
            String key = base.getIndex() + "|" + excelFormat + "|" + bold;
            return cache.computeIfAbsent(key, k -> {
                XSSFCellStyle style = workbook.createCellStyle();
                style.cloneStyleFrom(base);
                if (excelFormat != null) {
                    style.setDataFormat(workbook.createDataFormat().getFormat(excelFormat));
                }
                if (bold) {
                    style.setFont(boldFonts.computeIfAbsent(base.getFontIndex(), i -> {
                        XSSFFont font = workbook.createFont();
                        XSSFFont from = base.getFont();
                        font.setFontName(from.getFontName());
                        font.setFontHeight(from.getFontHeight());
                        font.setColor(from.getColor());
                        font.setItalic(from.getItalic());
                        font.setBold(true);
                        return font;
                    }));
                }
                return style;
            });
        }
    }
}
