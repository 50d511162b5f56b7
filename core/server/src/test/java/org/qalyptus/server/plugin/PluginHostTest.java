package org.qalyptus.server.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qalyptus.server.support.PluginJarBuilder;
import org.qalyptus.spi.config.Config;
import org.qalyptus.spi.storage.StorageTarget;

class PluginHostTest {

    private static final String GOOD_TARGET = """
            package test.good;
            import org.qalyptus.spi.ConnectionTestResult;
            import org.qalyptus.spi.config.*;
            import org.qalyptus.spi.storage.*;
            import java.util.List;
import java.util.Map;
            @org.pf4j.Extension
            public class NullTarget implements StorageTarget {
                public String typeId() { return "Null"; }
                public List<ConfigField> configFields() {
                    return List.of(ConfigField.of("label", "Label", ConfigFieldType.STRING).asRequired());
                }
                public ConnectionTestResult test(Config config) { return ConnectionTestResult.ok("fine"); }
                public DeliveryReceipt deliver(Config config, DeliveryFile file) {
                    return new DeliveryReceipt("nowhere", file.size());
                }
            }
            """;

    @TempDir
    Path plugins;

    private PluginHost host() {
        return new PluginHost(new PluginProperties(plugins, "0.1.0"));
    }

    private PluginInfo only(List<PluginInfo> infos) {
        assertThat(infos).hasSize(1);
        return infos.get(0);
    }

    @Test
    void startsAGoodPluginAndListsItsExtensionsWithTheirSettings() {
        PluginJarBuilder.plugin("good").source("test.good.NullTarget", GOOD_TARGET)
                .extension("test.good.NullTarget").buildInto(plugins);

        PluginHost host = host();

        PluginInfo info = only(host.plugins());
        assertThat(info.state()).isEqualTo("STARTED");
        assertThat(info.reason()).isNull();
        assertThat(info.extensions().get("StorageTarget")).singleElement().satisfies(e -> {
            assertThat(e.typeId()).isEqualTo("Null");
            assertThat(e.configFields()).extracting(f -> f.name()).containsExactly("label");
        });
        assertThat(host.extension(StorageTarget.class, "Null")).isPresent();
        assertThat(host.extension(StorageTarget.class, "Other")).isEmpty();
    }

    @Test
    void reportsAJarThatIsNotAZipAsFailedWithItsPath() {
        Path jar = PluginJarBuilder.corruptJar(plugins, "broken-1.0.jar");

        PluginInfo info = only(host().plugins());

        assertThat(info.state()).isEqualTo("FAILED");
        assertThat(info.path()).isEqualTo(jar.toString());
        assertThat(info.reason()).isEqualTo("The plugin could not be loaded: the file is not a valid jar or zip archive");
    }

    @Test
    void reportsAPluginWhoseStartThrowsAsFailedWithTheCause() {
        PluginJarBuilder.plugin("failing")
                .source("test.failing.FailingPlugin", """
                        package test.failing;
                        public class FailingPlugin extends org.pf4j.Plugin {
                            @Override public void start() { throw new IllegalStateException("license server unreachable"); }
                        }
                        """)
                .pluginClass("test.failing.FailingPlugin")
                .buildInto(plugins);

        PluginHost host = host();

        PluginInfo info = only(host.plugins());
        assertThat(info.id()).isEqualTo("failing");
        assertThat(info.state()).isEqualTo("FAILED");
        assertThat(info.reason()).contains("failed to start").contains("license server unreachable");
        assertThat(info.extensions()).isEmpty();
    }

    @Test
    void refusesAPluginThatBundlesSpiClassesAndNamesTheClass() {
        PluginJarBuilder.plugin("bundler").source("test.good.NullTarget", GOOD_TARGET)
                .extension("test.good.NullTarget").bundling(StorageTarget.class).buildInto(plugins);

        PluginHost host = host();

        PluginInfo info = only(host.plugins());
        assertThat(info.id()).isEqualTo("bundler");
        assertThat(info.state()).isEqualTo("FAILED");
        assertThat(info.reason()).contains("org/qalyptus/spi/storage/StorageTarget.class").contains("provided");
        assertThat(host.extensions(StorageTarget.class)).isEmpty();
    }

