package org.qalyptus.spi.config;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One setting of an extension, as the API validates it and the console renders it.
 *
 * <p>Build one with {@link #of(String, String, ConfigFieldType)} and the wither methods, for example
 * {@code ConfigField.of("rootFolder", "Root folder", PATH).asRequired()}; {@link #select} for choices.
 *
 * @param name the key in the configuration map; stable across plugin versions
 * @param label the label shown to users
 * @param type how the value is typed and validated
 * @param required whether a value must be given (a default counts as given)
 * @param secret whether the value is a secret: stored encrypted, never returned by the API
 * @param defaultValue the value used when none is given, or null for none
 * @param description help text shown under the field, or an empty string
 * @param options the allowed values of a {@link ConfigFieldType#SELECT} field, empty otherwise
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ConfigField(
        String name,
        String label,
        ConfigFieldType type,
        boolean required,
        boolean secret,
        Object defaultValue,
        String description,
        List<String> options) {

    public ConfigField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(type, "type");
        description = description == null ? "" : description;
        options = options == null ? List.of() : List.copyOf(options);
        if (name.isBlank()) {
            throw new IllegalArgumentException("a config field needs a name");
        }
        if (type == ConfigFieldType.SELECT && options.isEmpty()) {
            throw new IllegalArgumentException("select field '" + name + "' needs options");
        }
    }

    public static ConfigField of(String name, String label, ConfigFieldType type) {
        return new ConfigField(name, label, type, false, false, null, "", List.of());
    }

    public ConfigField asRequired() {
        return new ConfigField(name, label, type, true, secret, defaultValue, description, options);
    }

    public ConfigField asSecret() {
        return new ConfigField(name, label, type, required, true, defaultValue, description, options);
    }

    public ConfigField withDefault(Object value) {
        return new ConfigField(name, label, type, required, secret, value, description, options);
    }

    public ConfigField withDescription(String text) {
        return new ConfigField(name, label, type, required, secret, defaultValue, text, options);
    }

    /** A {@link ConfigFieldType#SELECT} field whose value must be one of {@code options}. */
    public static ConfigField select(String name, String label, String... options) {
        return new ConfigField(name, label, ConfigFieldType.SELECT, false, false, null, "", List.of(options));
    }
}
