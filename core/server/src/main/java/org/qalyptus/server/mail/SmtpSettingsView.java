package org.qalyptus.server.mail;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * The SMTP server an organization's mail goes through, as the API shows it (never the password).
 *
 * @param source {@code Organization} (its own settings), {@code Server} (the server-wide {@code spring.mail.*}
 *     configuration applies) or {@code None} (mail is not sent)
 */
public record SmtpSettingsView(
        String organizationID,
        @Schema(allowableValues = {"Organization", "Server", "None"}) String source,
        String host,
        Integer port,
        SmtpSecurity security,
        boolean requireAuthentication,
        String username,
        boolean passwordSet,
        String fromName,
        String fromAddress,
        String subjectPrefix,
        Integer connectionTimeoutSeconds,
        Integer timeoutSeconds,
        Instant updatedAt) {}
