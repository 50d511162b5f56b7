package org.qalyptus.server.mail;

import java.time.ZonedDateTime;
import java.util.List;
import org.qalyptus.server.task.TaskEmail;

/** What one email delivery step of a task sends; see {@link TaskMailComposer#compose}. */
public record TaskMailRequest(TaskEmail email, String taskName, String reportName, String iterationValue,
        boolean testMode, List<String> testModeAddresses, List<String> recipients, List<String> extraCc,
        List<String> extraBcc, List<MailFile> attachments, List<MailFile> embedded, ZonedDateTime now) {}
