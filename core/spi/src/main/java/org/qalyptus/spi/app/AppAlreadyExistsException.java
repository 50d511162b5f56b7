package org.qalyptus.spi.app;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
import org.qalyptus.spi.ExtensionException;

/**
 * {@link AppConnector#installApp} was asked to install an app whose id the connection already serves,
 * without replacing it. Not retryable.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public class AppAlreadyExistsException extends ExtensionException {

    private final String appId;

    public AppAlreadyExistsException(String appId, String message) {
        super(message, false);
        this.appId = appId;
    }

    public String appId() {
        return appId;
    }
}
