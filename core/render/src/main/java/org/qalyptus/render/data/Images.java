package org.qalyptus.render.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.qalyptus.render.RenderException;

/** Image encoding and the header checks made before any image is decoded. */
public final class Images {

    private Images() {}

    /** The image kinds documents may embed: PNG, JPEG and GIF, recognised by their first bytes. */
    public static Optional<String> sniff(byte[] bytes) {
        if (bytes.length >= 8 && (bytes[0] & 0xFF) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G') {
            return Optional.of("image/png");
        }
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8 && (bytes[2] & 0xFF) == 0xFF) {
            return Optional.of("image/jpeg");
        }
        if (bytes.length >= 6 && bytes[0] == 'G' && bytes[1] == 'I' && bytes[2] == 'F' && bytes[3] == '8') {
            return Optional.of("image/gif");
        }
        return Optional.empty();
    }

    /**
     * Reads the width and height from the image header only (no pixel is decoded) and refuses images of more
     * than {@code maxPixels}: a small file can declare a gigapixel image.
     *
     * @return {width, height}
     * @throws RenderException when the image is not PNG/JPEG/GIF, cannot be read or is too large
     */
    public static int[] checkedSize(byte[] bytes, long maxPixels, String reference) {
        if (sniff(bytes).isEmpty()) {
            throw new RenderException("Image '" + ReportData.shorten(reference) + "' is not a PNG, JPEG or GIF image");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new RenderException("Image '" + ReportData.shorten(reference) + "' cannot be read");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width <= 0 || height <= 0 || (long) width * height > maxPixels) {
                    throw new RenderException("Image '" + ReportData.shorten(reference) + "' is " + width + " x " + height
                            + " pixels; images may have at most " + maxPixels + " pixels");
                }
                return new int[] {width, height};
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new RenderException("Image '" + ReportData.shorten(reference) + "' cannot be read: " + e.getMessage(), e);
        }
    }

    public static byte[] encode(BufferedImage image, String format, int quality) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        write(image, format, quality, out);
        return out.toByteArray();
    }

    /** Writes PNG, or JPEG at {@code quality} (1-100). */
    public static void write(BufferedImage image, String format, int quality, OutputStream out) {
        try {
            if (format.equalsIgnoreCase("png")) {
                ImageIO.write(image, "png", out);
                return;
            }
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(ios);
                ImageWriteParam param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(Math.max(1, Math.min(100, quality)) / 100f);
                writer.write(null, new IIOImage(image, null, null), param);
            } finally {
                writer.dispose();
            }
        } catch (IOException e) {
            throw KpiPainter.failed(e);
        }
    }
}
