package org.qalyptus.spi.config;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/** How a configuration value is typed, validated and rendered in the console. */
@API(status = EXPERIMENTAL, since = "0.1")
public enum ConfigFieldType {
    /** One line of text. */
    STRING,
    /** Several lines of text, such as a PEM key. */
    TEXT,
    /** A whole number, stored as a {@code long}. */
    INTEGER,
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /** One of {@link ConfigField#options()}. */
    SELECT,
    /** A file system path on the server. */
    PATH,
    /** An absolute URL with a scheme. */
    URL
}
