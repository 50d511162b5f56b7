package org.qalyptus.server.mail;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The SMTP server of one organization (its id is the organization's id, so an organization has at most one).
 * The password is stored encrypted with the master key ({@code SecretCipher}). {@code version} changes with
 * every write: mail sessions are cached per version, so a change is used by the next message.
 */
@Document("smtpSettings")
public record SmtpSettingsDocument(
        @Id String id,
        String host,
        int port,
        SmtpSecurity security,
        boolean requireAuthentication,
        String username,
        String encryptedPassword,
        String fromName,
        String fromAddress,
        String subjectPrefix,
        int connectionTimeoutSeconds,
        int timeoutSeconds,
        @Version Long version,
        Instant updatedAt,
        String updatedBy) {}
