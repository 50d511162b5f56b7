package org.qalyptus.server.sso;

/**
 * A sign-in through an identity provider that ends on the login page with {@link #error}; {@link #getMessage()}
 * is the particular (for the audit log).
 */
final class SsoFailure extends RuntimeException {

    final SsoError error;
    final String email;
    final String userId;

    SsoFailure(SsoError error, String detail) {
        this(error, detail, null, null);
    }

    SsoFailure(SsoError error, String detail, String email, String userId) {
        super(detail == null ? error.text() : detail, null, false, false);
        this.error = error;
        this.email = email;
        this.userId = userId;
    }
}
