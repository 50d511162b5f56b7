package org.qalyptus.render;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.qalyptus.plugins.connector.qlik.QlikSenseConnector;
import org.qalyptus.qlik.simulator.EngineSimulator;
import org.qalyptus.qlik.simulator.SimulatedApp;
import org.qalyptus.spi.config.Config;

/**
 * Every test of {@link IterationRenderingTest}, with the Sales demo app read through the Qlik Sense connector from the
 * Engine API simulator holding the same app over the same data (this class's {@code open()} and {@code close()} hide
 * the parent's).
 */
class IterationRenderingOnQlikTest extends IterationRenderingTest {

    static EngineSimulator simulator;

    @BeforeAll
    static void open() {
        simulator = EngineSimulator.start(SimulatedApp.salesDemo(Demo.folder())).acceptBearer("render-test-key");
        QlikSenseConnector connector = new QlikSenseConnector();
        session = connector.open(Config.bind(connector.configFields(), Map.of("deployment", "QlikCloud", "url", simulator.baseUrl(),
                "authentication", "ApiKey", "apiKey", "render-test-key")), Demo.APP_ID);
    }

    @AfterAll
    static void close() {
        session.close();
        simulator.close();
    }
}
