package org.qalyptus.plugins.storage.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.pf4j.RuntimeMode;
import org.qalyptus.spi.config.Config;
import org.qalyptus.spi.storage.DeliveryReceipt;
import org.qalyptus.spi.storage.StorageTarget;

/**
 * Loads the plugin the way the host does: as a PF4J zip (plugin.properties, classes/, lib/ with
 * commons-net) built out of what Maven compiled and copied, exactly as src/assembly/plugin-zip.xml lays
 * it out, and in development mode from the module folder (target/classes + target/lib).
 */
class FtpPluginPackageTest {

    private static final String PLUGIN_ID = "storage-ftp";

    @TempDir
    Path temp;

    private PluginManager pluginManager;

    @AfterEach
    void unloadPlugins() {
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
        assertThat(classes.resolve("META-INF/extensions.idx")).content().contains(FtpStorageTarget.class.getName());
    }

    @Test
    void thePluginBundlesCommonsNetButNeitherTheSpiNorPf4j() throws Exception {
        Path zip = buildPluginZip(Files.createDirectories(temp.resolve("plugins")));

        try (ZipFile file = new ZipFile(zip.toFile())) {
            List<String> names = file.stream().map(ZipEntry::getName).toList();
            assertThat(names)
                    .contains("plugin.properties", "classes/META-INF/extensions.idx",
                            "classes/" + FtpStorageTarget.class.getName().replace('.', '/') + ".class")
                    .anyMatch(name -> name.matches("lib/commons-net-[0-9.]+\\.jar"))
                    .noneMatch(name -> name.startsWith("classes/org/qalyptus/spi/") || name.startsWith("classes/org/pf4j/"))
                    .noneMatch(name -> name.matches("lib/(qalyptus-spi|pf4j|slf4j-api).*"));
        }
    }

    @Test
    void startsFromItsZipAndDeliversThroughItsOwnCommonsNet() throws Exception {
        Path pluginsDir = Files.createDirectories(temp.resolve("plugins"));
        buildPluginZip(pluginsDir);

        pluginManager = new DefaultPluginManager(pluginsDir);
        pluginManager.setSystemVersion("0.1.0");
        pluginManager.loadPlugins();
        pluginManager.startPlugins();

        PluginWrapper plugin = pluginManager.getPlugin(PLUGIN_ID);
        assertThat(plugin).as("plugin %s loaded from %s", PLUGIN_ID, pluginsDir).isNotNull();
        assertThat(plugin.getPluginState()).isEqualTo(PluginState.STARTED);
        StorageTarget ftp = pluginManager.getExtensions(StorageTarget.class, PLUGIN_ID).get(0);
        // Loaded from the plugin, not from the test class path: otherwise this test would prove nothing.
        assertThat(ftp.getClass().getClassLoader()).isSameAs(plugin.getPluginClassLoader());
        assertThat(plugin.getPluginClassLoader().loadClass("org.apache.commons.net.ftp.FTPClient").getClassLoader())
                .isSameAs(plugin.getPluginClassLoader());
        assertThat(ftp.typeId()).isEqualTo("Ftp");

        try (FtpTestServer server = FtpTestServer.plain(temp.resolve("server"))) {
            Config config = Config.bind(ftp.configFields(), server.settings());
            DeliveryReceipt receipt = ftp.deliver(config, FtpStorageTargetTest.file("report.pdf", "2024", "from the plugin"));

            assertThat(receipt.location()).endsWith("/2024/report.pdf");
            assertThat(server.home.resolve("2024/report.pdf")).hasContent("from the plugin");
            assertThat(ftp.test(config).ok()).isTrue();
        }
    }

    @Test
    void startsInDevelopmentModeFromTheModuleFolder() throws Exception {
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
        PluginWrapper plugin = pluginManager.getPlugin(PLUGIN_ID);
        assertThat(plugin.getPluginState()).isEqualTo(PluginState.STARTED);
        assertThat(pluginManager.getExtensions(StorageTarget.class, PLUGIN_ID))
                .singleElement()
                .satisfies(extension -> assertThat(extension.typeId()).isEqualTo("Ftp"));
        // target/lib, filled by the build, is on the development class path.
        assertThat(plugin.getPluginClassLoader().loadClass("org.apache.commons.net.ftp.FTPClient").getClassLoader())
                .isSameAs(plugin.getPluginClassLoader());
    }

    private static Path compiledClasses() throws URISyntaxException {
        return Path.of(FtpStorageTarget.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** The zip of src/assembly/plugin-zip.xml, from target/classes and target/lib. */
    private static Path buildPluginZip(Path pluginsDir) throws IOException, URISyntaxException {
        Path classes = compiledClasses();
        Path module = classes.getParent().getParent();
        Path zip = pluginsDir.resolve("qalyptus-" + PLUGIN_ID + ".zip");
        try (OutputStream out = Files.newOutputStream(zip);
                ZipOutputStream zipOut = new ZipOutputStream(out)) {
            add(zipOut, "plugin.properties", module.resolve("plugin.properties"));
            for (Map.Entry<String, Path> folder : Map.of("classes/", classes, "lib/", module.resolve("target/lib")).entrySet()) {
                for (Path file : filesUnder(folder.getValue())) {
                    add(zipOut, folder.getKey() + folder.getValue().relativize(file).toString().replace('\\', '/'), file);
                }
            }
        }
        return zip;
    }

    private static List<Path> filesUnder(Path root) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
        return files;
    }

    private static void add(ZipOutputStream zip, String name, Path file) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        Files.copy(file, zip);
        zip.closeEntry();
    }
}
