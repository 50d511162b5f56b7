package org.qalyptus.render.html;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.qalyptus.render.RenderException;

/** Passes bytes through until there are more than the output budget allows, then fails the render. */
public final class LimitedOutputStream extends FilterOutputStream {

    private final long max;
    private long written;

    public LimitedOutputStream(OutputStream out, long max) {
        super(out);
        this.max = max <= 0 ? Long.MAX_VALUE : max;
    }

    @Override
    public void write(int b) throws IOException {
        count(1);
        out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        count(len);
        out.write(b, off, len);
    }

    private void count(int more) {
        written += more;
        if (written > max) {
            throw new RenderException("The output exceeds its size budget of " + max + " bytes");
        }
    }

    public long written() {
        return written;
    }
}
