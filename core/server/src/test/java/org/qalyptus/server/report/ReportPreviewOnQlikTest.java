package org.qalyptus.server.report;

import org.junit.jupiter.api.BeforeAll;
import org.qalyptus.server.support.AppBackend;
import org.qalyptus.server.support.SharedServer;

/**
 * Every test of {@link ReportPreviewTest}, with the Sales demo app served by a QlikSense connection to the Engine API
 * simulator instead of the embedded engine (this class's {@code tenancy()} hides the parent's).
 */
class ReportPreviewOnQlikTest extends ReportPreviewTest {

    @BeforeAll
    static void tenancy() {
        setUp(new ReportTenancy(SharedServer.get(), AppBackend.QLIK_SIMULATOR));
    }
}
