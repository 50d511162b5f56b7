package org.qalyptus.spi.identity;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Objects;
import org.apiguardian.api.API;
import org.qalyptus.spi.ExtensionException;

/**
 * Why an identity provider refused or could not finish a login. The host turns the {@link Reason} into the
 * error code the login page shows and writes the message to the audit log, so the message must name what
 * failed (for example "the ID token's audience is not this client") without tokens or secrets.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public class LoginFailedException extends ExtensionException {

    /** What went wrong, in terms the host can map to a message for users. */
    public enum Reason {
        /** The provider (discovery, token, key set or userinfo endpoint) could not be reached or answered badly. */
        PROVIDER_UNAVAILABLE(true),
        /** The provider's settings are incomplete or inconsistent (no issuer, discovery names another issuer). */
        PROVIDER_MISCONFIGURED(false),
        /** The provider sent the browser back with an error (the user refused, the client is not allowed ...). */
        PROVIDER_REFUSED(false),
        /** The token endpoint refused the authorization code: expired, already used or not issued to us. */
        CODE_REJECTED(false),
        /** The ID token is not signed by a key the provider publishes, even after fetching its keys again. */
        UNKNOWN_SIGNING_KEY(false),
        /** The ID token was issued for another client. */
        WRONG_AUDIENCE(false),
        /** The ID token has expired or is not valid yet. */
        TOKEN_EXPIRED(false),
        /** Any other check of the ID token failed (signature, algorithm, issuer, nonce, malformed token). */
        INVALID_TOKEN(false);

        private final boolean retryable;

        Reason(boolean retryable) {
            this.retryable = retryable;
        }
    }

    private final Reason reason;

    public LoginFailedException(Reason reason, String message) {
        this(reason, message, null);
    }

    public LoginFailedException(Reason reason, String message, Throwable cause) {
        super(message, Objects.requireNonNull(reason, "reason").retryable, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
