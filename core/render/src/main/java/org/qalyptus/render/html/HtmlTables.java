package org.qalyptus.render.html;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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

/**
 * Writes an object's data as an HTML table, with the app's formatted texts: as markup, or straight into a W3C
 * DOM (what the PDF format lays out, without writing and parsing the markup of thousands of cells), through
 * the same code so both are the same table.
 */
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

    /** Where a table is written: elements with attributes, and texts. */
    interface Sink {
        /** Starts an element; {@code attributes} are name, value pairs. */
        void open(String tag, String... attributes);

        /** An element without content ({@code <col/>}). */
        void empty(String tag, String... attributes);

        void text(String text);

        void close(String tag);
    }

    /** One table of a document: what {@code table(...)} placed, written once the template has run. */
    record Table(ObjectInfo object, ObjectData data, Options options) {

        void write(Sink sink) {
            HtmlTables.write(object, data, options, sink);
        }

        /** The table's content (column widths, header, rows), without the {@code <table>} element itself. */
        void writeContent(Sink sink) {
            write(new Sink() {
                private int depth;

                @Override
                public void open(String tag, String... attributes) {
                    if (depth++ > 0) {
                        sink.open(tag, attributes);
                    }
                }

                @Override
                public void empty(String tag, String... attributes) {
                    sink.empty(tag, attributes);
                }

                @Override
                public void text(String text) {
                    sink.text(text);
                }

                @Override
                public void close(String tag) {
                    if (--depth > 0) {
                        sink.close(tag);
                    }
                }
            });
        }

        /** The attributes of the {@code <table>} element. */
        String[] tableAttributes() {
            return HtmlTables.tableAttributes(object, options);
        }
    }

    static void write(ObjectInfo object, ObjectData data, Options options, StringBuilder html) {
        write(object, data, options, new MarkupSink(html));
    }

    static void write(ObjectInfo object, ObjectData data, Options options, Sink out) {
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
        out.open("table", tableAttributes(object, options));
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
        out.open("colgroup");
        for (int w : widths) {
            out.empty("col", "style", "width: " + Math.round(w * 1000.0 / sum) / 10.0 + "%");
        }
        out.close("colgroup");
        if (options.header()) {
            out.open("thead");
            out.open("tr");
            for (int index : shown) {
                ColumnInfo column = columns.get(index);
                out.open("th", "class", column.kind() == ColumnKind.MEASURE ? "q-measure" : "q-dimension");
                out.text(column.name());
                out.close("th");
            }
            out.close("tr");
            out.close("thead");
        }
        out.open("tbody");
        Set<Integer> subtotals = data.subtotalRows().isEmpty() ? Set.of() : new HashSet<>(data.subtotalRows());
        List<List<Cell>> rows = data.rows();
        for (int r = 0; r < rows.size(); r++) {
            boolean subtotal = subtotals.contains(r);
            if (subtotal && !options.subtotals()) {
                continue;
            }
            if (subtotal) {
                out.open("tr", "class", "q-subtotal");
            } else {
                out.open("tr");
            }
            cells(rows.get(r), shown, out);
            out.close("tr");
        }
        if (options.totals() && !data.totals().isEmpty()) {
            out.open("tr", "class", "q-totals");
            cells(data.totals(), shown, out);
            out.close("tr");
        }
        out.close("tbody");
        out.close("table");
    }

    static String[] tableAttributes(ObjectInfo object, Options options) {
        StringBuilder cssClass = new StringBuilder("q-table");
        if (options.repeatHeader()) {
            cssClass.append(" q-repeat-header");
        }
        if (!options.cssClass().isEmpty()) {
            cssClass.append(' ').append(options.cssClass());
        }
        return new String[] {"class", cssClass.toString(), "data-object", object.id()};
    }

    private static final String[] NUMBER = {"class", "q-number"};
    private static final String[] NONE = {};

    private static void cells(List<Cell> row, int[] shown, Sink out) {
        for (int index : shown) {
            Cell cell = index < row.size() ? row.get(index) : new Cell("", null);
            out.open("td", cell.number() != null ? NUMBER : NONE);
            out.text(cell.text());
            out.close("td");
        }
    }

    /** Markup as the template output had it before tables were written into the DOM (same text, same escaping). */
    static final class MarkupSink implements Sink {
        private final StringBuilder out;

        MarkupSink(StringBuilder out) {
            this.out = out;
        }

        @Override
        public void open(String tag, String... attributes) {
            out.append('<').append(tag);
            attributes(attributes);
            out.append('>');
        }

        @Override
        public void empty(String tag, String... attributes) {
            out.append('<').append(tag);
            attributes(attributes);
            out.append("/>");
        }

        private void attributes(String[] attributes) {
            for (int i = 0; i < attributes.length; i += 2) {
                out.append(' ').append(attributes[i]).append("=\"");
                escape(attributes[i + 1], out);
                out.append('"');
            }
        }

        @Override
        public void text(String text) {
            escape(text, out);
        }

        @Override
        public void close(String tag) {
            out.append("</").append(tag).append('>');
        }
    }

    /** Counts the characters the markup would have (the filled template's size budget counts tables too). */
    static final class CountingSink implements Sink {
        long chars;

        @Override
        public void open(String tag, String... attributes) {
            chars += tag.length() + 2 + attributes(attributes);
        }

        @Override
        public void empty(String tag, String... attributes) {
            chars += tag.length() + 3 + attributes(attributes);
        }

        private long attributes(String[] attributes) {
            long n = 0;
            for (int i = 0; i < attributes.length; i += 2) {
                n += attributes[i].length() + 4 + escapedLength(attributes[i + 1]);
            }
            return n;
        }

        @Override
        public void text(String text) {
            chars += escapedLength(text);
        }

        @Override
        public void close(String tag) {
            chars += tag.length() + 3;
        }
    }

    /** Creates the elements in a W3C document, in the namespace of the element they go into. */
    static final class DomSink implements Sink {
        private final org.w3c.dom.Document document;
        private final String namespace;
        private final Deque<org.w3c.dom.Node> open = new ArrayDeque<>();

        DomSink(org.w3c.dom.Element parent) {
            this.document = parent.getOwnerDocument();
            this.namespace = parent.getNamespaceURI();
            open.push(parent);
        }

        private org.w3c.dom.Element element(String tag, String[] attributes) {
            org.w3c.dom.Element element = namespace != null ? document.createElementNS(namespace, tag)
                    : document.createElement(tag);
            for (int i = 0; i < attributes.length; i += 2) {
                element.setAttribute(attributes[i], attributes[i + 1]);
            }
            open.peek().appendChild(element);
            return element;
        }

        @Override
        public void open(String tag, String... attributes) {
            open.push(element(tag, attributes));
        }

        @Override
        public void empty(String tag, String... attributes) {
            element(tag, attributes);
        }

        @Override
        public void text(String text) {
            if (text != null && !text.isEmpty()) {
                open.peek().appendChild(document.createTextNode(text));
            }
        }

        @Override
        public void close(String tag) {
            open.pop();
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

    static long escapedLength(String text) {
        if (text == null) {
            return 0;
        }
        long n = text.length();
        for (int i = 0; i < text.length(); i++) {
            switch (text.charAt(i)) {
                case '<', '>' -> n += 3;
                case '&', '\'' -> n += 4;
                case '"' -> n += 5;
                default -> { }
            }
        }
        return n;
    }

    static List<String> names(List<ColumnInfo> columns) {
        List<String> names = new ArrayList<>();
        columns.forEach(c -> names.add(c.name()));
        return names;
    }
}
