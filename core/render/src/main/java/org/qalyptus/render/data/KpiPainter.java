package org.qalyptus.render.data;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.qalyptus.render.RenderException;
import org.qalyptus.spi.app.AppModel.Cell;
import org.qalyptus.spi.app.AppModel.ColumnInfo;
import org.qalyptus.spi.app.AppModel.ObjectData;
import org.qalyptus.spi.app.AppModel.ObjectInfo;

/**
 * Draws a KPI object as a card: its title, the first measure large, the other measures below. Connectors
 * draw charts; KPIs are drawn here from their data so that every connector's KPIs can be images.
 */
final class KpiPainter {

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private KpiPainter() {}

    static byte[] paint(ObjectInfo object, ObjectData data, int width, int height, String format, int quality) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(new Color(0xD0D7DE));
            g.drawRect(0, 0, width - 1, height - 1);
            List<ColumnInfo> columns = data.columns();
            List<Cell> row = data.rows().isEmpty() ? List.of() : data.rows().get(0);
            int titleSize = Math.max(10, height / 9);
            int valueSize = Math.max(12, height / 3);
            int detailSize = Math.max(9, height / 11);
            g.setColor(new Color(0x57606A));
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, titleSize));
            String title = object.title() == null || object.title().isBlank()
                    ? (columns.isEmpty() ? object.id() : columns.get(0).name()) : object.title();
            centered(g, title, width, titleSize + height / 12);
            g.setColor(new Color(0x0B3D91));
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, valueSize));
            String value = row.isEmpty() ? "-" : row.get(0).text();
            fit(g, value, width - 16, valueSize);
            centered(g, value, width, height / 2 + valueSize / 3);
            g.setColor(new Color(0x57606A));
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, detailSize));
            int y = height / 2 + valueSize / 3 + detailSize + height / 12;
            for (int i = 1; i < row.size() && i < columns.size() && y < height - 4; i++) {
                centered(g, columns.get(i).name() + ": " + row.get(i).text(), width, y);
                y += detailSize + 4;
            }
        } finally {
            g.dispose();
        }
        return Images.encode(image, format, quality);
    }

    private static void fit(Graphics2D g, String text, int maxWidth, int size) {
        FontMetrics metrics = g.getFontMetrics();
        while (metrics.stringWidth(text) > maxWidth && size > 8) {
            size = size * 9 / 10;
            g.setFont(g.getFont().deriveFont((float) size));
            metrics = g.getFontMetrics();
        }
    }

    private static void centered(Graphics2D g, String text, int width, int baseline) {
        FontMetrics metrics = g.getFontMetrics();
        g.drawString(text, Math.max(2, (width - metrics.stringWidth(text)) / 2), baseline);
    }

    static RenderException failed(IOException e) {
        return new RenderException("The image could not be encoded: " + e.getMessage(), e);
    }
}
