package org.qalyptus.spi.config;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/** Thrown by {@link Config#bind} when values do not satisfy their fields; lists every problem at once. */
@API(status = EXPERIMENTAL, since = "0.1")
public class InvalidConfigException extends RuntimeException {

    private final List<ConfigError> errors;

    public InvalidConfigException(List<ConfigError> errors) {
        super(errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<ConfigError> errors() {
        return errors;
    }
}
