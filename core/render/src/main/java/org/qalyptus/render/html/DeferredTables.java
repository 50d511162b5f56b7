package org.qalyptus.render.html;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jsoup.nodes.Element;
import org.w3c.dom.Node;

/**
 * The tables a document's template placed, kept as data until the filled document is built, instead of as
 * markup in the template output.
 *
 * <p>Why: a long table is most of a document's markup. Written as text it was parsed by jsoup, cleaned, and
 * converted to the W3C DOM Flying Saucer lays out (three copies of every cell, the jsoup one kept alive by the
 * conversion). Here {@code table(...)} writes a placeholder {@code <table>} (so the template's HTML parses exactly
 * as before: a table start tag closes a paragraph the same way), and the rows go straight into the DOM the
 * format uses: W3C elements for the PDF, the same markup parsed in place for the other formats. The
 * placeholder's marker holds a random token per document, so a template cannot forge one; the markup a table
 * would have had counts against the filled template's size budget as before.
 *
 * <p>One per document, filled by one thread.
 */
public final class DeferredTables {

    static final String MARKER = "data-qalyptus-table";

    private final String token = UUID.randomUUID().toString();
    private final List<HtmlTables.Table> tables = new ArrayList<>();
    private long chars;

    /** Registers a table; returns its placeholder markup. */
    String add(HtmlTables.Table table) {
        HtmlTables.CountingSink count = new HtmlTables.CountingSink();
        table.write(count);
        chars += count.chars;
        tables.add(table);
        return "<table " + MARKER + "=\"" + token + ":" + (tables.size() - 1) + "\"></table>";
    }

    /** The characters of the markup the tables would have had (less their placeholders, a rounding error). */
    public long chars() {
        return chars;
    }

    boolean isEmpty() {
        return tables.isEmpty();
    }

    private HtmlTables.Table find(String marker) {
        int colon = marker.lastIndexOf(':');
        if (colon < 0 || !marker.substring(0, colon).equals(token)) {
            return null;
        }
        try {
            int index = Integer.parseInt(marker.substring(colon + 1));
            return index >= 0 && index < tables.size() ? tables.get(index) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Writes the tables into a jsoup document: the placeholders get the tables' markup, parsed in place. */
    void fill(org.jsoup.nodes.Document html) {
        if (tables.isEmpty()) {
            return;
        }
        for (Element placeholder : html.select("table[" + MARKER + "]")) {
            HtmlTables.Table table = find(placeholder.attr(MARKER));
            placeholder.removeAttr(MARKER);
            if (table == null) {
                continue;
            }
            String[] attributes = table.tableAttributes();
            for (int i = 0; i < attributes.length; i += 2) {
                placeholder.attr(attributes[i], attributes[i + 1]);
            }
            StringBuilder content = new StringBuilder(4096);
            table.writeContent(new HtmlTables.MarkupSink(content));
            placeholder.html(content.toString());
        }
    }

    /** Writes the tables into a W3C document, element by element. */
    void fill(org.w3c.dom.Document dom) {
        if (tables.isEmpty()) {
            return;
        }
        List<org.w3c.dom.Element> placeholders = new ArrayList<>();
        collect(dom.getDocumentElement(), placeholders);
        for (org.w3c.dom.Element placeholder : placeholders) {
            HtmlTables.Table table = find(placeholder.getAttribute(MARKER));
            placeholder.removeAttribute(MARKER);
            if (table == null) {
                continue;
            }
            String[] attributes = table.tableAttributes();
            for (int i = 0; i < attributes.length; i += 2) {
                placeholder.setAttribute(attributes[i], attributes[i + 1]);
            }
            table.writeContent(new HtmlTables.DomSink(placeholder));
        }
    }

    private static void collect(Node root, List<org.w3c.dom.Element> found) {
        Node current = root;
        while (current != null) {
            if (current.getNodeType() == Node.ELEMENT_NODE && ((org.w3c.dom.Element) current).hasAttribute(MARKER)) {
                found.add((org.w3c.dom.Element) current);
            }
            Node next = current.getFirstChild();
            if (next == null) {
                while (current != root && current.getNextSibling() == null) {
                    current = current.getParentNode();
                }
                if (current == root) {
                    return;
                }
                next = current.getNextSibling();
            }
            current = next;
        }
    }
}
