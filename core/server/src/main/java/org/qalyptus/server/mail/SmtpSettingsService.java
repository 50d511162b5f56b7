package org.qalyptus.server.mail;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.organization.OrganizationAccess;
import org.qalyptus.server.organization.OrganizationRepository;
import org.qalyptus.server.secret.SecretCipher;
import org.qalyptus.server.web.ApiException;
import org.qalyptus.server.web.ApiResponse.FieldError;
import org.springframework.stereotype.Service;

/**
 * The SMTP settings of organizations: administrators of the organization (and tenant administrators) read,
 * write, delete and test them; other members get 403, everyone else 404. A refused request changes nothing.
 */
@Service
public class SmtpSettingsService {

    static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:\\[\\]-]{1,253}");
    static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\u2028\\u2029\\u0085]");
    static final int DEFAULT_CONNECTION_TIMEOUT = 30;
    static final int DEFAULT_TIMEOUT = 60;

    private final SmtpSettingsRepository settings;
    private final OrganizationRepository organizations;
    private final OrganizationAccess access;
    private final SecretCipher cipher;
    private final SmtpServers servers;
    private final JakartaMailTransport transport;
    private final Clock clock;

    SmtpSettingsService(SmtpSettingsRepository settings, OrganizationRepository organizations, OrganizationAccess access,
            SecretCipher cipher, SmtpServers servers, JakartaMailTransport transport, Clock clock) {
        this.settings = settings;
        this.organizations = organizations;
        this.access = access;
        this.cipher = cipher;
        this.servers = servers;
        this.transport = transport;
        this.clock = clock;
    }

    public SmtpSettingsView get(Caller caller, String organizationId) {
        requireAdministrator(caller, organizationId);
        return view(organizationId);
    }

    public SmtpSettingsView put(Caller caller, String organizationId, SmtpSettingsRequest request) {
        requireAdministrator(caller, organizationId);
        if (request == null) {
            throw ApiException.badRequest("The request body is missing");
        }
        Optional<SmtpSettingsDocument> existing = settings.findById(organizationId);
        List<FieldError> errors = new ArrayList<>();
        String host = request.host() == null ? null : request.host().strip();
        if (host == null || host.isEmpty()) {
            errors.add(new FieldError("host", "is required"));
        } else if (!HOST.matcher(host).matches()) {
            errors.add(new FieldError("host", "must be a host name or an IP address"));
        }
        SmtpSecurity security = request.security() != null ? request.security()
                : request.port() == null ? SmtpSecurity.None
                : request.port() == 465 ? SmtpSecurity.Ssl : request.port() == 587 ? SmtpSecurity.StartTls : SmtpSecurity.None;
        int port = request.port() != null ? request.port()
                : security == SmtpSecurity.Ssl ? 465 : security == SmtpSecurity.StartTls ? 587 : 25;
        if (port < 1 || port > 65535) {
            errors.add(new FieldError("port", "must be between 1 and 65535"));
        }
        boolean authenticate = Boolean.TRUE.equals(request.requireAuthentication());
        String username = trimmed(request.username());
        String encryptedPassword = null;
        if (authenticate) {
            if (username == null) {
                errors.add(new FieldError("username", "is required when requireAuthentication is true"));
            } else {
                checkLine(errors, "username", username, 320);
            }
            if (request.password() != null && !request.password().isEmpty()) {
                checkLine(errors, "password", request.password(), 1000);
                encryptedPassword = errors.isEmpty() ? cipher.encrypt(request.password()) : null;
            } else if (existing.isPresent() && existing.get().encryptedPassword() != null) {
                encryptedPassword = existing.get().encryptedPassword();
            } else {
                errors.add(new FieldError("password", "is required when requireAuthentication is true"));
            }
        } else if (request.password() != null && !request.password().isEmpty()) {
            checkLine(errors, "password", request.password(), 1000);
        }
        String fromName = trimmed(request.fromName());
        checkLine(errors, "fromName", fromName, 200);
        String fromAddress = trimmed(request.fromAddress());
        if (fromAddress != null && !MailAddresses.isValid(fromAddress)) {
            errors.add(new FieldError("fromAddress", "is not a valid email address"));
        }
        String subjectPrefix = request.subjectPrefix() == null || request.subjectPrefix().isBlank() ? null : request.subjectPrefix();
        checkLine(errors, "subjectPrefix", subjectPrefix, 100);
        int connectionTimeout = bounded(errors, "connectionTimeoutSeconds", request.connectionTimeoutSeconds(),
                DEFAULT_CONNECTION_TIMEOUT, 300);
        int timeout = bounded(errors, "timeoutSeconds", request.timeoutSeconds(), DEFAULT_TIMEOUT, 600);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        SmtpSettingsDocument document = new SmtpSettingsDocument(organizationId, host, port, security, authenticate,
                authenticate ? username : null, authenticate ? encryptedPassword : null, fromName, fromAddress,
                subjectPrefix, connectionTimeout, timeout, existing.map(SmtpSettingsDocument::version).orElse(null),
                clock.instant(), caller.userId());
        if (existing.isEmpty()) {
            try {
                settings.insert(document);
            } catch (org.springframework.dao.DuplicateKeyException concurrent) {
                throw ApiException.conflict("The SMTP settings were created by someone else meanwhile; reload them and try again");
            }
        } else {
            settings.save(document);
        }
        return view(organizationId);
    }

    public SmtpSettingsView delete(Caller caller, String organizationId) {
        requireAdministrator(caller, organizationId);
        if (!settings.existsById(organizationId)) {
            throw ApiException.notFound("SMTP settings of organization " + organizationId);
        }
        settings.deleteById(organizationId);
        return view(organizationId);
    }

    public SmtpTest.Result test(Caller caller, String organizationId, SmtpTest.Request request) {
        requireAdministrator(caller, organizationId);
        String to = request == null ? null : MailAddresses.normalize(request.to());
        if (to == null) {
            throw ApiException.invalid("to", "must be an email address");
        }
        List<String> conversation = Collections.synchronizedList(new ArrayList<>());
        Optional<SmtpServer> server;
        try {
            server = servers.forOrganization(organizationId);
        } catch (IllegalStateException undecryptable) {
            return new SmtpTest.Result(MailOutcome.Status.FAILED.name(), false, null,
                    "The stored password cannot be decrypted with this server's master key: enter it again", java.util.Map.of(), List.of());
        }
        if (server.isEmpty()) {
            return new SmtpTest.Result(MailOutcome.Status.NOT_CONFIGURED.name(), false, null,
                    "No SMTP server is configured for this organization nor server-wide", java.util.Map.of(), List.of());
        }
        OutgoingMail mail = new OutgoingMail(null, null, List.of(to), List.of(), List.of(), "Qalyptus test email",
                "<p>This is a test email from Qalyptus: the SMTP settings of your organization work.</p>", List.of(), List.of());
        // one attempt: the administrator is waiting for the answer
        MailOutcome outcome = transport.send(server.get(), mail, conversation::add, Duration.ZERO);
        return new SmtpTest.Result(outcome.status().name(), outcome.status() == MailOutcome.Status.SENT, outcome.messageId(),
                outcome.detail(), outcome.refused(), List.copyOf(conversation));
    }

    private void requireAdministrator(Caller caller, String organizationId) {
        access.requireAdministrator(caller, organizationId);
        if (!organizations.existsById(organizationId)) {
            throw ApiException.notFound("Organization " + organizationId);
        }
    }

    private SmtpSettingsView view(String organizationId) {
        Optional<SmtpSettingsDocument> own = settings.findById(organizationId);
        if (own.isPresent()) {
            SmtpSettingsDocument d = own.get();
            return new SmtpSettingsView(organizationId, "Organization", d.host(), d.port(), d.security(),
                    d.requireAuthentication(), d.username(), d.encryptedPassword() != null, d.fromName(), d.fromAddress(),
                    d.subjectPrefix(), d.connectionTimeoutSeconds(), d.timeoutSeconds(), d.updatedAt());
        }
        Optional<SmtpServer> serverWide = servers.serverWide();
        if (serverWide.isPresent()) {
            SmtpServer s = serverWide.get();
            return new SmtpSettingsView(organizationId, "Server", s.host(), s.port(), s.security(), s.authenticates(),
                    s.username(), s.password() != null && !s.password().isEmpty(), s.fromName(), s.fromAddress(), null,
                    (int) s.connectionTimeout().toSeconds(), (int) s.timeout().toSeconds(), null);
        }
        return new SmtpSettingsView(organizationId, "None", null, null, null, false, null, false, null, null, null, null,
                null, null);
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static void checkLine(List<FieldError> errors, String field, String value, int max) {
        if (value == null) {
            return;
        }
        if (value.length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
        } else if (CONTROL.matcher(value).find()) {
            errors.add(new FieldError(field, "must be one line without control characters"));
        }
    }

    private static int bounded(List<FieldError> errors, String field, Integer value, int otherwise, int max) {
        if (value == null) {
            return otherwise;
        }
        if (value < 1 || value > max) {
            errors.add(new FieldError(field, "must be between 1 and " + max));
        }
        return value;
    }
}
