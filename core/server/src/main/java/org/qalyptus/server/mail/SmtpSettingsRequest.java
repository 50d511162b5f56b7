package org.qalyptus.server.mail;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The SMTP settings of an organization as a client writes them. {@code password}: omitted or null keeps the
 * stored one, a new value replaces it; it is never returned.
 */
@Schema(description = "SMTP server of an organization")
public record SmtpSettingsRequest(
        @Schema(description = "Host name or IP address", example = "smtp.example.com") String host,
        @Schema(description = "25, 587, 465 or any port 1-65535; default from security", example = "587") Integer port,
        @Schema(description = "None, StartTls (required once asked) or Ssl; default from the port") SmtpSecurity security,
        @Schema(description = "Whether to log in with username and password") Boolean requireAuthentication,
        String username,
        @Schema(description = "Write only; omitted or null keeps the stored password") String password,
        @Schema(description = "Display name of the sender", example = "Reports") String fromName,
        @Schema(description = "Sender address", example = "reports@example.com") String fromAddress,
        @Schema(description = "Put before every subject", example = "[Reports]") String subjectPrefix,
        @Schema(description = "Seconds to wait for the connection, 1-300 (default 30)", example = "30") Integer connectionTimeoutSeconds,
        @Schema(description = "Seconds to wait for each reply, 1-600 (default 60)", example = "60") Integer timeoutSeconds) {}
