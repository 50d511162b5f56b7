package org.qalyptus.render.html;

import com.lowagie.text.Image;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLConnection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.qalyptus.render.RenderException;
import org.qalyptus.render.data.Images;
import org.qalyptus.spi.render.RenderDocument.Asset;
import org.xhtmlrenderer.extend.FSImage;
import org.xhtmlrenderer.pdf.ITextFSImage;
import org.xhtmlrenderer.pdf.ITextOutputDevice;
import org.xhtmlrenderer.pdf.ITextUserAgent;
import org.xhtmlrenderer.resource.CSSResource;
import org.xhtmlrenderer.resource.ImageResource;
import org.xhtmlrenderer.resource.XMLResource;

/**
 * Flying Saucer's user agent, closed: every resource goes through the document's {@link ResourcePolicy}
 * (data: URIs and host-resolved assets only). Images must be PNG, JPEG or GIF and are size-checked from
 * their header before decoding; SVG and PDF images (which Flying Saucer would load through Batik or a PDF
 * reader, both able to follow links) are refused. Opening a URL connection is refused outright, in case a
 * code path of Flying Saucer bypasses the methods above.
 *
 * <p>One per renderer; {@link #begin} and {@link #end} bracket each document (a renderer is used by one
 * thread at a time).
 */
final class SecureUserAgent extends ITextUserAgent {

    private final int dotsPerPixel;
    private ResourcePolicy policy;
    private final Map<String, ImageResource> images = new HashMap<>();

    SecureUserAgent(ITextOutputDevice outputDevice, int dotsPerPixel) {
        super(outputDevice, dotsPerPixel);
        this.dotsPerPixel = dotsPerPixel;
    }

    void begin(ResourcePolicy policy) {
        this.policy = policy;
        images.clear();
    }

    void end() {
        this.policy = null;
        images.clear();
    }

    private ResourcePolicy policy() {
        if (policy == null) {
            throw new IllegalStateException("no document is being rendered");
        }
        return policy;
    }

    @Override
    public String resolveURI(String uri) {
        // References are used as written: never resolved against a base URL or the working directory.
        return uri == null ? null : uri.trim();
    }

    @Override
    public CSSResource getCSSResource(String uri) {
        Optional<Asset> css = policy().resolve(uri);
        return new CSSResource(new ByteArrayInputStream(css.map(Asset::bytes).orElse(new byte[0])));
    }

    @Override
    public ImageResource getImageResource(String uri) {
        ImageResource cached = images.get(uri);
        if (cached == null) {
            cached = load(uri);
            images.put(uri, cached);
        }
        FSImage image = cached.getImage();
        return image instanceof ITextFSImage copyable ? new ImageResource(cached.getImageUri(), (FSImage) copyable.clone())
                : cached;
    }

    private ImageResource load(String uri) {
        Optional<Asset> asset = policy().resolve(uri);
        if (asset.isEmpty()) {
            return new ImageResource(uri, null);
        }
        byte[] bytes = asset.get().bytes();
        if (Images.sniff(bytes).isEmpty()) {
            // SVG, PDF and anything else: refused (Batik and PDF readers could follow links of their own).
            return new ImageResource(uri, null);
        }
        Images.checkedSize(bytes, policy().limits().maxImagePixels(), uri);
        try {
            Image image = Image.getInstance(bytes);
            if (dotsPerPixel != 1) {
                image.scaleAbsolute(image.getPlainWidth() * dotsPerPixel, image.getPlainHeight() * dotsPerPixel);
            }
            return new ImageResource(uri, new ITextFSImage(image));
        } catch (IOException | RuntimeException e) {
            throw new RenderException("Image '" + org.qalyptus.render.data.ReportData.shorten(uri) + "' cannot be read: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public XMLResource getXMLResource(String uri) {
        policy().resolve("xml:" + uri);
        return null;
    }

    @Override
    public byte[] getBinaryResource(String uri) {
        return policy().resolve(uri).map(Asset::bytes).orElse(null);
    }

    @Override
    protected InputStream openStream(String uri) throws IOException {
        throw new IOException("Reports may not open " + uri);
    }

    @Override
    protected URLConnection openConnection(String uri) throws IOException {
        throw new IOException("Reports may not open " + uri);
    }

    @Override
    protected InputStream resolveAndOpenStream(String uri) {
        return policy().resolve(uri).map(a -> (InputStream) new ByteArrayInputStream(a.bytes())).orElse(null);
    }
}
