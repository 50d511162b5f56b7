package org.qalyptus.render;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The templates of the demo reports on the embedded engine's Sales demo app, for the server's first start
 * (and the golden tests): an HTML report "Sales by region" (KPIs, two charts, a grouped table with subtotals,
 * running header and footer with page X of Y) and an Excel report (KPIs and the table, totals by formulas).
 */
public final class DemoTemplates {

    private DemoTemplates() {}

    /** The FreeMarker source of "Sales by region". */
    public static String salesByRegionHtml() {
        try (InputStream in = DemoTemplates.class.getResourceAsStream("/org/qalyptus/render/demo/sales-by-region.html")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The Excel template "Sales by region (Excel)": sheet "Sales" with the report name, the date, two KPIs, the
     * region/product table from row 7 (header in row 6, row 7 the row template) and totals by {@code SUM}
     * formulas in row 9 that the filler widens to the table's rows; sheet "Chart" with the monthly chart.
     */
    public static byte[] salesExcel() {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            XSSFSheet sheet = wb.createSheet("Sales");
            XSSFFont bold = wb.createFont();
            bold.setBold(true);
            XSSFFont title = wb.createFont();
            title.setBold(true);
            title.setFontHeightInPoints((short) 14);
            XSSFCellStyle titleStyle = wb.createCellStyle();
            titleStyle.setFont(title);
            XSSFCellStyle header = wb.createCellStyle();
            header.setFont(bold);
            header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            header.setBorderBottom(BorderStyle.THIN);
            XSSFCellStyle text = wb.createCellStyle();
            text.setBorderBottom(BorderStyle.HAIR);
            XSSFCellStyle money = wb.createCellStyle();
            money.setBorderBottom(BorderStyle.HAIR);
            money.setDataFormat(wb.createDataFormat().getFormat("#,##0.00"));
            XSSFCellStyle count = wb.createCellStyle();
            count.setBorderBottom(BorderStyle.HAIR);
            count.setDataFormat(wb.createDataFormat().getFormat("#,##0"));
            XSSFCellStyle percent = wb.createCellStyle();
            percent.setBorderBottom(BorderStyle.HAIR);
            percent.setDataFormat(wb.createDataFormat().getFormat("0.0%"));
            percent.setAlignment(HorizontalAlignment.RIGHT);
            XSSFCellStyle total = wb.createCellStyle();
            total.setFont(bold);
            total.setBorderTop(BorderStyle.THIN);
            total.setDataFormat(wb.createDataFormat().getFormat("#,##0.00"));
            XSSFCellStyle totalCount = wb.createCellStyle();
            totalCount.cloneStyleFrom(total);
            totalCount.setDataFormat(wb.createDataFormat().getFormat("#,##0"));

            row(sheet, 0).createCell(0).setCellValue("{{report}}");
            sheet.getRow(0).getCell(0).setCellStyle(titleStyle);
            row(sheet, 1).createCell(0).setCellValue("Generated {{date:yyyy-MM-dd}} - currency {{variable:vCurrency}}");
            row(sheet, 2).createCell(0).setCellValue("Revenue");
            row(sheet, 2).createCell(1).setCellValue("{{kpi:kpi-revenue}}");
            sheet.getRow(2).getCell(1).setCellStyle(money);
            row(sheet, 3).createCell(0).setCellValue("Margin");
            row(sheet, 3).createCell(1).setCellValue("{{kpi:kpi-margin}}");
            sheet.getRow(3).getCell(1).setCellStyle(percent);

            XSSFRow headerRow = row(sheet, 5);
            headerRow.createCell(0).setCellValue("{{table:table-region-product|subtotals=false}}");
            for (int c = 0; c < 5; c++) {
                (c == 0 ? headerRow.getCell(0) : headerRow.createCell(c)).setCellStyle(header);
            }
            XSSFRow template = row(sheet, 6);
            template.createCell(0).setCellStyle(text);
            template.createCell(1).setCellStyle(text);
            template.createCell(2).setCellStyle(money);
            template.createCell(3).setCellStyle(count);
            template.createCell(4).setCellStyle(percent);
            XSSFRow totals = row(sheet, 8);
            totals.createCell(0).setCellValue("Total");
            totals.getCell(0).setCellStyle(total);
            totals.createCell(2).setCellFormula("SUM(C7:C7)");
            totals.getCell(2).setCellStyle(total);
            totals.createCell(3).setCellFormula("SUM(D7:D7)");
            totals.getCell(3).setCellStyle(totalCount);
            sheet.setColumnWidth(0, 16 * 256);
            sheet.setColumnWidth(1, 16 * 256);
            sheet.setColumnWidth(2, 18 * 256);
            sheet.setColumnWidth(3, 12 * 256);
            sheet.setColumnWidth(4, 12 * 256);

            XSSFSheet chart = wb.createSheet("Chart");
            row(chart, 0).createCell(0).setCellValue("{{chart:chart-revenue-by-month|width=640|height=320}}");

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static XSSFRow row(XSSFSheet sheet, int index) {
        XSSFRow row = sheet.getRow(index);
        return row != null ? row : sheet.createRow(index);
    }
}
