package org.qalyptus.server.task;

/**
 * Someone a task sends to.
 *
 * @param id this entry's id
 * @param type {@code User} (a user or recipient of the organization), {@code Group}, or {@code Email}
 *     (a plain address)
 * @param recipientId the user or group id; null for {@code Email}
 * @param email the address, for {@code Email} only
 */
public record TaskRecipient(String id, String type, String recipientId, String email) {

    public static final String USER = "User";
    public static final String GROUP = "Group";
    public static final String EMAIL = "Email";
}
