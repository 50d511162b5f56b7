package org.qalyptus.render.html;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Splits a table's long row group ({@code <tbody>}) into consecutive groups of {@link #ROWS} rows before Flying
 * Saucer lays the document out. The table stays one table (one header, repeated on every page by Flying Saucer,
 * the same columns, borders and page breaks); only the row groups are smaller.
 *
 * <p>Why: Flying Saucer's table layout does work proportional to the rows of a row group for each row (each row
 * looks for the next sibling whose margins it collapses with, through every following row) and after each page
 * break (the cell widths of every row are set again), and painting a page visits every row of a row group that
 * crosses it. A 2,000-row group costs rows x rows and rows x pages; groups of 50 rows make both linear.
 *
 * <p>Only done when it cannot change how the table looks: rows that span rows ({@code rowspan}) or a row group
 * with an {@code id} are left alone, and nothing is split when a stylesheet of the document uses a structural
 * selector or a sibling combinator ({@code :nth-child}, {@code :first-child}, {@code + ~} ...), whose matches
 * depend on where a row group starts.
 */
final class RowGroups {

    static final int ROWS = 50;
    private static final Pattern STRUCTURAL = Pattern.compile("(?i):(first|last|nth|only)|of-type|[+~]");

    private RowGroups() {}

    /** Whether splitting is invisible under these stylesheets (the document's own; the built-in ones have none). */
    static boolean allowedBy(List<String> authorCss) {
        for (String css : authorCss) {
            if (STRUCTURAL.matcher(css).find()) {
                return false;
            }
        }
        return true;
    }

    /** Splits these row groups where they are long; returns how many groups were added. */
    static int split(List<Element> rowGroups) {
        int added = 0;
        for (Element group : rowGroups) {
            added += split(group);
        }
        return added;
    }

    /** What Flying Saucer's preparation needs to know of a document, read in one walk. */
    record Scan(Set<String> elementNames, List<Element> rowGroups) {

        static Scan of(Document document) {
            Set<String> names = new HashSet<>();
            List<Element> groups = new ArrayList<>();
            Node root = document.getDocumentElement();
            Node current = root;
            while (current != null) {
                if (current.getNodeType() == Node.ELEMENT_NODE) {
                    String name = name(current);
                    names.add(name);
                    if (name.equals("tbody")) {
                        groups.add((Element) current);
                    }
                }
                Node next = current.getFirstChild();
                if (next == null) {
                    // Iterative: documents may nest deeply.
                    while (current != root && current.getNextSibling() == null) {
                        current = current.getParentNode();
                    }
                    if (current == root) {
                        break;
                    }
                    next = current.getNextSibling();
                }
                current = next;
            }
            return new Scan(names, groups);
        }
    }

    private static int split(Element group) {
        if (!group.getAttribute("id").isEmpty()) {
            return 0;
        }
        List<Element> rows = new ArrayList<>();
        for (Node child = group.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.ELEMENT_NODE) {
                if (!name(child).equals("tr") || spansRows((Element) child)) {
                    return 0;
                }
                rows.add((Element) child);
            }
        }
        if (rows.size() <= ROWS + ROWS / 2) {
            return 0;
        }
        Node parent = group.getParentNode();
        Node after = group.getNextSibling();
        int added = 0;
        for (int start = ROWS; start < rows.size(); start += ROWS) {
            Element next = copyOf(group);
            // Moves the rows (and the text between them) from the first row of the block up to the next block.
            Node node = rows.get(start);
            Node stop = start + ROWS < rows.size() ? rows.get(start + ROWS) : null;
            while (node != null && node != stop) {
                Node following = node.getNextSibling();
                next.appendChild(node);
                node = following;
            }
            parent.insertBefore(next, after);
            added++;
        }
        return added;
    }

    private static boolean spansRows(Element row) {
        for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNextSibling()) {
            if (cell.getNodeType() == Node.ELEMENT_NODE && ((Element) cell).hasAttribute("rowspan")) {
                return true;
            }
        }
        return false;
    }

    private static Element copyOf(Element group) {
        Element copy = group.getNamespaceURI() != null
                ? group.getOwnerDocument().createElementNS(group.getNamespaceURI(), group.getNodeName())
                : group.getOwnerDocument().createElement(group.getNodeName());
        NamedNodeMap attributes = group.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Node attribute = attributes.item(i);
            copy.setAttribute(attribute.getNodeName(), attribute.getNodeValue());
        }
        return copy;
    }

    private static String name(Node node) {
        String name = node.getLocalName() != null ? node.getLocalName() : node.getNodeName();
        return name.toLowerCase(Locale.ROOT);
    }
}
