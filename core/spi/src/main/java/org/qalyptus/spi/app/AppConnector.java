package org.qalyptus.spi.app;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;
import org.qalyptus.spi.ConnectionTestResult;
import org.qalyptus.spi.ExtensionException;
import org.qalyptus.spi.QalyptusExtension;
import org.qalyptus.spi.config.Config;

/**
 * A source of data apps: Qlik Sense, or the built-in engine.
 *
 * <p>A connection is a configuration of this connector; the host opens one {@link AppSession} per
 * execution or request and closes it when done.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface AppConnector extends QalyptusExtension {

    /** Checks that the system behind the configuration is reachable and accepts the credentials. */
    ConnectionTestResult test(Config config);

    /**
     * The apps reachable through this configuration.
     *
     * @throws ExtensionException when the system cannot be reached or refuses the credentials
     */
    List<AppModel.AppInfo> listApps(Config config);

    /**
     * Opens a session on one app. The caller closes it.
     *
     * @throws ExtensionException when the app does not exist or cannot be opened
     */
    AppSession open(Config config, String appId);

    /**
     * The settings of a connection to the sample apps this connector ships with, after putting whatever
     * files they need under {@code folder} (a folder of the server's data directory that the host owns
     * for this connector; it may not exist yet). The host calls it once, on the first start, to register
     * the demo content; calling it again must be harmless. Connectors without sample apps return empty.
     *
     * @throws ExtensionException when the sample files cannot be written
     * @since 0.1 (added with the embedded engine)
     */
    default Optional<Map<String, Object>> demoSettings(Path folder) {
        return Optional.empty();
    }
}
