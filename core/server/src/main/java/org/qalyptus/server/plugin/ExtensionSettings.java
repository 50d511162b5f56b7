package org.qalyptus.server.plugin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import org.qalyptus.server.secret.SecretCipher;
import org.qalyptus.server.web.ApiException;
import org.qalyptus.server.web.ApiResponse.FieldError;
import org.qalyptus.spi.QalyptusExtension;
import org.qalyptus.spi.config.Config;
import org.qalyptus.spi.config.ConfigField;
import org.qalyptus.spi.config.ConfigFieldType;
import org.qalyptus.spi.config.InvalidConfigException;
import org.springframework.stereotype.Component;

/**
 * Settings of a configured extension instance (a connection, a storage service): validated against the
 * extension's config fields, split into plain values and secrets encrypted with {@link SecretCipher},
 * and bound back into a {@link Config} when the extension is used. Server paths must lie inside the
 * caller's {@link ServerPathPolicy}. Secrets never leave this class in
 * clear except inside the bound config.
 */
@Component
public class ExtensionSettings {

    private final SecretCipher cipher;

    ExtensionSettings(SecretCipher cipher) {
        this.cipher = cipher;
    }

    /** Plain values and encrypted secrets, as documents store them. */
    public record Stored(Map<String, Object> settings, Map<String, String> secrets) {}

    /**
     * Validates new settings. @throws ApiException 400 with one field error per invalid setting, named
     * {@code settings.<field>}
     */
    public Stored validate(QalyptusExtension extension, Map<String, Object> given, ServerPathPolicy paths) {
        return allowedPaths(extension, store(extension, given == null ? Map.of() : given, Map.of()), paths);
    }

    /**
     * Validates an update: a secret left out of {@code given} keeps its stored value, a secret given as
     * null is cleared, every other field is replaced.
     */
    public Stored validateUpdate(QalyptusExtension extension, Map<String, Object> given, Map<String, String> storedSecrets,
            ServerPathPolicy paths) {
        Map<String, Object> values = given == null ? Map.of() : given;
        Map<String, String> kept = new HashMap<>();
        storedSecrets.forEach((name, encrypted) -> {
            if (!values.containsKey(name)) {
                kept.put(name, cipher.decrypt(encrypted));
            }
        });
        return allowedPaths(extension, store(extension, values, kept), paths);
    }

    /**
     * The stored settings with secrets decrypted, validated again against the extension.
     *
     * @throws InvalidConfigException when the extension's fields changed and the settings no longer fit
     */
    public Config bind(QalyptusExtension extension, Map<String, Object> settings, Map<String, String> secrets) {
        Map<String, Object> values = new LinkedHashMap<>(settings);
        secrets.forEach((name, encrypted) -> values.put(name, cipher.decrypt(encrypted)));
        return Config.bind(extension.configFields(), values);
    }

    /** @throws ApiException 400 naming each PATH setting outside the policy's roots */
    private static Stored allowedPaths(QalyptusExtension extension, Stored stored, ServerPathPolicy paths) {
        List<FieldError> errors = new ArrayList<>();
        for (ConfigField field : extension.configFields()) {
            Object value = stored.settings().get(field.name());
            if (field.type() == ConfigFieldType.PATH && value != null) {
                paths.refusal(String.valueOf(value))
                        .ifPresent(why -> errors.add(new FieldError("settings." + field.name(), why)));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return stored;
    }

    private Stored store(QalyptusExtension extension, Map<String, Object> given, Map<String, String> keptSecrets) {
        Map<String, Object> raw = new LinkedHashMap<>(keptSecrets);
        given.forEach((name, value) -> {
            if (value != null) {
                raw.put(name, value);
            }
        });
        Config config;
        try {
            config = Config.bind(extension.configFields(), raw);
        } catch (InvalidConfigException e) {
            throw ApiException.invalid(e.errors().stream()
                    .map(error -> new FieldError("settings." + error.field(), error.message())).toList());
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        Map<String, String> secrets = new LinkedHashMap<>();
        for (ConfigField field : extension.configFields()) {
            Object value = config.asMap().get(field.name());
            if (value == null) {
                continue;
            }
            if (field.secret()) {
                secrets.put(field.name(), cipher.encrypt(String.valueOf(value)));
            } else {
                settings.put(field.name(), value);
            }
        }
        return new Stored(settings, secrets);
    }
}
