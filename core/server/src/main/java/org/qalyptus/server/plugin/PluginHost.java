package org.qalyptus.server.plugin;

import jakarta.annotation.PreDestroy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.qalyptus.server.plugin.PluginInfo.ExtensionInfo;
import org.qalyptus.spi.QalyptusExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Loads the plugins at start, stops them at shutdown, and is how the rest of the server finds
 * extensions: by extension point and type id. A plugin that fails never stops the server.
 */
@Service
public class PluginHost {

    private static final Logger log = LoggerFactory.getLogger(PluginHost.class);

    private final QalyptusPluginManager manager;
    private final Path root;

    PluginHost(PluginProperties properties) {
        this.root = properties.dir().toAbsolutePath().normalize();
        this.manager = new QalyptusPluginManager(root, properties.hostVersion());
        manager.loadPlugins();
        manager.startPlugins();
        logSummary();
    }

    /** The started extension of {@code point} with this type id; the first loaded wins a clash. */
    public <T extends QalyptusExtension> Optional<T> extension(Class<T> point, String typeId) {
        return extensions(point).stream().filter(e -> e.typeId().equals(typeId)).findFirst();
    }

    /** Every started extension of {@code point}, in plugin load order. */
    public <T extends QalyptusExtension> List<T> extensions(Class<T> point) {
        List<T> all = new ArrayList<>();
        for (PluginWrapper plugin : manager.getStartedPlugins()) {
            all.addAll(manager.getExtensions(point, plugin.getPluginId()));
        }
        return all;
    }

    public List<PluginInfo> plugins() {
        List<PluginInfo> infos = new ArrayList<>();
        for (PluginWrapper plugin : manager.getPlugins()) {
            infos.add(describe(plugin));
        }
        for (QalyptusPluginManager.Refused refused : manager.refused()) {
            infos.add(new PluginInfo(refused.id(), refused.version(), PluginState.FAILED.toString(), refused.reason(),
                    null, null, String.valueOf(refused.path()), Map.of(), List.of()));
        }
        return infos;
    }

    private PluginInfo describe(PluginWrapper plugin) {
        String id = plugin.getPluginId();
        boolean started = plugin.getPluginState() == PluginState.STARTED;
        Map<String, List<ExtensionInfo>> extensions = new LinkedHashMap<>();
        Set<String> instantiated = new java.util.HashSet<>();
        if (started) {
            ExtensionPoints.ALL.forEach((name, point) -> {
                List<? extends QalyptusExtension> found = manager.getExtensions(point, id);
                found.forEach(e -> instantiated.add(e.getClass().getName()));
                if (!found.isEmpty()) {
                    extensions.put(name, found.stream()
                            .map(e -> new ExtensionInfo(e.typeId(), e.displayName(), e.configFields()))
                            .toList());
                }
            });
        }
        List<String> warnings = started
                ? manager.getExtensionClassNames(id).stream()
                        .filter(name -> !instantiated.contains(name))
                        .map(name -> "Extension " + name + " could not be loaded; see the server log")
                        .toList()
                : List.of();
        return new PluginInfo(id, plugin.getDescriptor().getVersion(), plugin.getPluginState().toString(),
                reasonFor(plugin), plugin.getDescriptor().getPluginDescription(), plugin.getDescriptor().getProvider(),
                String.valueOf(plugin.getPluginPath()), extensions, warnings);
    }

    private String reasonFor(PluginWrapper plugin) {
        if (plugin.getFailedException() != null) {
            return "The plugin failed to start: " + Reasons.of(plugin.getFailedException());
        }
        if (plugin.getPluginState() == PluginState.DISABLED) {
            String requires = plugin.getDescriptor().getRequires();
            return "The plugin is disabled: it requires host version " + requires + ", this server is "
                    + manager.getSystemVersion();
        }
        return null;
    }

    private void logSummary() {
        List<PluginInfo> plugins = plugins();
        log.info("Plugins from {} ({} mode): {}", root, manager.getRuntimeMode().toString().toLowerCase(),
                plugins.isEmpty() ? "none" : plugins.stream()
                        .map(p -> (p.id() == null ? p.path() : p.id() + " " + p.version()) + " " + p.state())
                        .collect(Collectors.joining(", ")));
    }

    @PreDestroy
    void stop() {
        manager.stopPlugins();
        manager.unloadPlugins();
    }
}
