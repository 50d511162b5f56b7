package org.qalyptus.server.execution;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.qalyptus.server.mail.MailAddresses;
import org.qalyptus.server.mail.MailFile;
import org.qalyptus.server.mail.MailOutcome;
import org.qalyptus.server.mail.MailTransport;
import org.qalyptus.server.mail.OutgoingMail;
import org.qalyptus.server.mail.TaskMailComposer;
import org.qalyptus.server.mail.TaskMailRequest;
import org.qalyptus.server.report.ReportDocument;
import org.qalyptus.server.task.TaskDocument;
import org.qalyptus.server.task.TaskEmail;
import org.qalyptus.server.task.TaskReport;
import org.springframework.stereotype.Component;

/**
 * The email step of a task run, after every task report was rendered and delivered elsewhere. Per task report,
 * its files are grouped in file sets (one per iteration value; one zip of every value with zip for email), each
 * set is composed by {@link TaskMailComposer} as the task's email says (one message to all, or one per
 * recipient; attached and/or embedded) and sent through {@link MailTransport}, the conversation going to the
 * execution's SMTP log.
 *
 * <p>Recipients: the task's recipients (users, group members, plain addresses), or, when the task report has an
 * email visibility variable, the addresses that variable holds for each iteration value (an empty value: that
 * value's file is not emailed). Cc/Bcc: the task's plus its Cc/Bcc variables.
 *
 * <p>Exactly once, as far as SMTP allows: each message is a delivery (file set, {@code email}, recipient or
 * {@code all}) recorded as {@code sending} before the SMTP conversation and {@code sent}, {@code partial},
 * {@code skipped} or {@code failed} after. A node resuming a run skips settled ones and <b>resends</b> a
 * {@code sending} one (at least once): its node died during the conversation, and a mail server that did not answer
 * 250 to the end of the data has not accepted the message, so not resending would lose it. SMTP has no way to ask a
 * server whether it accepted a message, so a node that died between that 250 and the record (a window of one store
 * write) leads to a second copy; that copy carries the <b>same Message-ID</b> (derived from the delivery record,
 * which a resumed run keeps, see {@link OutgoingMail#messageKey()}), by which mail systems and clients recognise
 * one message. A run started again (requeue) has new delivery records, hence new Message-IDs.
 */
@Component
class EmailStep implements TaskRunner.TaskStep {

    static final String TARGET = "email";
    static final String ALL = "all";

    private final MailTransport transport;
    private final TaskMailComposer composer;
    private final TaskAddresses addresses;
    private final Deliveries deliveries;
    private final OutputStore outputs;

    EmailStep(MailTransport transport, TaskMailComposer composer, TaskAddresses addresses, Deliveries deliveries,
            OutputStore outputs) {
        this.transport = transport;
        this.composer = composer;
        this.addresses = addresses;
        this.deliveries = deliveries;
        this.outputs = outputs;
    }

    /** Files emailed together, to whom, with which extra Cc/Bcc. */
    record FileSet(String key, String iterationValue, List<ExecutionFile> files, boolean zipped, List<String> recipients,
            List<String> cc, List<String> bcc) {}

    @Override
    public void run(Run run, TaskDocument task, List<TaskRunner.ProducedReport> reports, Map<String, String> taskValues) {
        if (reports.isEmpty()) {
            return;
        }
        TaskEmail email = task.email();
        if (email == null || !email.isActive()) {
            run.log.info("The task's email is off: no email sent");
            return;
        }
        Context context = new Context(run, task, transport.isConfigured(task.organizationId()),
                MailAddresses.split(task.testModeRecipients()), ZonedDateTime.now(ZoneOffset.UTC));
        if (!context.configured) {
            run.log.info("No SMTP server is configured (for the organization or the server): emails are reported as skipped");
        }
        if (task.testMode()) {
            run.log.info(context.testAddresses.isEmpty() ? "Test mode without test addresses: no email is sent"
                    : "Test mode: every email goes to " + String.join(", ", context.testAddresses) + " only");
        }
        List<String> taskRecipients = addresses.recipients(task);
        for (TaskRunner.ProducedReport report : reports) {
            TaskReport taskReport = report.taskReport();
            String label = "Report '" + report.report().name() + "'";
            if (!taskReport.emailAttachment() && !taskReport.emailEmbedment()) {
                run.log.info(label + " is neither attached nor embedded: not emailed");
                continue;
            }
            for (FileSet set : fileSets(run, report, taskRecipients, taskValues)) {
                send(context, report, set);
            }
        }
        run.log.info("Emails: " + context.sent + " sent, " + context.partial + " partly refused, " + context.skipped
                + " skipped, " + context.failed + " failed" + (context.already > 0 ? ", " + context.already
                + " sent by an earlier attempt" : ""));
    }

