package org.qalyptus.server.execution;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.qalyptus.server.mail.MailFile;
import org.qalyptus.server.mail.MailOutcome;
import org.qalyptus.server.mail.MailTransport;
import org.qalyptus.server.mail.NotificationMails;
import org.qalyptus.server.mail.OutgoingMail;
import org.qalyptus.server.task.TaskDocument;
import org.springframework.stereotype.Component;

/**
 * The success / warning / error notification of a finished task execution, to the task's notification
 * addresses with the execution log attached ({@link NotificationMails}). Recorded as the delivery
 * ({@value #FILE_KEY}, {@code email}, {@code all}), so a node resuming the run does not notify twice; a
 * notification that cannot be sent is a warning in the log, it does not change the run's status.
 */
@Component
class NotificationStep implements ExecutionFinisher.AfterRun {

    static final String FILE_KEY = "notification";

    private final NotificationMails notifications;
    private final MailTransport transport;
    private final Deliveries deliveries;
    private final ExecutionStore store;

    NotificationStep(NotificationMails notifications, MailTransport transport, Deliveries deliveries, ExecutionStore store) {
        this.notifications = notifications;
        this.transport = transport;
        this.deliveries = deliveries;
        this.store = store;
    }

    @Override
    public void ended(Run run, ExecutionStatus status) {
        if (!run.execution.isTask() || status == ExecutionStatus.Aborted) {
            return;
        }
        // the task as the run read it: a run without notifications costs no store read here
        TaskDocument task = run.task() != null ? run.task() : store.mongo().findById(run.execution.taskId(), TaskDocument.class);
        if (task == null) {
            return;
        }
        // the log (already flushed) is read only when a notification is composed and sent, once
        java.util.function.Supplier<byte[]> log = new java.util.function.Supplier<>() {
            private byte[] text;

            @Override
            public synchronized byte[] get() {
                if (text == null) {
                    text = ExecutionFinisher.text(store.mongo(), run.id(), LogChunk.LOG).getBytes(StandardCharsets.UTF_8);
                }
                return text;
            }
        };
        MailFile attached = new MailFile("execution-" + run.id() + ".log", "text/plain; charset=UTF-8",
                () -> new ByteArrayInputStream(log.get()));
        Optional<OutgoingMail> mail = notifications.compose(task, status.name().toLowerCase(Locale.ROOT), run.id(),
                store.clock().instant(), attached);
        if (mail.isEmpty()) {
            return;
        }
        if (deliveries.begin(run.id(), FILE_KEY, EmailStep.TARGET, EmailStep.ALL, run.node).isEmpty()) {
            return; // notified by the node that ran this execution before
        }
        String to = String.join(", ", mail.get().allRecipients());
        if (!transport.isConfigured(task.organizationId())) {
            deliveries.end(run.id(), FILE_KEY, EmailStep.TARGET, EmailStep.ALL, DeliveryDocument.SKIPPED,
                    "no SMTP server configured", null);
            run.log.info("Notification to " + to + " not sent: no SMTP server is configured");
            return;
        }
        MailOutcome outcome = transport.send(task.organizationId(), mail.get(), run.smtpLog::raw);
        switch (outcome.status()) {
            case SENT -> {
                deliveries.end(run.id(), FILE_KEY, EmailStep.TARGET, EmailStep.ALL, DeliveryDocument.SENT, null,
                        outcome.messageId());
                run.log.info("Notification (" + status + ") sent to " + to);
            }
            case PARTIAL -> {
                deliveries.end(run.id(), FILE_KEY, EmailStep.TARGET, EmailStep.ALL, DeliveryDocument.PARTIAL,
                        "refused: " + outcome.refused(), outcome.messageId());
                run.log.warn("Notification (" + status + ") sent to " + String.join(", ", outcome.accepted())
                        + ", refused by the mail server for " + outcome.refused());
            }
            case NOT_CONFIGURED -> {
                deliveries.end(run.id(), FILE_KEY, EmailStep.TARGET, EmailStep.ALL, DeliveryDocument.SKIPPED,
                        "no SMTP server configured", null);
                run.log.info("Notification to " + to + " not sent: no SMTP server is configured");
            }
            case FAILED -> {
                deliveries.end(run.id(), FILE_KEY, EmailStep.TARGET, EmailStep.ALL, DeliveryDocument.FAILED,
                        outcome.detail(), null);
                run.log.warn("Notification (" + status + ") to " + to + " failed: " + outcome.detail());
            }
        }
    }
}
