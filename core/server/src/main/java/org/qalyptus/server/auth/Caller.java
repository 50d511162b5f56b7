package org.qalyptus.server.auth;

import java.util.Optional;

/**
 * Who is making a request, as established by a bearer credential.
 *
 * @param userId the user the credential belongs to
 * @param email the user's email, for logs
 * @param organizationId the organization an API key is limited to, or null when the credential is not
 *     limited (a login session)
 * @param credential how the caller authenticated
 */
public record Caller(String userId, String email, String organizationId, Credential credential) {

    /** The request attribute the authenticated caller is kept under. */
    public static final String REQUEST_ATTRIBUTE = Caller.class.getName();

    public enum Credential { API_KEY, SESSION }

    public Optional<String> limitedToOrganization() {
        return Optional.ofNullable(organizationId);
    }
}
