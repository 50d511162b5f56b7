package org.qalyptus.server.mail;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.qalyptus.server.task.TaskEmail;
import org.springframework.stereotype.Component;

/**
 * The messages of a task's email step (see {@link TaskMailComposer}). The message is user-written HTML: it is
 * sanitized, and placeholder values are escaped in it; the subject is one line. Invalid addresses are left out
 * (the caller validated them when the task was saved; variables can still bring bad ones).
 */
@Component
class DefaultTaskMailComposer implements TaskMailComposer {

    @Override
    public List<OutgoingMail> compose(TaskMailRequest request) {
        TaskEmail email = request.email() == null ? TaskEmail.DEFAULT : request.email();
        List<String> recipients = MailAddresses.distinct(request.recipients());
        if (recipients.isEmpty()) {
            return List.of();
        }
        List<String> cc = new ArrayList<>();
        List<String> bcc = new ArrayList<>();
        if (email.ccBcc()) {
            cc.addAll(MailAddresses.split(email.cc()));
            cc.addAll(orEmpty(request.extraCc()));
            bcc.addAll(MailAddresses.split(email.bcc()));
            bcc.addAll(orEmpty(request.extraBcc()));
        }
        String from = MailAddresses.normalize(email.from());
        String message = HtmlSanitizer.clean(email.message());
        List<List<String>> groups = email.oneToAll() ? List.of(recipients) : recipients.stream().map(List::of).toList();
        List<String> testAddresses = MailAddresses.distinct(orEmpty(request.testModeAddresses()));
        if (request.testMode() && testAddresses.isEmpty()) {
            return List.of(); // test mode without test addresses: nobody may receive anything
        }
        List<OutgoingMail> mails = new ArrayList<>();
        for (List<String> to : groups) {
            Map<String, String> values = values(request, String.join(", ", to));
            String subject = MailAddresses.singleLine(Placeholders.replace(email.subject(), values, UnaryOperator.identity()));
            String body = Placeholders.replace(message, values, Placeholders::escapeHtml);
            if (request.testMode()) {
                mails.add(new OutgoingMail(null, from, testAddresses, List.of(), List.of(),
                        "[To: " + String.join(", ", to) + "] " + subject, body, request.attachments(), request.embedded()));
            } else {
                mails.add(new OutgoingMail(null, from, to, MailAddresses.distinct(cc), MailAddresses.distinct(bcc), subject,
                        body, request.attachments(), request.embedded()));
            }
        }
        return mails;
    }

    private static Map<String, String> values(TaskMailRequest request, String recipientEmail) {
        Map<String, String> values = new HashMap<>();
        values.put("taskname", nullToEmpty(request.taskName()));
        values.put("reportname", nullToEmpty(request.reportName()));
        values.put("iterationvalue", nullToEmpty(request.iterationValue()));
        ZonedDateTime now = request.now() == null ? ZonedDateTime.now() : request.now();
        values.put("date", now.format(DateTimeFormatter.ISO_LOCAL_DATE));
        values.put("recipientemail", recipientEmail);
        return values;
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }
}
