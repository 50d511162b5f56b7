package org.qalyptus.render;

import org.junit.jupiter.api.BeforeAll;

/**
 * Every test of {@link BurstSessionTest} (a burst's pages from one grouped read, equal to the session's own), with the
 * Sales demo app read through the Qlik Sense connector from the Engine API simulator (this class's {@code open()} hides
 * the parent's; the parent's {@code close()} closes this session).
 */
class BurstSessionOnQlikTest extends BurstSessionTest {

    @BeforeAll
    static void open() {
        session = QlikDemo.open(true);
        regions = session.fieldValues("region", org.qalyptus.spi.app.AppModel.SelectionState.EMPTY,
                new org.qalyptus.spi.app.AppModel.ValueQuery(null, 0, 100)).values().stream().map(v -> v.text()).toList();
    }
}
