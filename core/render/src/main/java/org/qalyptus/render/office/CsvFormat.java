package org.qalyptus.render.office;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.qalyptus.render.RenderException;
import org.qalyptus.render.html.LimitedOutputStream;
import org.qalyptus.spi.render.OutputFormat;
import org.qalyptus.spi.render.RenderDocument;
import org.qalyptus.spi.render.RenderOptions;
import org.qalyptus.spi.render.TemplateKind;

/**
 * {@code Csv}: the first sheet of a filled Excel template, UTF-8, RFC 4180 quoting, with the options' field
 * delimiter. Numbers are written with the options' decimal separator and thousands separator (none when not
 * set), using the cell's number format for decimals and percent when it is a plain number format; dates in
 * ISO form; formulas as their computed values. Passwords do not apply.
 */
public final class CsvFormat implements OutputFormat {

    public static final String TYPE_ID = "Csv";

    @Override
    public String typeId() {
        return TYPE_ID;
    }

    @Override
    public String displayName() {
        return "CSV";
    }

    @Override
    public String fileExtension() {
        return "csv";
    }

    @Override
    public String mediaType() {
        return "text/csv";
    }

    @Override
    public Set<TemplateKind> templateKinds() {
        return Set.of(TemplateKind.EXCEL);
    }

    @Override
    public void render(RenderDocument document, RenderOptions options, OutputStream out) {
        if (document.kind() != TemplateKind.EXCEL) {
            throw new RenderException("Csv is an output of Excel templates, not " + document.kind().wireName());
        }
        char delimiter = options.csvDelimiter();
        if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
            throw new RenderException("The CSV delimiter cannot be a quote or a line break");
        }
        Map<String, DecimalFormat> formats = new HashMap<>();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(document.content()))) {
            XSSFSheet sheet = workbook.getSheetAt(0);
            Writer writer = new OutputStreamWriter(new LimitedOutputStream(out, options.maxOutputBytes()), StandardCharsets.UTF_8);
            StringBuilder line = new StringBuilder(256);
            int next = sheet.getFirstRowNum();
            for (Row row : sheet) {
                for (; next < row.getRowNum(); next++) {
                    writer.write("\r\n");
                }
                line.setLength(0);
                int last = row.getLastCellNum();
                for (int c = 0; c < last; c++) {
                    if (c > 0) {
                        line.append(delimiter);
                    }
                    Cell cell = row.getCell(c);
                    if (cell != null) {
                        quote(text(cell, options, formats), delimiter, line);
                    }
                }
                writer.write(line.append("\r\n").toString());
                next = row.getRowNum() + 1;
            }
            writer.flush();
        } catch (IOException e) {
            throw new RenderException("The CSV could not be written: " + e.getMessage(), e);
        }
    }

    private static String text(Cell cell, RenderOptions options, Map<String, DecimalFormat> formats) {
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case STRING -> cell.getStringCellValue();
            case BOOLEAN -> String.valueOf(cell.getBooleanCellValue());
            case NUMERIC -> {
                if (DateUtil.isCellDateFormatted(cell)) {
                    yield cell.getLocalDateTimeCellValue().toLocalDate().toString();
                }
                String pattern = ExcelFormats.of(cell.getCellStyle().getDataFormatString());
                yield number(cell.getNumericCellValue(), pattern, options, formats);
            }
            default -> "";
        };
    }

    static String number(double value, String pattern, RenderOptions options, Map<String, DecimalFormat> formats) {
        String key = pattern == null ? "" : pattern;
        DecimalFormat format = formats.computeIfAbsent(key, k -> {
            DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(Locale.ROOT);
            symbols.setDecimalSeparator(options.decimalSeparator());
            if (options.groupSeparator() != null) {
                symbols.setGroupingSeparator(options.groupSeparator());
            }
            DecimalFormat f = new DecimalFormat(k.isEmpty() ? "0.##########" : k, symbols);
            f.setGroupingUsed(options.groupSeparator() != null && f.isGroupingUsed());
            return f;
        });
        return format.format(value);
    }

    private static void quote(String value, char delimiter, StringBuilder line) {
        boolean needs = value.indexOf(delimiter) >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0;
        if (!needs) {
            line.append(value);
            return;
        }
        line.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                line.append('"');
            }
            line.append(c);
        }
        line.append('"');
    }
}
