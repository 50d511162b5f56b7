package org.qalyptus.render;

import java.util.Map;
import org.qalyptus.plugins.connector.qlik.QlikSenseConnector;
import org.qalyptus.qlik.simulator.EngineSimulator;
import org.qalyptus.qlik.simulator.SimulatedApp;
import org.qalyptus.spi.app.AppSession;
import org.qalyptus.spi.config.Config;

/**
 * The Sales demo app served by the Engine API simulator over the same data as {@link Demo} (one simulator per test
 * JVM), read through the Qlik Sense connector: the {@code *OnQlikTest} classes run the embedded engine's rendering
 * tests on it.
 */
final class QlikDemo {

    private static final String KEY = "render-demo-key";
    private static EngineSimulator simulator;

    private QlikDemo() {}

    /**
     * A new Qlik Cloud session (API key) on the simulated Sales demo app; the caller closes it. With
     * {@code cloudImageExport} false, chart images are drawn from the hypercube data as on client-managed Qlik Sense.
     */
    static synchronized AppSession open(boolean cloudImageExport) {
        if (simulator == null) {
            simulator = EngineSimulator.start(SimulatedApp.salesDemo(Demo.folder())).acceptBearer(KEY);
        }
        QlikSenseConnector connector = new QlikSenseConnector();
        return connector.open(Config.bind(connector.configFields(), Map.of("deployment", "QlikCloud", "url", simulator.baseUrl(),
                "authentication", "ApiKey", "apiKey", KEY, "cloudImageExport", cloudImageExport)), Demo.APP_ID);
    }
}
