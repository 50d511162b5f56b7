package org.qalyptus.server.mail;

import java.time.Instant;
import java.util.Optional;
import org.qalyptus.server.task.TaskDocument;

/** Success / warning / error notification of a finished execution, with its log attached. */
public interface NotificationMails {

    /** The message for this outcome, or empty when the task does not notify for it. */
    Optional<OutgoingMail> compose(TaskDocument task, String executionStatus, String executionId, Instant finishedAt,
            MailFile log);
}
