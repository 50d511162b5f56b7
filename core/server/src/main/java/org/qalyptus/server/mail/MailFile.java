package org.qalyptus.server.mail;

import org.springframework.core.io.InputStreamSource;

/** A file to attach or embed. content is read when the mail is built (possibly more than once on retry). */
public record MailFile(String fileName, String contentType, InputStreamSource content) {}
