package org.qalyptus.render.office;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.qalyptus.render.data.ReportData;
import org.qalyptus.spi.app.AppModel.Cell;
import org.qalyptus.spi.app.AppModel.ColumnInfo;
import org.qalyptus.spi.app.AppModel.ObjectData;

/** An object's data as an Office table tag asks for it: chosen columns, with or without subtotals and totals. */
record TableRows(List<ColumnInfo> columns, List<Row> rows, boolean header) {

    enum Kind { DATA, SUBTOTAL, TOTALS }

    record Row(List<Cell> cells, Kind kind) {}

    static TableRows of(OfficeTag tag, ReportData data, boolean totalsByDefault) {
        ObjectData d = data.objectData(tag.argument());
        List<String> wanted = tag.columns();
        int[] shown;
        if (wanted.isEmpty()) {
            shown = new int[d.columns().size()];
            for (int i = 0; i < shown.length; i++) {
                shown[i] = i;
            }
        } else {
            shown = new int[wanted.size()];
            for (int i = 0; i < shown.length; i++) {
                shown[i] = ReportData.columnIndex(tag.argument(), d.columns(), wanted.get(i));
            }
        }
        List<ColumnInfo> columns = new ArrayList<>();
        for (int index : shown) {
            columns.add(d.columns().get(index));
        }
        boolean subtotals = tag.boolOption("subtotals", true);
        Set<Integer> subtotalRows = new HashSet<>(d.subtotalRows());
        List<Row> rows = new ArrayList<>(d.rows().size() + 1);
        for (int r = 0; r < d.rows().size(); r++) {
            boolean subtotal = subtotalRows.contains(r);
            if (subtotal && !subtotals) {
                continue;
            }
            rows.add(new Row(pick(d.rows().get(r), shown), subtotal ? Kind.SUBTOTAL : Kind.DATA));
        }
        if (tag.boolOption("totals", totalsByDefault) && !d.totals().isEmpty()) {
            rows.add(new Row(pick(d.totals(), shown), Kind.TOTALS));
        }
        return new TableRows(columns, rows, tag.boolOption("header", true));
    }

    private static List<Cell> pick(List<Cell> row, int[] shown) {
        List<Cell> cells = new ArrayList<>(shown.length);
        for (int index : shown) {
            cells.add(index < row.size() ? row.get(index) : new Cell("", null));
        }
        return cells;
    }

    /** How many rows come before the totals row (the rows formulas below the table are widened to). */
    int rowsBeforeTotals() {
        return !rows.isEmpty() && rows.get(rows.size() - 1).kind() == Kind.TOTALS ? rows.size() - 1 : rows.size();
    }
}
