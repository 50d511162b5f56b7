package org.qalyptus.server.execution;

import org.junit.jupiter.api.BeforeAll;
import org.qalyptus.server.support.AppBackend;
import org.qalyptus.server.support.SharedServer;

/**
 * Every test of {@link ExecutionFlowTest} (bursts per region, filters, conditions once and per iteration value,
 * on-demand requests), with the Sales demo app served by a QlikSense connection to the Engine API simulator instead
 * of the embedded engine (this class's {@code world()} hides the parent's).
 */
class ExecutionFlowOnQlikTest extends ExecutionFlowTest {

    @BeforeAll
    static void world() {
        w = new ExecutionWorld(SharedServer.get(), AppBackend.QLIK_SIMULATOR);
        http = w.http;
    }
}
