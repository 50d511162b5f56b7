package org.qalyptus.server.task;

/**
 * The email a task sends.
 *
 * @param from the sender address
 * @param ccBcc whether {@code cc}/{@code bcc} (and their variables) are used
 * @param cc addresses separated by {@code ;} or {@code ,}, or null
 * @param ccQlikVariable a variable of an app of the task's reports whose value adds Cc addresses, or null
 * @param isActive whether the task sends its email at all
 * @param oneToAll one email to every recipient (true) or one email per recipient (false)
 */
public record TaskEmail(String from, boolean ccBcc, String cc, String bcc, VariableRef ccQlikVariable,
        VariableRef bccQlikVariable, String subject, String message, boolean isActive, boolean oneToAll) {

    /** A new task's email: not configured, not sent. */
    public static final TaskEmail DEFAULT = new TaskEmail(null, false, null, null, null, null, null, null, false, true);
}
