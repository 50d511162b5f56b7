package org.qalyptus.render.html;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.qalyptus.render.data.ReportData;
import org.qalyptus.spi.app.AppModel.Cell;
import org.qalyptus.spi.app.AppModel.ColumnInfo;
import org.qalyptus.spi.app.AppModel.ColumnKind;
import org.qalyptus.spi.app.AppModel.ObjectData;
import org.qalyptus.spi.app.AppModel.ObjectInfo;

/** Writes an object's data as an HTML table, with the app's formatted texts. */
final class HtmlTables {

    private HtmlTables() {}

    /**
     * @param columns column ids or names to show, in this order; empty for all
     * @param header whether to write the header row (repeated on every page in PDF when {@code repeatHeader})
     */
    record Options(List<String> columns, boolean header, boolean totals, boolean subtotals, boolean repeatHeader,
            String cssClass) {

        static Options from(Map<String, Object> options, String objectId) {
            return new Options(ReportModel.strings(options.get("columns")), ReportModel.bool(options, "header", true),
                    ReportModel.bool(options, "totals", true), ReportModel.bool(options, "subtotals", true),
                    ReportModel.bool(options, "repeatHeader", true), ReportModel.cssClass(options.get("class")));
        }
    }

    static void write(ObjectInfo object, ObjectData data, Options options, StringBuilder html) {
        List<ColumnInfo> columns = data.columns();
        int[] shown;
        if (options.columns().isEmpty()) {
            shown = new int[columns.size()];
            for (int i = 0; i < shown.length; i++) {
                shown[i] = i;
            }
        } else {
            shown = new int[options.columns().size()];
            for (int i = 0; i < shown.length; i++) {
                shown[i] = ReportData.columnIndex(object.id(), columns, options.columns().get(i));
            }
        }
        html.append("<table class=\"q-table");
        if (options.repeatHeader()) {
            html.append(" q-repeat-header");
        }
        if (!options.cssClass().isEmpty()) {
            html.append(' ').append(options.cssClass());
        }
        html.append("\" data-object=\"");
        escape(object.id(), html);
        html.append("\">");
        // Fixed table layout with widths from the texts: Flying Saucer then sizes columns once instead of
        // measuring every cell of every row (the auto layout dominates the time of long tables).
        int[] widths = new int[shown.length];
        int sum = 0;
        for (int k = 0; k < shown.length; k++) {
            int w = Math.max(4, columns.get(shown[k]).name().length());
            List<List<Cell>> sample = data.rows();
            int step = Math.max(1, sample.size() / 200);
            for (int r = 0; r < sample.size(); r += step) {
                List<Cell> row = sample.get(r);
                if (shown[k] < row.size()) {
                    w = Math.max(w, Math.min(60, row.get(shown[k]).text().length()));
                }
            }
            widths[k] = w;
            sum += w;
        }
        html.append("<colgroup>");
        for (int w : widths) {
            html.append("<col style=\"width: ").append(Math.round(w * 1000.0 / sum) / 10.0).append("%\"/>");
        }
        html.append("</colgroup>");
        if (options.header()) {
            html.append("<thead><tr>");
            for (int index : shown) {
                ColumnInfo column = columns.get(index);
                html.append(column.kind() == ColumnKind.MEASURE ? "<th class=\"q-measure\">" : "<th class=\"q-dimension\">");
                escape(column.name(), html);
                html.append("</th>");
            }
            html.append("</tr></thead>");
        }
        html.append("<tbody>");
        Set<Integer> subtotals = data.subtotalRows().isEmpty() ? Set.of() : new HashSet<>(data.subtotalRows());
        List<List<Cell>> rows = data.rows();
        for (int r = 0; r < rows.size(); r++) {
            boolean subtotal = subtotals.contains(r);
            if (subtotal && !options.subtotals()) {
                continue;
            }
            html.append(subtotal ? "<tr class=\"q-subtotal\">" : "<tr>");
            cells(rows.get(r), shown, html);
            html.append("</tr>");
        }
        if (options.totals() && !data.totals().isEmpty()) {
            html.append("<tr class=\"q-totals\">");
            cells(data.totals(), shown, html);
            html.append("</tr>");
        }
        html.append("</tbody></table>");
    }

    private static void cells(List<Cell> row, int[] shown, StringBuilder html) {
        for (int index : shown) {
            Cell cell = index < row.size() ? row.get(index) : new Cell("", null);
            html.append(cell.number() != null ? "<td class=\"q-number\">" : "<td>");
            escape(cell.text(), html);
            html.append("</td>");
        }
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text == null ? 0 : text.length() + 8);
        escape(text, out);
        return out.toString();
    }

    static void escape(String text, StringBuilder out) {
        if (text == null) {
            return;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
    }

    static List<String> names(List<ColumnInfo> columns) {
        List<String> names = new ArrayList<>();
        columns.forEach(c -> names.add(c.name()));
        return names;
    }
}
