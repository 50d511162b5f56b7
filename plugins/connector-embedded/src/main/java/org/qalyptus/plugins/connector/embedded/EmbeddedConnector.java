package org.qalyptus.plugins.connector.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;
import org.qalyptus.plugins.connector.embedded.engine.EmbeddedSession;
import org.qalyptus.plugins.connector.embedded.engine.LoadedApp;
import org.qalyptus.spi.ConnectionTestResult;
import org.qalyptus.spi.ExtensionException;
import org.qalyptus.spi.app.AppConnector;
import org.qalyptus.spi.app.AppModel.AppInfo;
import org.qalyptus.spi.app.AppSession;
import org.qalyptus.spi.config.Config;
import org.qalyptus.spi.config.ConfigField;
import org.qalyptus.spi.config.ConfigFieldType;

/**
 * The built-in analytics engine, type {@code Embedded}: apps are folders with a manifest and data,
 * evaluated on DuckDB. See the plugin's README for the manifest and the expression syntax.
 */
@Extension
public class EmbeddedConnector implements AppConnector {

    public static final String TYPE_ID = "Embedded";
    public static final String APPS_FOLDER = "appsFolder";
    public static final String JDBC_PASSWORD = "jdbcPassword";
    public static final String RESULT_CACHE = "resultCache";

    /** The bundled demo app: a resource folder written by the build. */
    static final String DEMO_RESOURCE = "demo-apps/sales-demo/";
    static final List<String> DEMO_FILES = List.of("app.yaml", "customers.csv", "sales.csv");
    static final String DEMO_FOLDER = "sales-demo";

    private final AppFolders folders = new AppFolders();
    private final AppInstaller installer = new AppInstaller(folders);

    @Override
    public String typeId() {
        return TYPE_ID;
    }

    @Override
    public String displayName() {
        return "Embedded engine";
    }

    @Override
    public List<ConfigField> configFields() {
        return List.of(ConfigField.of(APPS_FOLDER, "Apps folder", ConfigFieldType.PATH).asRequired()
                .withDescription("Absolute folder on the server holding one app per subfolder (each with an app.yaml, "
                        + "app.yml or app.json manifest), or a single app folder."),
                ConfigField.of(JDBC_PASSWORD, "JDBC password", ConfigFieldType.STRING).asSecret()
                        .withDescription("Password for the JDBC sources of these apps whose manifest names no passwordEnv; "
                                + "kept here so that no password is written in a manifest."),
                ConfigField.of(RESULT_CACHE, "Keep results in memory", ConfigFieldType.BOOLEAN).withDefault(true)
                        .withDescription("Keep the object pages computed for each app until its data changes, so that the "
                                + "same object under the same selections is answered without querying again (as Qlik's "
                                + "result cache)."));
    }

    @Override
    public ConnectionTestResult test(Config config) {
        try {
            Path root = AppFolders.root(config.requireString(APPS_FOLDER));
            List<AppFolders.Found> found = folders.scan(root);
            long ok = found.stream().filter(f -> f.problem() == null).count();
            List<String> problems = found.stream().filter(f -> f.problem() != null)
                    .map(f -> f.folder().getFileName() + ": " + f.problem()).toList();
            if (found.isEmpty()) {
                return ConnectionTestResult.failed("The apps folder holds no app (no subfolder with an app.yaml, app.yml or app.json)");
            }
            if (!problems.isEmpty()) {
                return ConnectionTestResult.failed(ok + " app(s) found, " + problems.size() + " with problems: "
                        + String.join("; ", problems));
            }
            return ConnectionTestResult.ok(ok + " app(s) found");
        } catch (ExtensionException e) {
            return ConnectionTestResult.failed(e.getMessage());
        }
    }

    @Override
    public List<AppInfo> listApps(Config config) {
        Path root = AppFolders.root(config.requireString(APPS_FOLDER));
        return folders.apps(root).stream().map(EmbeddedConnector::info).toList();
    }

    private static AppInfo info(AppFolders.Found found) {
        return new AppInfo(found.manifest().id(), found.manifest().name(), found.manifest().description(), found.lastChange());
    }

    @Override
    public AppSession open(Config config, String appId) {
        Path root = AppFolders.root(config.requireString(APPS_FOLDER));
        AppFolders.Found found = folders.find(root, appId);
        LoadedApp app = folders.load(found, config.string(JDBC_PASSWORD).orElse(null));
        return new EmbeddedSession(app, info(found), config.bool(RESULT_CACHE));
    }

    @Override
    public AppInfo installApp(Config config, Path unpacked, boolean replace) {
        return info(installer.install(AppFolders.root(config.requireString(APPS_FOLDER)), unpacked, replace));
    }

    @Override
    public void removeApp(Config config, String appId) {
        installer.remove(AppFolders.root(config.requireString(APPS_FOLDER)), appId);
    }

    /** Copies the bundled Sales demo app into {@code folder/sales-demo} unless an identical copy is there. */
    @Override
    public Optional<Map<String, Object>> demoSettings(Path folder) {
        Path target = folder.resolve(DEMO_FOLDER);
        try {
            Files.createDirectories(target);
            for (String name : DEMO_FILES) {
                copyIfDifferent(DEMO_RESOURCE + name, target.resolve(name));
            }
        } catch (IOException | UncheckedIOException e) {
            throw new ExtensionException("The demo app could not be written to " + target + ": " + e.getMessage(), true, e);
        }
        return Optional.of(Map.of(APPS_FOLDER, folder.toAbsolutePath().normalize().toString()));
    }

    private void copyIfDifferent(String resource, Path target) throws IOException {
        try (InputStream in = EmbeddedConnector.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("the plugin has no " + resource + " (was it built with 'mvn package'?)");
            }
            byte[] bytes = in.readAllBytes();
            if (Files.isRegularFile(target) && Files.size(target) == bytes.length
                    && java.util.Arrays.equals(Files.readAllBytes(target), bytes)) {
                return;
            }
            Path temporary = Files.createTempFile(target.getParent(), ".demo-", ".part");
            Files.write(temporary, bytes);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
