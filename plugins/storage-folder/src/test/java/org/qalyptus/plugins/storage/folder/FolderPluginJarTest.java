package org.qalyptus.plugins.storage.folder;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.pf4j.RuntimeMode;
import org.qalyptus.spi.config.Config;
import org.qalyptus.spi.config.ConfigField;
import org.qalyptus.spi.storage.DeliveryReceipt;
import org.qalyptus.spi.storage.StorageTarget;

/**
 * Loads the plugin the way the host does, from a jar built out of what Maven compiled, so that a missing
 * descriptor, a missing extension index or bundled host classes fail here rather than in the server.
 */
class FolderPluginJarTest {

    private static final String PLUGIN_ID = "storage-folder";

    @TempDir
    Path temp;

    private PluginManager pluginManager;

    @AfterEach
    void unloadPlugins() {
        // Closes the plugin class loader, which holds the jar open.
        if (pluginManager != null) {
            pluginManager.stopPlugins();
            pluginManager.unloadPlugins();
        }
    }

    @Test
    void compiledClassesCarryTheDescriptorAndTheExtensionIndex() throws Exception {
        Path classes = compiledClasses();

        assertThat(classes.resolve("plugin.properties")).content()
                .contains("plugin.id=" + PLUGIN_ID)
                .contains("plugin.requires=>=0.1.0");
        assertThat(classes.resolve("META-INF/extensions.idx")).content()
                .contains(FolderStorageTarget.class.getName());
    }

    @Test
    void theBuiltJarBundlesNeitherTheSpiNorPf4j() throws Exception {
        Path jar = buildPluginJar(Files.createDirectories(temp.resolve("plugins")));

        try (JarFile jarFile = new JarFile(jar.toFile())) {
            List<String> names = jarFile.stream().map(JarEntry::getName).toList();
            assertThat(names)
                    .contains("plugin.properties", "META-INF/extensions.idx",
                            FolderStorageTarget.class.getName().replace('.', '/') + ".class")
                    .noneMatch(name -> name.startsWith("org/qalyptus/spi/"))
                    .noneMatch(name -> name.startsWith("org/pf4j/"));
        }
    }

    @Test
    void startsAsAPluginJarAndDeliversThroughItsExtension() throws Exception {
        Path pluginsDir = Files.createDirectories(temp.resolve("plugins"));
        buildPluginJar(pluginsDir);
        Path root = Files.createDirectories(temp.resolve("root"));

        pluginManager = new DefaultPluginManager(pluginsDir);
        pluginManager.setSystemVersion("0.1.0");
        pluginManager.loadPlugins();
        pluginManager.startPlugins();

        PluginWrapper plugin = pluginManager.getPlugin(PLUGIN_ID);
        assertThat(plugin).as("plugin %s loaded from %s", PLUGIN_ID, pluginsDir).isNotNull();
        assertThat(plugin.getPluginState()).isEqualTo(PluginState.STARTED);
        assertThat(plugin.getDescriptor().getVersion()).isEqualTo("0.1.0");

        List<StorageTarget> extensions = pluginManager.getExtensions(StorageTarget.class, PLUGIN_ID);
        assertThat(extensions).hasSize(1);
        StorageTarget folder = extensions.get(0);
        // Loaded from the jar, not from the test class path: otherwise this test would prove nothing.
        assertThat(folder.getClass().getClassLoader()).isSameAs(plugin.getPluginClassLoader());
        assertThat(folder.typeId()).isEqualTo("Folder");
        assertThat(folder.configFields()).extracting(ConfigField::name)
                .containsExactly("rootFolder", "subFolder", "overwrite");

        Config config = Config.bind(folder.configFields(), Map.of("rootFolder", root.toString(), "subFolder", "sales"));
        DeliveryReceipt receipt = folder.deliver(config, FolderStorageTargetTest.file("report.pdf", "2024", "from the jar"));

        assertThat(receipt.location()).isEqualTo("sales/2024/report.pdf");
        assertThat(root.resolve("sales/2024/report.pdf")).hasContent("from the jar");
        assertThat(folder.test(config).ok()).isTrue();
    }

    @Test
    void startsInDevelopmentModeFromTheModuleFolder() throws Exception {
        // Development mode reads <module>/plugin.properties and <module>/target/classes, as the server does
        // when it runs from the reactor.
        Path moduleDir = compiledClasses().getParent().getParent();
        pluginManager = new DefaultPluginManager(Files.createDirectories(temp.resolve("plugins"))) {
            @Override
            public RuntimeMode getRuntimeMode() {
                return RuntimeMode.DEVELOPMENT;
            }
        };
        pluginManager.setSystemVersion("0.1.0");

        String pluginId = pluginManager.loadPlugin(moduleDir);
        pluginManager.startPlugin(pluginId);

        assertThat(pluginId).isEqualTo(PLUGIN_ID);
        assertThat(pluginManager.getPlugin(PLUGIN_ID).getPluginState()).isEqualTo(PluginState.STARTED);
        assertThat(pluginManager.getExtensions(StorageTarget.class, PLUGIN_ID))
                .singleElement()
                .satisfies(extension -> assertThat(extension.typeId()).isEqualTo("Folder"));
    }

    /** Where Maven compiled the plugin: target/classes of this module. */
    private static Path compiledClasses() throws URISyntaxException {
        return Path.of(FolderStorageTarget.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static Path buildPluginJar(Path pluginsDir) throws IOException, URISyntaxException {
        Path classes = compiledClasses();
        Path jar = pluginsDir.resolve(PLUGIN_ID + "-0.1.0.jar");
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(classes)) {
            walk.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream jarOut = new JarOutputStream(out)) {
            for (Path file : files) {
                String name = classes.relativize(file).toString().replace('\\', '/');
                jarOut.putNextEntry(new JarEntry(name));
                Files.copy(file, jarOut);
                jarOut.closeEntry();
            }
        }
        return jar;
    }
}
