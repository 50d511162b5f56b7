package org.qalyptus.spi.config;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Why one configuration value was refused.
 *
 * @param field the name of the field, as in {@link ConfigField#name()}
 * @param message what is wrong, for the user
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ConfigError(String field, String message) {}