    /** The file sets of one task report: per value (or one zip), with their recipients. */
    List<FileSet> fileSets(Run run, TaskRunner.ProducedReport report, List<String> taskRecipients,
            Map<String, String> taskValues) {
        TaskReport taskReport = report.taskReport();
        TaskReport.IterationOptions options = taskReport.iterationOptions();
        boolean perValue = options.emailVisibilityVariable() != null && report.report().isIteration();
        boolean zip = options.zipForEmail() && report.files().size() > 1;
        String label = "Report '" + report.report().name() + "'";
        if (!perValue) {
            if (taskRecipients.isEmpty()) {
                run.log.warn(label + ": the task has no recipient with an email address: not emailed");
                return List.of();
            }
            if (zip) {
                return List.of(new FileSet(FileKeys.zip(taskReport.id()), "", report.files(), true, taskRecipients,
                        extra(report, report.files(), TaskRunner.CC, taskValues),
                        extra(report, report.files(), TaskRunner.BCC, taskValues)));
            }
            return report.files().stream().map(f -> new FileSet(f.fileKey(), value(f), List.of(f), false, taskRecipients,
                    extra(report, List.of(f), TaskRunner.CC, taskValues), extra(report, List.of(f), TaskRunner.BCC, taskValues)))
                    .toList();
        }
        // per-value recipients: each address receives the files of the values whose variable lists it
        Map<String, List<ExecutionFile>> byRecipient = new LinkedHashMap<>();
        Map<String, String> spelled = new LinkedHashMap<>();
        for (ExecutionFile file : report.files()) {
            String text = report.values().getOrDefault(file.fileKey(), Map.of()).get(TaskRunner.EMAIL);
            List<String> to = MailAddresses.distinct(Addresses.split(text));
            if (to.isEmpty()) {
                run.log.info("'" + file.fileName() + "' not emailed: its email visibility variable names nobody for this value");
            }
            for (String address : to) {
                String key = address.toLowerCase(Locale.ROOT);
                spelled.putIfAbsent(key, address);
                byRecipient.computeIfAbsent(key, k -> new ArrayList<>()).add(file);
            }
        }
        List<FileSet> sets = new ArrayList<>();
        if (zip) {
            // recipients who see the same values share one zip
            Map<List<String>, List<String>> recipientsByFiles = new LinkedHashMap<>();
            Map<List<String>, List<ExecutionFile>> filesByKeys = new LinkedHashMap<>();
            byRecipient.forEach((key, files) -> {
                List<String> keys = files.stream().map(ExecutionFile::fileKey).toList();
                recipientsByFiles.computeIfAbsent(keys, k -> new ArrayList<>()).add(spelled.get(key));
                filesByKeys.putIfAbsent(keys, files);
            });
            recipientsByFiles.forEach((keys, to) -> {
                List<ExecutionFile> files = filesByKeys.get(keys);
                String key = FileKeys.zip(taskReport.id()) + ":" + UUID.nameUUIDFromBytes(String.join("\u0000", keys)
                        .getBytes(StandardCharsets.UTF_8));
                sets.add(files.size() == 1
                        ? new FileSet(files.get(0).fileKey(), value(files.get(0)), files, false, to,
                                extra(report, files, TaskRunner.CC, taskValues), extra(report, files, TaskRunner.BCC, taskValues))
                        : new FileSet(key, "", files, true, to, extra(report, files, TaskRunner.CC, taskValues),
                                extra(report, files, TaskRunner.BCC, taskValues)));
            });
            return sets;
        }
        for (ExecutionFile file : report.files()) {
            List<String> to = new ArrayList<>();
            byRecipient.forEach((key, files) -> {
                if (files.contains(file)) {
                    to.add(spelled.get(key));
                }
            });
            if (!to.isEmpty()) {
                sets.add(new FileSet(file.fileKey(), value(file), List.of(file), false, to,
                        extra(report, List.of(file), TaskRunner.CC, taskValues),
                        extra(report, List.of(file), TaskRunner.BCC, taskValues)));
            }
        }
        return sets;
    }

