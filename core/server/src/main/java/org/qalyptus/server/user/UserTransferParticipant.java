package org.qalyptus.server.user;

/**
 * A feature that holds something of a user that "transfer content and authorizations" must move to
 * another user, e.g. the permission entries of the permission model. Every Spring bean implementing this is
 * called by {@link UserService#transfer}.
 */
public interface UserTransferParticipant {

    /**
     * Moves the permissions (authorizations) granted to {@code fromUserId} to {@code toUserId}.
     *
     * @return how many permission entries were moved
     */
    long transferPermissions(String fromUserId, String toUserId);

    /**
     * Called after the content owned by {@code fromUserId} was given to {@code toUserId}, so that what a
     * feature derives from ownership (such as list indexes) follows. Does nothing by default.
     */
    default void contentTransferred(String fromUserId, String toUserId) {}
}
