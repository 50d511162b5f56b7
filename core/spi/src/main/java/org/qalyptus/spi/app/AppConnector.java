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

    /**
     * Installs an uploaded app so that {@link #listApps} lists it and {@link #open} opens it.
     *
     * <p>The host has unpacked the upload into {@code unpacked}, a folder it owns and deletes afterwards,
     * after refusing archives with entries outside it, too many entries or too many bytes. The connector
     * checks the app as it would read it (manifest, data files), refuses what an uploaded app must not do
     * (read outside its own folder, reach other systems), and makes it visible in one step: a reader never
     * sees part of an app (while one is replaced, it may briefly see none).
     *
     * @param replace whether an app with the same id is replaced
     * @return the installed app
     * @throws AppAlreadyExistsException when an app with the same id exists and {@code replace} is false
     * @throws ExtensionException naming the problem when the app is not valid or cannot be written
     * @throws UnsupportedOperationException when this connector does not take uploaded apps (the default)
     * @since 0.1 (added with app uploads)
     */
    default AppModel.AppInfo installApp(Config config, Path unpacked, boolean replace) {
        throw new UnsupportedOperationException("Connections of type " + typeId() + " do not take uploaded apps");
    }

    /**
     * Removes an app installed by {@link #installApp}; the files of apps the connector did not install may
     * be removed too when they live where uploaded apps do.
     *
     * @throws ExtensionException when there is no such app or it cannot be removed
     * @throws UnsupportedOperationException when this connector does not take uploaded apps (the default)
     * @since 0.1 (added with app uploads)
     */
    default void removeApp(Config config, String appId) {
        throw new UnsupportedOperationException("Connections of type " + typeId() + " do not take uploaded apps");
    }
}
