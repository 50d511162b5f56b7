package org.qalyptus.spi.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.qalyptus.spi.config.ConfigFieldType.BOOLEAN;
import static org.qalyptus.spi.config.ConfigFieldType.INTEGER;
import static org.qalyptus.spi.config.ConfigFieldType.STRING;
import static org.qalyptus.spi.config.ConfigFieldType.URL;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {

    private final List<ConfigField> fields = List.of(
            ConfigField.of("host", "Host", STRING).asRequired(),
            ConfigField.of("port", "Port", INTEGER).withDefault(21),
            ConfigField.of("passive", "Passive mode", BOOLEAN).withDefault(true),
            ConfigField.select("mode", "Mode", "ftp", "ftps").withDefault("ftp"),
            ConfigField.of("url", "Url", URL),
            ConfigField.of("password", "Password", STRING).asSecret());

    @Test
    void bindsTypedValuesAndAppliesDefaults() {
        Config config = Config.bind(fields, Map.of("host", "files.example", "port", "2121"));

        assertThat(config.requireString("host")).isEqualTo("files.example");
        assertThat(config.integer("port")).contains(2121L);
        assertThat(config.bool("passive")).isTrue();
        assertThat(config.string("mode")).contains("ftp");
        assertThat(config.string("password")).isEmpty();
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertThatThrownBy(() -> Config.bind(fields, Map.of(
                        "port", "twenty", "passive", "yes", "mode", "sftp", "url", "not a url", "extra", 1)))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.errors())
                        .extracting(ConfigError::field)
                        .containsExactlyInAnyOrder("extra", "host", "port", "passive", "mode", "url"));
    }

    @Test
    void refusesObjectsWhereTextIsExpected() {
        assertThatThrownBy(() -> Config.bind(fields, Map.of("host", Map.of("$ne", ""))))
                .isInstanceOfSatisfying(InvalidConfigException.class,
                        e -> assertThat(e.errors()).containsExactly(new ConfigError("host", "must be text")));
    }

    @Test
    void neverPrintsValues() {
        Config config = Config.bind(fields, Map.of("host", "h", "password", "s3cret"));

        assertThat(config.toString()).doesNotContain("s3cret");
    }

    @Test
    void refusesFractionalIntegers() {
        assertThatThrownBy(() -> Config.bind(fields, Map.of("host", "h", "port", 21.5)))
                .isInstanceOf(InvalidConfigException.class);
    }
}
