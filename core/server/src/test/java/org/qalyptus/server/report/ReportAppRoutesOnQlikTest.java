package org.qalyptus.server.report;

import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;
import org.qalyptus.server.support.AppBackend;
import org.qalyptus.server.support.SharedServer;

/**
 * Every test of {@link ReportAppRoutesTest} (a report's apps, variables, objects with their columns and template items),
 * with the Sales demo app served by a QlikSense connection to the Engine API simulator instead of the embedded engine
 * (this class's {@code tenancy()} hides the parent's). The tests of an app no connection serves any more and of a failing
 * connector add embedded connections of their own, as on the embedded engine.
 */
class ReportAppRoutesOnQlikTest extends ReportAppRoutesTest {

    @BeforeAll
    static void tenancy() throws IOException {
        setUp(new ReportTenancy(SharedServer.get(), AppBackend.QLIK_SIMULATOR), AppBackend.QLIK_SIMULATOR);
    }
}
