package org.qalyptus.server.plugin;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param dir the plugins folder: plugin jars and zips in a packaged installation, or the reactor's
 *     {@code plugins/} folder of module folders when run from the source tree (detected by the
 *     {@code pom.xml} files in it, and then loaded from each module's {@code target/classes})
 * @param hostVersion the version plugins' {@code plugin.requires} ranges are checked against
 */
@ConfigurationProperties("qalyptus.plugins")
public record PluginProperties(@DefaultValue("./plugins") Path dir, @DefaultValue("0.1.0") String hostVersion) {}
