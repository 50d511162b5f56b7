package org.qalyptus.server.auth;

import java.util.Optional;

/**
 * Establishes the caller from one kind of bearer credential. Each implementation recognises its
 * credentials by prefix and answers empty for anything else, so the filter can ask them in turn.
 */
public interface CallerAuthenticator {

    /**
     * @param bearer the credential after {@code Bearer }
     * @return the caller, or empty when the credential is not this kind's or is not valid (unknown,
     *     expired, revoked, or its user is not active)
     */
    Optional<Caller> authenticate(String bearer);
}
