package org.qalyptus.render;

import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeAll;

/**
 * Every test of {@link GoldenRenderingTest} (each template kind to each of its formats), with the Sales demo app read
 * through the Qlik Sense connector from the Engine API simulator holding the same app over the same data (this class's
 * {@code open()} hides the parent's; the parent's {@code close()} closes this session). A Qlik straight table has no
 * subtotal rows ({@code subtotalRows} false): the same table without them, every other row and total equal.
 */
class GoldenRenderingOnQlikTest extends GoldenRenderingTest {

    @BeforeAll
    static void open() {
        // charts drawn from the hypercube with the embedded engine's charting, as compared here (the simulator's
        // Qlik Cloud export answers a plain image; that way is tested in the connector's and the server's tests)
        session = QlikDemo.open(false);
        subtotalRows = false;
        renderer = new ReportRenderer(RenderLimits.defaults(), Clock.fixed(NOW, ZoneOffset.UTC));
    }
}