    private void send(Context context, TaskRunner.ProducedReport report, FileSet set) {
        Run run = context.run;
        TaskDocument task = context.task;
        TaskReport taskReport = report.taskReport();
        List<MailFile> attachments = new ArrayList<>();
        List<MailFile> embedded = new ArrayList<>();
        if (taskReport.emailAttachment()) {
            if (set.zipped()) {
                DeliverySteps.Payload zip = Zips.payload(outputs, set.key(), report.report().name(), set.files());
                attachments.add(new MailFile(zip.fileName(), zip.mediaType(), zip.content()::open));
            } else {
                set.files().forEach(f -> attachments.add(mailFile(f)));
            }
        }
        if (taskReport.emailEmbedment()) {
            set.files().forEach(f -> embedded.add(mailFile(f)));
        }
        String files = set.zipped() ? "'" + attachments.stream().findFirst().map(MailFile::fileName)
                .orElse(report.report().name()) + "' (" + set.files().size() + " files)"
                : String.join(", ", set.files().stream().map(f -> "'" + f.fileName() + "'").toList());
        List<List<String>> groups = task.email().oneToAll() ? List.of(set.recipients())
                : set.recipients().stream().map(List::of).toList();
        for (List<String> to : groups) {
            run.checkpoint();
            String recipient = task.email().oneToAll() ? ALL : to.get(0).toLowerCase(Locale.ROOT);
            Optional<DeliveryDocument> begun = deliveries.begin(run.id(), set.key(), TARGET, recipient, run.node);
            if (begun.isEmpty()) {
                context.already++;
                continue;
            }
            String who = String.join(", ", to);
            if (DeliveryDocument.SENDING.equals(begun.get().state())) {
                run.log.info("Email of " + files + " to " + who + ": an earlier attempt ended during the SMTP conversation"
                        + " without an outcome; sent again (same Message-ID)");
            }
            if (!context.configured) {
                end(run, set, recipient, DeliveryDocument.SKIPPED, "no SMTP server configured", null);
                context.skipped++;
                continue;
            }
            List<OutgoingMail> mails = composer.compose(new TaskMailRequest(task.email(), task.name(),
                    report.report().name(), set.iterationValue(), task.testMode(), context.testAddresses, to, set.cc(),
                    set.bcc(), attachments, embedded, context.now));
            if (mails.isEmpty()) {
                String why = task.testMode() && context.testAddresses.isEmpty() ? "test mode without test addresses"
                        : "no valid recipient address";
                end(run, set, recipient, DeliveryDocument.SKIPPED, why, null);
                context.skipped++;
                continue;
            }
            for (int index = 0; index < mails.size(); index++) {
                OutgoingMail mail = mails.get(index).withMessageKey("qalyptus." + begun.get().id() + "." + index);
                MailOutcome outcome = transport.send(task.organizationId(), mail, run.smtpLog::raw);
                String retried = outcome.attempts() > 1 ? " after " + outcome.attempts() + " attempts" : "";
                switch (outcome.status()) {
                    case SENT -> {
                        end(run, set, recipient, DeliveryDocument.SENT, null, outcome.messageId());
                        context.sent++;
                        run.log.info("Emailed " + files + " to " + String.join(", ", mail.allRecipients())
                                + (task.testMode() ? " (test mode, for " + who + ")" : "") + retried + ": \"" + mail.subject() + "\"");
                    }
                    case PARTIAL -> {
                        end(run, set, recipient, DeliveryDocument.PARTIAL, "refused: " + outcome.refused(), outcome.messageId());
                        context.partial++;
                        run.log.info("Emailed " + files + " to " + String.join(", ", outcome.accepted()) + retried);
                        outcome.refused().forEach((address, reply) -> run.log.warn("Email of " + files + ": " + address
                                + " refused by the mail server: " + reply));
                    }
                    case NOT_CONFIGURED -> {
                        end(run, set, recipient, DeliveryDocument.SKIPPED, "no SMTP server configured", null);
                        context.skipped++;
                    }
                    case FAILED -> {
                        end(run, set, recipient, DeliveryDocument.FAILED, outcome.detail(), null);
                        context.failed++;
                        for (String address : mail.allRecipients()) {
                            run.log.error("Email of " + files + " to " + address + " failed" + retried + ": "
                                    + (outcome.refused().containsKey(address) ? outcome.refused().get(address) : outcome.detail()));
                        }
                    }
                }
            }
        }
    }

    private void end(Run run, FileSet set, String recipient, String state, String detail, String messageId) {
        deliveries.end(run.id(), set.key(), TARGET, recipient, state, detail, messageId);
    }

    private MailFile mailFile(ExecutionFile file) {
        return new MailFile(file.fileName(), file.mediaType(), () -> outputs.open(file.gridFsId()));
    }

    /** The iteration value of a file as the {{IterationValue}} placeholder shows it. */
    private static String value(ExecutionFile file) {
        return String.join(", ", file.iteration().values());
    }

    /** Cc or Bcc addresses of the variable read under these files' values, else read in its own app. */
    private static List<String> extra(TaskRunner.ProducedReport report, List<ExecutionFile> files, String use,
            Map<String, String> taskValues) {
        List<String> found = new ArrayList<>();
        boolean readPerValue = false;
        for (ExecutionFile file : files) {
            Map<String, String> values = report.values().getOrDefault(file.fileKey(), Map.of());
            if (values.containsKey(use)) {
                readPerValue = true;
                found.addAll(Addresses.split(values.get(use)));
            }
        }
        if (!readPerValue && taskValues.containsKey(use)) {
            found.addAll(Addresses.split(taskValues.get(use)));
        }
        return MailAddresses.distinct(found);
    }

    /** What one run's email step shares between its messages, and its counts. */
    private static final class Context {
        final Run run;
        final TaskDocument task;
        final boolean configured;
        final List<String> testAddresses;
        final ZonedDateTime now;
        int sent;
        int partial;
        int skipped;
        int failed;
        int already;

        Context(Run run, TaskDocument task, boolean configured, List<String> testAddresses, ZonedDateTime now) {
            this.run = run;
            this.task = task;
            this.configured = configured;
            this.testAddresses = testAddresses;
            this.now = now;
        }
    }
}
