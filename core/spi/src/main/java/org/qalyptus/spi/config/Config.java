package org.qalyptus.spi.config;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A validated configuration: every value has the type its {@link ConfigField} declares and defaults are
 * applied. Extensions receive only instances made by {@link #bind(List, Map)}, so they can read values
 * without checking them again. Strings are {@link String}, integers {@link Long}, booleans
 * {@link Boolean}; optional fields without a value are absent.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Config {

    private static final int MAX_VALUE_LENGTH = 64 * 1024;

    private final Map<String, Object> values;

    private Config(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * Checks {@code raw} against {@code fields} and returns the typed configuration.
     *
     * @throws InvalidConfigException listing every unknown key, missing required value and value of the
     *     wrong type or out of its options
     */
    public static Config bind(List<ConfigField> fields, Map<String, ?> raw) {
        Map<String, ?> input = raw == null ? Map.of() : raw;
        List<ConfigError> errors = new ArrayList<>();
        Map<String, Object> typed = new LinkedHashMap<>();
        for (String key : input.keySet()) {
            if (fields.stream().noneMatch(f -> f.name().equals(key))) {
                errors.add(new ConfigError(String.valueOf(key), "is not a setting of this type"));
            }
        }
        for (ConfigField field : fields) {
            Object value = input.get(field.name());
            if (isBlank(value)) {
                value = field.defaultValue();
            }
            if (isBlank(value)) {
                if (field.required()) {
                    errors.add(new ConfigError(field.name(), "is required"));
                }
                continue;
            }
            try {
                typed.put(field.name(), coerce(field, value));
            } catch (IllegalArgumentException e) {
                errors.add(new ConfigError(field.name(), e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidConfigException(errors);
        }
        return new Config(typed);
    }

    private static boolean isBlank(Object value) {
        return value == null || (value instanceof String s && s.isBlank());
    }

    private static Object coerce(ConfigField field, Object value) {
        switch (field.type()) {
            case INTEGER -> {
                if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
                    return n.longValue();
                }
                if (value instanceof String s) {
                    try {
                        return Long.parseLong(s.trim());
                    } catch (NumberFormatException e) {
                        // falls through to the error below
                    }
                }
                throw new IllegalArgumentException("must be a whole number");
            }
            case BOOLEAN -> {
                if (value instanceof Boolean b) {
                    return b;
                }
                if ("true".equals(value) || "false".equals(value)) {
                    return Boolean.parseBoolean((String) value);
                }
                throw new IllegalArgumentException("must be true or false");
            }
            default -> {
                if (!(value instanceof String s)) {
                    throw new IllegalArgumentException("must be text");
                }
                if (s.length() > MAX_VALUE_LENGTH) {
                    throw new IllegalArgumentException("is longer than " + MAX_VALUE_LENGTH + " characters");
                }
                if (s.indexOf('\0') >= 0) {
                    throw new IllegalArgumentException("must not contain a NUL character");
                }
                if (field.type() == ConfigFieldType.SELECT && !field.options().contains(s)) {
                    throw new IllegalArgumentException("must be one of " + field.options());
                }
                if (field.type() == ConfigFieldType.URL) {
                    checkUrl(s);
                }
                return s;
            }
        }
    }

    private static void checkUrl(String s) {
        try {
            URI uri = new URI(s);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("must be an absolute URL such as https://host/path");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a valid URL");
        }
    }

    /** The value of a string-like field (STRING, TEXT, SELECT, PATH, URL), if set. */
    public Optional<String> string(String name) {
        return Optional.ofNullable((String) values.get(name));
    }

    /** The value of a required string-like field; fails if the field was declared optional and is unset. */
    public String requireString(String name) {
        return string(name).orElseThrow(() -> new IllegalStateException("setting '" + name + "' is not set"));
    }

    /** The value of an INTEGER field, if set. */
    public Optional<Long> integer(String name) {
        return Optional.ofNullable((Long) values.get(name));
    }

    /** The value of a BOOLEAN field; unset counts as false. */
    public boolean bool(String name) {
        return Boolean.TRUE.equals(values.get(name));
    }

    /** Every value, typed, in field order. */
    public Map<String, Object> asMap() {
        return values;
    }

    @Override
    public String toString() {
        // Values may be secrets: never print them.
        return "Config" + values.keySet();
    }
}
