package org.qalyptus.plugins.storage.sftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
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
 * SSHD and EdDSA) built out of what Maven compiled and copied, exactly as src/assembly/plugin-zip.xml lays
 * it out, and in development mode from the module folder (target/classes + target/lib).
 */
class SftpPluginPackageTest {

    private static final String PLUGIN_ID = "storage-sftp";

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
        assertThat(classes.resolve("META-INF/extensions.idx")).content().contains(SftpStorageTarget.class.getName());
    }

    @Test
    void thePluginBundlesSshdButNeitherTheSpiNorPf4jNorSlf4j() throws Exception {
        Path zip = buildPluginZip(Files.createDirectories(temp.resolve("plugins")));

        try (ZipFile file = new ZipFile(zip.toFile())) {
            List<String> names = file.stream().map(ZipEntry::getName).toList();
            assertThat(names)
                    .contains("plugin.properties", "classes/META-INF/extensions.idx",
                            "classes/" + SftpStorageTarget.class.getName().replace('.', '/') + ".class")
                    .anyMatch(name -> name.matches("lib/sshd-core-[0-9.]+\\.jar"))
                    .anyMatch(name -> name.matches("lib/sshd-sftp-[0-9.]+\\.jar"))
                    .anyMatch(name -> name.matches("lib/eddsa-[0-9.]+\\.jar"))
                    .noneMatch(name -> name.startsWith("classes/org/qalyptus/spi/") || name.startsWith("classes/org/pf4j/"))
                    .noneMatch(name -> name.matches("lib/(qalyptus-spi|pf4j|slf4j-api|jcl-over-slf4j).*"));
        }
    }

    @Test
    void startsFromItsZipAndDeliversThroughItsOwnSshdFromAHostThread() throws Exception {
        Path pluginsDir = Files.createDirectories(temp.resolve("plugins"));
        buildPluginZip(pluginsDir);

        pluginManager = new DefaultPluginManager(pluginsDir);
        pluginManager.setSystemVersion("0.1.0");
        pluginManager.loadPlugins();
        pluginManager.startPlugins();

        PluginWrapper plugin = pluginManager.getPlugin(PLUGIN_ID);
        assertThat(plugin).as("plugin %s loaded from %s", PLUGIN_ID, pluginsDir).isNotNull();
        assertThat(plugin.getPluginState()).isEqualTo(PluginState.STARTED);
        StorageTarget sftp = pluginManager.getExtensions(StorageTarget.class, PLUGIN_ID).get(0);
        // Loaded from the plugin, not from the test class path: otherwise this test would prove nothing.
        assertThat(sftp.getClass().getClassLoader()).isSameAs(plugin.getPluginClassLoader());
        assertThat(plugin.getPluginClassLoader().loadClass("org.apache.sshd.client.SshClient").getClassLoader())
                .isSameAs(plugin.getPluginClassLoader());
        assertThat(sftp.typeId()).isEqualTo("Sftp");

        try (SftpTestServer server = SftpTestServer.start(temp.resolve("server"))) {
            KeyPair key = SftpTestServer.Keys.ed25519();
            server.authorize(key.getPublic());
            Map<String, Object> settings = server.settings();
            settings.put("username", SftpTestServer.KEY_USER);
            settings.remove("password");
            settings.put("privateKey", SftpTestServer.Keys.openSsh(key, "pass phrase"));
            settings.put("privateKeyPassphrase", "pass phrase");
            Config config = Config.bind(sftp.configFields(), settings);

            // The host calls from its own threads, whose context class loader is not the plugin's: one
            // that does not see the plugin's libraries, and one with its own copy of SSHD and EdDSA (this
            // test's, whose server also installed its EdDSA provider in the JVM). Ed25519 must work with both.
            Thread thread = Thread.currentThread();
            ClassLoader hostLoader = thread.getContextClassLoader();
            try {
                thread.setContextClassLoader(ClassLoader.getPlatformClassLoader());
                DeliveryReceipt receipt = sftp.deliver(config, SftpStorageTargetTest.file("report.pdf", "2024", "from the plugin"));
                assertThat(receipt.location()).endsWith("/2024/report.pdf");
                thread.setContextClassLoader(SftpPluginPackageTest.class.getClassLoader());
                assertThat(sftp.test(config).ok()).isTrue();
            } finally {
                thread.setContextClassLoader(hostLoader);
            }
            assertThat(server.home.resolve("2024/report.pdf")).hasContent("from the plugin");
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
                .satisfies(extension -> assertThat(extension.typeId()).isEqualTo("Sftp"));
        // target/lib, filled by the build, is on the development class path.
        assertThat(plugin.getPluginClassLoader().loadClass("org.apache.sshd.client.SshClient").getClassLoader())
                .isSameAs(plugin.getPluginClassLoader());
    }

    private static Path compiledClasses() throws URISyntaxException {
        return Path.of(SftpStorageTarget.class.getProtectionDomain().getCodeSource().getLocation().toURI());
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
