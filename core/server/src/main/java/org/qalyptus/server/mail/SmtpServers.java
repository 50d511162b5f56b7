package org.qalyptus.server.mail;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.qalyptus.server.secret.SecretCipher;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.mail.autoconfigure.MailProperties;
import org.springframework.stereotype.Component;

/**
 * Which SMTP server an organization's mail goes through: its own settings, else the server-wide
 * {@code spring.mail.*} configuration (when {@code spring.mail.host} is set), else none.
 */
@Component
class SmtpServers {

    static final String SERVER_WIDE = "server";
    static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(30);
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final SmtpSettingsRepository settings;
    private final SecretCipher cipher;
    private final ObjectProvider<MailProperties> springMail;
    private final MailSendingProperties properties;
    private final String defaultFrom;

    SmtpServers(SmtpSettingsRepository settings, SecretCipher cipher, ObjectProvider<MailProperties> springMail,
            MailSendingProperties properties, org.springframework.core.env.Environment environment) {
        this.defaultFrom = properties.from() != null && !properties.from().isBlank() ? properties.from()
                : environment.getProperty("qalyptus.invitations.from", "no-reply@qalyptus.local");
        this.settings = settings;
        this.cipher = cipher;
        this.springMail = springMail;
        this.properties = properties;
    }

    Optional<SmtpServer> forOrganization(String organizationId) {
        if (organizationId != null) {
            Optional<SmtpSettingsDocument> own = settings.findById(organizationId);
            if (own.isPresent()) {
                return Optional.of(of(own.get()));
            }
        }
        return serverWide();
    }

    SmtpServer of(SmtpSettingsDocument document) {
        String password = document.requireAuthentication() && document.encryptedPassword() != null
                ? cipher.decrypt(document.encryptedPassword()) : null;
        return new SmtpServer(document.id() + "@" + document.version(), document.host(), document.port(),
                document.security(), document.requireAuthentication() ? document.username() : null, password,
                document.fromName(), document.fromAddress(), document.subjectPrefix(),
                Duration.ofSeconds(document.connectionTimeoutSeconds()), Duration.ofSeconds(document.timeoutSeconds()));
    }

    /** The sender when neither the message nor the SMTP settings name one. */
    String defaultFrom() {
        return defaultFrom;
    }

    /** The {@code spring.mail.*} server, when one is configured. */
    Optional<SmtpServer> serverWide() {
        MailProperties mail = springMail.getIfAvailable();
        if (mail == null || mail.getHost() == null || mail.getHost().isBlank()) {
            return Optional.empty();
        }
        Map<String, String> extra = mail.getProperties();
        boolean ssl = mail.getSsl().isEnabled() || "true".equalsIgnoreCase(extra.get("mail.smtp.ssl.enable"))
                || "smtps".equalsIgnoreCase(mail.getProtocol());
        boolean startTls = "true".equalsIgnoreCase(extra.get("mail.smtp.starttls.enable"));
        SmtpSecurity security = ssl ? SmtpSecurity.Ssl : startTls ? SmtpSecurity.StartTls : SmtpSecurity.None;
        int port = mail.getPort() != null ? mail.getPort() : security == SmtpSecurity.Ssl ? 465 : 25;
        String username = mail.getUsername() == null || mail.getUsername().isBlank() ? null : mail.getUsername();
        return Optional.of(new SmtpServer(SERVER_WIDE + "@" + mail.getHost() + ":" + port + "/" + security + "/" + username,
                mail.getHost(), port, security, username, username == null ? null : mail.getPassword(),
                properties.fromName(), defaultFrom, null,
                millis(extra.get("mail.smtp.connectiontimeout"), DEFAULT_CONNECTION_TIMEOUT),
                millis(extra.get("mail.smtp.timeout"), DEFAULT_TIMEOUT)));
    }

    private static Duration millis(String value, Duration otherwise) {
        try {
            return value == null ? otherwise : Duration.ofMillis(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
