package org.qalyptus.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The outcome of testing a configuration against the system it points to.
 *
 * @param ok whether the system was reached and accepted the configuration
 * @param message what was checked or what went wrong, in words a user can act on; never null
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ConnectionTestResult(boolean ok, String message) {

    public ConnectionTestResult {
        Objects.requireNonNull(message, "message");
    }

    public static ConnectionTestResult ok(String message) {
        return new ConnectionTestResult(true, message);
    }

    public static ConnectionTestResult failed(String message) {
        return new ConnectionTestResult(false, message);
    }
}
