package org.qalyptus.server.plugin;

import java.util.List;
import java.util.Map;
import org.qalyptus.spi.config.ConfigField;

/**
 * What the host knows about one plugin.
 *
 * @param id the plugin id, or null when the plugin could not even be read
 * @param state {@code STARTED}, {@code FAILED}, {@code DISABLED}, {@code STOPPED} ...
 * @param reason why the plugin is not started, or null
 * @param path where it was loaded from
 * @param extensions extension point name to the extensions this plugin provides for it
 * @param warnings problems that did not stop the plugin, such as an extension that failed to load
 */
public record PluginInfo(
        String id,
        String version,
        String state,
        String reason,
        String description,
        String provider,
        String path,
        Map<String, List<ExtensionInfo>> extensions,
        List<String> warnings) {

    /** One extension: its stable type id, display name and settings. */
    public record ExtensionInfo(String typeId, String displayName, List<ConfigField> configFields) {}
}
