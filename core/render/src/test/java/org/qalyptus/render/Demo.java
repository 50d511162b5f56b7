package org.qalyptus.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.qalyptus.plugins.connector.embedded.EmbeddedConnector;
import org.qalyptus.spi.app.AppSession;
import org.qalyptus.spi.config.Config;

/** The embedded engine's Sales demo app, copied once per test JVM into a temporary folder. */
public final class Demo {

    public static final String APP_ID = "8f3c2a1e-6d4b-4c7a-9e2f-5b1d0a9c7e31";

    private static Config config;
    private static EmbeddedConnector connector;
    private static Path folder;

    private Demo() {}

    private static synchronized void init() {
        if (config == null) {
            try {
                folder = Files.createTempDirectory("qalyptus-render-demo");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            connector = new EmbeddedConnector();
            Map<String, Object> settings = connector.demoSettings(folder).orElseThrow();
            config = Config.bind(connector.configFields(), settings);
        }
    }

    /** A new session on the demo app, with the connector's default settings; the caller closes it. */
    public static AppSession open() {
        init();
        return connector.open(config, APP_ID);
    }

    /** A new session that queries the engine for every object page (the connector's result cache off). */
    public static AppSession openWithoutResultCache() {
        init();
        Map<String, Object> settings = new java.util.HashMap<>(config.asMap());
        settings.put(EmbeddedConnector.RESULT_CACHE, false);
        return connector.open(Config.bind(connector.configFields(), settings), APP_ID);
    }

    public static Path folder() {
        init();
        return folder.resolve("sales-demo");
    }
}
