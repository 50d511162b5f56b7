package org.qalyptus.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.qalyptus.qlik.simulator.EngineSimulator;
import org.qalyptus.qlik.simulator.SimulatedApp;
import org.qalyptus.server.connection.ConnectionService;
import org.qalyptus.server.support.Http.Answer;
import org.qalyptus.server.support.TenantFixture.Org;
import org.qalyptus.server.support.TenantFixture.Person;

/**
 * Where the Sales demo app of a test fixture comes from: the embedded engine's demo apps folder, or a QlikSense
 * connection to the Engine API simulator holding the same app (same id, objects, variables, bookmarks and
 * data). The report, filter and condition tests run once on each.
 */
public enum AppBackend {

    EMBEDDED {
        @Override
        public void connect(RunningServer server, Org org, Person administrator) {
            server.bean(ConnectionService.class).registerDemo(org.id(), "Embedded", "Demo apps",
                    server.dataDir().resolve("demo-apps"), administrator.id()).orElseThrow();
        }
    },

    QLIK_SIMULATOR {
        @Override
        public void connect(RunningServer server, Org org, Person administrator) {
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("deployment", "QlikCloud");
            settings.put("url", simulator(server).baseUrl());
            settings.put("authentication", "ApiKey");
            settings.put("apiKey", API_KEY);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", TenantFixture.unique("Qlik"));
            body.put("type", "QlikSense");
            body.put("organizationID", org.id());
            body.put("settings", settings);
            Answer answer = server.http().postJson("/api/v1/connections", administrator.key(), Http.json(body));
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        }
    };

    static final String API_KEY = "simulated-qlik-api-key";
    private static final Map<RunningServer, EngineSimulator> SIMULATORS = new java.util.IdentityHashMap<>();

    /** Gives the organization a connection serving the Sales demo app. */
    public abstract void connect(RunningServer server, Org org, Person administrator);

    /**
     * The simulator serving the Sales demo app over the demo data the server wrote on its first start; one per
     * server, stopped with the JVM (daemon threads).
     */
    public static synchronized EngineSimulator simulator(RunningServer server) {
        return SIMULATORS.computeIfAbsent(server, s -> EngineSimulator.start(SimulatedApp.salesDemo(
                s.dataDir().resolve("demo-apps").resolve("sales-demo"))).acceptBearer(API_KEY));
    }
}
