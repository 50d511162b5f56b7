package org.qalyptus.server.condition;

import org.junit.jupiter.api.BeforeAll;
import org.qalyptus.server.filter.ContentFixture;
import org.qalyptus.server.support.AppBackend;
import org.qalyptus.server.support.SharedServer;

/**
 * Every test of {@link ConditionRuleRoutesTest}, with the Sales demo app served by a QlikSense connection to the Engine API
 * simulator instead of the embedded engine (this class's {@code fixture()} hides the parent's).
 */
class ConditionRuleRoutesOnQlikTest extends ConditionRuleRoutesTest {

    @BeforeAll
    static void fixture() {
        setUp(new ContentFixture(SharedServer.get(), AppBackend.QLIK_SIMULATOR));
    }
}
