package org.qalyptus.server.plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.pf4j.DefaultPluginManager;
import org.pf4j.ExtensionFactory;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.pf4j.RuntimeMode;
import org.pf4j.SingletonExtensionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PF4J's plugin manager, made to keep going and to say why: a plugin that cannot be loaded, that
 * bundles host classes, or that fails to start is recorded with its reason instead of being only
 * logged (or, for bundled classes, silently exposing no extensions), and the server keeps running.
 */
class QalyptusPluginManager extends DefaultPluginManager {

    private static final Logger log = LoggerFactory.getLogger(QalyptusPluginManager.class);

    /** A plugin that never made it into PF4J's list: unreadable, invalid, or refused by us. */
    record Refused(String id, String version, Path path, String reason) {}

    private final List<Refused> refused = Collections.synchronizedList(new ArrayList<>());

    QalyptusPluginManager(Path root, String hostVersion) {
        super(List.of(root));
        setSystemVersion(hostVersion);
        setResolveRecoveryStrategy(ResolveRecoveryStrategy.IGNORE_PLUGIN_AND_CONTINUE);
    }

    /**
     * Development mode when the root is a source tree's plugins folder (its entries are Maven modules),
     * so plugins load from their build output without copying jars; an explicit {@code pf4j.mode}
     * system property wins.
     */
    @Override
    public RuntimeMode getRuntimeMode() {
        if (runtimeMode == null) {
            String explicit = System.getProperty(MODE_PROPERTY_NAME);
            runtimeMode = explicit != null ? RuntimeMode.byName(explicit)
                    : isSourceTree(pluginsRoots.get(0)) ? RuntimeMode.DEVELOPMENT : RuntimeMode.DEPLOYMENT;
        }
        return runtimeMode;
    }

    static boolean isSourceTree(Path root) {
        if (!Files.isDirectory(root)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(root)) {
            return entries.anyMatch(dir -> Files.isRegularFile(dir.resolve("pom.xml")));
        } catch (IOException e) {
            return false;
        }
    }

    /** One instance per extension, as the SPI's lifecycle promises. */
    @Override
    protected ExtensionFactory createExtensionFactory() {
        return new SingletonExtensionFactory(this);
    }

    @Override
    protected PluginWrapper loadPluginFromPath(Path pluginPath) {
        try {
            PluginWrapper plugin = super.loadPluginFromPath(pluginPath);
            if (plugin == null) {
                refused.add(new Refused(null, null, pluginPath, "The plugin archive could not be unpacked"));
            }
            return plugin;
        } catch (RuntimeException | LinkageError e) {
            String reason = "The plugin could not be loaded: "
                    + (isUnreadableArchive(pluginPath) ? "the file is not a valid jar or zip archive" : Reasons.of(e));
            refused.add(new Refused(null, null, pluginPath, reason));
            log.error("Plugin at {} refused: {}", pluginPath, reason);
            return null;
        }
    }

    private static boolean isUnreadableArchive(Path path) {
        if (!Files.isRegularFile(path)) {
            return false;
        }
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(path.toFile())) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** Refuses plugins that bundle host classes before anything of them runs. */
    @Override
    protected void resolvePlugins() {
        for (PluginWrapper plugin : new ArrayList<>(getUnresolvedPlugins())) {
            BundledHostClasses.find(plugin.getPluginClassLoader()).ifPresent(entry -> {
                String reason = "The plugin bundles host classes (" + entry + "). Plugins must depend on "
                        + "qalyptus-spi and pf4j with scope 'provided', or their extensions are never found.";
                log.error("Plugin {} refused: {}", plugin.getPluginId(), reason);
                refused.add(new Refused(plugin.getPluginId(), plugin.getDescriptor().getVersion(),
                        plugin.getPluginPath(), reason));
                unloadPlugin(plugin.getPluginId(), false);
            });
        }
        super.resolvePlugins();
    }

    /** PF4J would try to start plugins it marked FAILED; only resolved ones may start. */
    @Override
    public void startPlugins() {
        for (Iterator<PluginWrapper> it = resolvedPlugins.iterator(); it.hasNext(); ) {
            if (it.next().getPluginState() == PluginState.FAILED) {
                it.remove();
            }
        }
        super.startPlugins();
    }

    List<Refused> refused() {
        synchronized (refused) {
            return List.copyOf(refused);
        }
    }
}