    @Test
    void refusesAPluginThatBundlesPf4jClasses() {
        PluginJarBuilder.plugin("pf4j-bundler").source("test.good.NullTarget", GOOD_TARGET)
                .extension("test.good.NullTarget").bundling(org.pf4j.Plugin.class).buildInto(plugins);

        PluginInfo info = only(host().plugins());

        assertThat(info.state()).isEqualTo("FAILED");
        assertThat(info.reason()).contains("org/pf4j/Plugin.class");
    }

    @Test
    void disablesAPluginThatNeedsANewerHostAndSaysWhich() {
        PluginJarBuilder.plugin("future").requires(">=9.0.0").source("test.good.NullTarget", GOOD_TARGET)
                .extension("test.good.NullTarget").buildInto(plugins);

        PluginInfo info = only(host().plugins());

        assertThat(info.state()).isEqualTo("DISABLED");
        assertThat(info.reason()).contains(">=9.0.0").contains("0.1.0");
    }

    @Test
    void oneBrokenPluginDoesNotKeepTheOthersFromStarting() {
        PluginJarBuilder.corruptJar(plugins, "broken-1.0.jar");
        PluginJarBuilder.plugin("good").source("test.good.NullTarget", GOOD_TARGET)
                .extension("test.good.NullTarget").buildInto(plugins);

        PluginHost host = host();

        assertThat(host.plugins()).extracting(PluginInfo::state).containsExactlyInAnyOrder("STARTED", "FAILED");
        assertThat(host.extension(StorageTarget.class, "Null")).isPresent();
    }

    @Test
    void warnsAboutAnExtensionThatCannotBeCreated() {
        PluginJarBuilder.plugin("half").source("test.half.BrokenTarget", """
                        package test.half;
                        public class BrokenTarget extends test.good.NullTarget {
                            public BrokenTarget() { throw new IllegalStateException("no config"); }
                        }
                        """)
                .source("test.good.NullTarget", GOOD_TARGET)
                .extension("test.good.NullTarget").extension("test.half.BrokenTarget").buildInto(plugins);

        PluginInfo info = only(host().plugins());

        assertThat(info.state()).isEqualTo("STARTED");
        assertThat(info.warnings()).singleElement().asString().contains("test.half.BrokenTarget");
    }

    @Test
    void loadsTheSourceTreesPluginModulesInDevelopmentMode() {
        Path sourceTree = Path.of("../../plugins").toAbsolutePath().normalize();

        PluginHost host = new PluginHost(new PluginProperties(sourceTree, "0.1.0"));

        assertThat(host.plugins()).filteredOn(p -> "storage-folder".equals(p.id())).singleElement()
                .satisfies(p -> {
                    assertThat(p.state()).isEqualTo("STARTED");
                    assertThat(p.path()).isEqualTo(sourceTree.resolve("storage-folder").toString());
                });
        assertThat(host.extension(StorageTarget.class, "Folder")).isPresent();
    }

    @Test
    void loadsTheFtpAndSftpPluginsWithTheirBundledLibrariesInDevelopmentMode() {
        Path sourceTree = Path.of("../../plugins").toAbsolutePath().normalize();

        PluginHost host = new PluginHost(new PluginProperties(sourceTree, "0.1.0"));

        for (String id : List.of("storage-ftp", "storage-sftp")) {
            assertThat(host.plugins()).filteredOn(p -> id.equals(p.id())).singleElement().satisfies(p -> {
                assertThat(p.state()).isEqualTo("STARTED");
                assertThat(p.warnings()).isEmpty();
                assertThat(p.path()).isEqualTo(sourceTree.resolve(id).toString());
            });
        }
        StorageTarget ftp = host.extension(StorageTarget.class, "Ftp").orElseThrow();
        StorageTarget sftp = host.extension(StorageTarget.class, "Sftp").orElseThrow();
        // Calls that need the bundled libraries (commons-net, SSHD) work through the plugins' class loaders.
        assertThat(ftp.test(Config.bind(ftp.configFields(),
                Map.of("host", "127.0.0.1", "port", 1, "username", "u", "connectTimeoutSeconds", 2))))
                .satisfies(r -> assertThat(r.ok()).isFalse())
                .satisfies(r -> assertThat(r.message()).contains("127.0.0.1:1"));
        assertThat(sftp.test(Config.bind(sftp.configFields(),
                Map.of("host", "127.0.0.1", "port", 1, "username", "u", "password", "p", "connectTimeoutSeconds", 2))))
                .satisfies(r -> assertThat(r.ok()).isFalse())
                .satisfies(r -> assertThat(r.message()).contains("127.0.0.1:1"));
    }
}
