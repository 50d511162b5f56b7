package org.qalyptus.server.auth;

import java.time.Duration;
import org.qalyptus.server.web.ApiException;
import org.springframework.http.HttpStatus;

/** A sign-in refused because of earlier failures; {@code retryAfter} says when to try again. */
class TooManyLoginAttempts extends ApiException {

    private final long retryAfterSeconds;

    TooManyLoginAttempts(Duration retryAfter) {
        super(HttpStatus.TOO_MANY_REQUESTS, "Too many failed sign-ins; try again in "
                + Math.max(1, (retryAfter.toMillis() + 999) / 1000) + " seconds", null);
        this.retryAfterSeconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }

    long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
