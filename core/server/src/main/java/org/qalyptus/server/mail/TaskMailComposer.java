package org.qalyptus.server.mail;

import java.util.List;

/** Builds the messages a task sends for one delivery step. Pure: no I/O. */
public interface TaskMailComposer {

    /**
     * request.recipients are resolved addresses. One message to all (TaskEmail.oneToAll) or one per
     * recipient; placeholders ({{TaskName}}, {{ReportName}}, {{IterationValue}}, {{Date}}, {{RecipientEmail}},
     * documented in docs/email.md) replaced in subject and message; cc/bcc from TaskEmail plus request.extraCc/
     * extraBcc (values of the cc/bcc variables, resolved by the caller); test mode: every message goes to the
     * test addresses only, subject prefixed with "[To: original recipients] ", cc/bcc dropped.
     */
    List<OutgoingMail> compose(TaskMailRequest request);
}
