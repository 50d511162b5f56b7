package org.qalyptus.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * A failure an extension reports to the host. The message is shown to users and written to execution
 * logs, so it must say what failed in their terms and must not contain secrets.
 *
 * <p>{@link #isRetryable()} tells the host whether the same call may succeed later (a server that is
 * down, a timeout) or will fail again until someone changes something (bad credentials, a path outside
 * the allowed root).
 */
@API(status = EXPERIMENTAL, since = "0.1")
public class ExtensionException extends RuntimeException {

    private final boolean retryable;

    public ExtensionException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public ExtensionException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean isRetryable() {
        return retryable;
    }
}
