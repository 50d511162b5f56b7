package org.qalyptus.server.mail;

import java.util.List;

/**
 * One message as the task's email settings make it, before test mode and SMTP.
 * to/cc/bcc: plain addresses (already resolved from users, groups and variables by the caller).
 * embedded: HTML files become the body (inline, their images as cid parts); image files are shown inline;
 * other files are attached even when asked to embed.
 *
 * @param fromName the sender's display name, or null for the SMTP settings' one
 * @param fromAddress the sender address, or null for the SMTP settings' one
 * @param messageKey when not null, the local part of the Message-ID ({@code <messageKey@sender domain>}), so that the
 *     same message sent again (a delivery whose outcome a dead node did not record) carries the same Message-ID and a
 *     recipient's mail system can tell it is one message; null: a new random Message-ID
 */
public record OutgoingMail(String fromName, String fromAddress, List<String> to, List<String> cc, List<String> bcc,
        String subject, String htmlBody, List<MailFile> attachments, List<MailFile> embedded, String messageKey) {

    public OutgoingMail(String fromName, String fromAddress, List<String> to, List<String> cc, List<String> bcc,
            String subject, String htmlBody, List<MailFile> attachments, List<MailFile> embedded) {
        this(fromName, fromAddress, to, cc, bcc, subject, htmlBody, attachments, embedded, null);
    }

    /** This mail with a stable Message-ID local part (see {@code messageKey}). */
    public OutgoingMail withMessageKey(String key) {
        return new OutgoingMail(fromName, fromAddress, to, cc, bcc, subject, htmlBody, attachments, embedded, key);
    }

    public OutgoingMail {
        to = to == null ? List.of() : List.copyOf(to);
        cc = cc == null ? List.of() : List.copyOf(cc);
        bcc = bcc == null ? List.of() : List.copyOf(bcc);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        embedded = embedded == null ? List.of() : List.copyOf(embedded);
    }

    /** Every envelope recipient, in order, each once. */
    public List<String> allRecipients() {
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>();
        all.addAll(to);
        all.addAll(cc);
        all.addAll(bcc);
        return List.copyOf(all);
    }
}
