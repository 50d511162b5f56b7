package org.qalyptus.server.mail;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.qalyptus.server.task.TaskDocument;
import org.springframework.stereotype.Component;

/**
 * Notifications of finished executions: {@code completed} when the task notifies on success, {@code warning} on
 * warning, {@code failed} on error (an execution someone aborted notifies nobody). Sent to the task's
 * notification recipients, cc and bcc, the execution log attached.
 */
@Component
class DefaultNotificationMails implements NotificationMails {

    @Override
    public Optional<OutgoingMail> compose(TaskDocument task, String executionStatus, String executionId, Instant finishedAt,
            MailFile log) {
        if (task == null || !task.sendNotifications() || executionStatus == null) {
            return Optional.empty();
        }
        String status = executionStatus.toLowerCase(Locale.ROOT);
        String outcome = switch (status) {
            case "completed" -> task.notifyIfSuccess() ? "completed" : null;
            case "warning" -> task.notifyIfWarning() ? "completed with warnings" : null;
            case "failed" -> task.notifyIfError() ? "failed" : null;
            default -> null;
        };
        List<String> to = MailAddresses.split(task.notificationRecipients());
        if (outcome == null || to.isEmpty()) {
            return Optional.empty();
        }
        String name = task.name() == null ? "" : task.name();
        String when = finishedAt == null ? "" : DateTimeFormatter.ISO_INSTANT.format(finishedAt.atOffset(ZoneOffset.UTC));
        String subject = MailAddresses.singleLine("Qalyptus: task \"" + name + "\" " + outcome);
        String body = "<p>The task <b>" + Placeholders.escapeHtml(name) + "</b> " + outcome + ".</p>"
                + "<table><tr><td>Status</td><td>" + Placeholders.escapeHtml(status) + "</td></tr>"
                + "<tr><td>Execution</td><td>" + Placeholders.escapeHtml(String.valueOf(executionId)) + "</td></tr>"
                + "<tr><td>Finished at</td><td>" + Placeholders.escapeHtml(when) + " (UTC)</td></tr></table>"
                + (log == null ? "" : "<p>The execution log is attached.</p>");
        String from = task.email() == null ? null : MailAddresses.normalize(task.email().from());
        return Optional.of(new OutgoingMail(null, from, to, MailAddresses.split(task.notificationCc()),
                MailAddresses.split(task.notificationBcc()), subject, body, log == null ? List.of() : List.of(log), List.of()));
    }
}
