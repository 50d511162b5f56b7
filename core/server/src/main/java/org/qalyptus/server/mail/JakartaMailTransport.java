package org.qalyptus.server.mail;

import jakarta.annotation.PreDestroy;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.eclipse.angus.mail.util.MailConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * {@link MailTransport} on Jakarta Mail. One {@link Session} per SMTP configuration (organization and settings
 * version) and a few connected transports kept for reuse, so a burst of mails does not pay a TCP and TLS
 * handshake and an AUTH per message. Jakarta Mail's debug output of the session is routed, per thread, into the
 * SMTP log of the send in progress (see {@link SmtpConversation}).
 *
 * <p>Failures: the connection refused, reset or timed out, and 4xx replies are transient and retried with
 * exponential backoff and jitter within the retry budget; 5xx replies, authentication and TLS failures are
 * permanent. With {@code mail.smtp.sendpartial} the message goes to the recipients the server accepted and
 * the ones it refused are reported per address (4xx ones retried alone).
 */
@Service
class JakartaMailTransport implements MailTransport {

    private static final Logger log = LoggerFactory.getLogger(JakartaMailTransport.class);
    /** A connection used this recently is reused without a NOOP round trip to check it is alive. */
    private static final long FRESH_MILLIS = 5_000;
    private static final ThreadLocal<SmtpConversation> CURRENT = new ThreadLocal<>();

    private final SmtpServers servers;
    private final MailSendingProperties properties;
    private final Map<String, Pool> pools = new ConcurrentHashMap<>();
    private final PrintStream debugOut = new PrintStream(new RoutingStream(), true, java.nio.charset.StandardCharsets.UTF_8);

    JakartaMailTransport(SmtpServers servers, MailSendingProperties properties) {
        this.servers = servers;
        this.properties = properties;
    }

    @Override
    public boolean isConfigured(String organizationId) {
        return servers.forOrganization(organizationId).isPresent();
    }

    @Override
    public MailOutcome send(String organizationId, OutgoingMail mail, SmtpLog smtpLog) {
        return send(organizationId, mail, smtpLog, properties.retryBudget());
    }

    @Override
    public MailOutcome send(String organizationId, OutgoingMail mail, SmtpLog smtpLog, Duration retryBudget) {
        SmtpLog sink = smtpLog == null ? SmtpLog.NONE : smtpLog;
        Optional<SmtpServer> server;
        try {
            server = servers.forOrganization(organizationId);
        } catch (IllegalStateException undecryptable) {
            sink.line("The SMTP password of the organization cannot be decrypted with this server's master key");
            return new MailOutcome(MailOutcome.Status.FAILED, null, List.of(), Map.of(), 0,
                    "The SMTP password cannot be decrypted with this server's master key: enter it again");
        }
        if (server.isEmpty()) {
            sink.line("No SMTP server is configured for this organization nor server-wide: the mail was not sent");
            return new MailOutcome(MailOutcome.Status.NOT_CONFIGURED, null, List.of(), Map.of(), 0,
                    "No SMTP server is configured");
        }
        return send(server.get(), mail, sink, retryBudget);
    }

    /** Sends through this server, retrying transient failures for at most {@code budget}. */
    MailOutcome send(SmtpServer server, OutgoingMail mail, SmtpLog sink, Duration budget) {
        try {
            return sendChecked(server, mail, sink, budget);
        } catch (RuntimeException unexpected) {
            log.warn("Sending a mail through {} failed unexpectedly", server, unexpected);
            sink.line("The mail could not be sent: " + unexpected.getClass().getSimpleName());
            return new MailOutcome(MailOutcome.Status.FAILED, null, List.of(), Map.of(), 0,
                    "Unexpected error: " + unexpected.getClass().getSimpleName());
        }
    }

    private MailOutcome sendChecked(SmtpServer server, OutgoingMail mail, SmtpLog sink, Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        String fromAddress = fromAddress(server, mail);
        String messageId = mail.messageKey() == null ? MimeMessages.newMessageId(fromAddress)
                : MimeMessages.messageId(mail.messageKey(), fromAddress);
        Map<String, String> refused = new LinkedHashMap<>();
        OutgoingMail valid = new OutgoingMail(mail.fromName(), mail.fromAddress(), validOnly(mail.to(), refused),
                validOnly(mail.cc(), refused), validOnly(mail.bcc(), refused), mail.subject(), mail.htmlBody(),
                mail.attachments(), mail.embedded(), mail.messageKey());
        List<String> pending = new ArrayList<>(valid.allRecipients());
        if (fromAddress == null || pending.isEmpty()) {
            String detail = fromAddress == null ? "The sender address is not a valid email address"
                    : refused.isEmpty() ? "The mail has no recipient" : "No valid recipient address: " + refused.keySet();
            sink.line("The mail was not sent: " + detail);
            return new MailOutcome(MailOutcome.Status.FAILED, messageId, List.of(), refused, 0, detail);
        }
        if (!refused.isEmpty()) {
            sink.line("Not valid email addresses, not sent to: " + refused.keySet());
        }
        Pool pool = pool(server);
        MimeMessage message;
        try {
            message = MimeMessages.build(pool.session, server, properties, valid, messageId, fromAddress);
        } catch (MimeMessages.InvalidMail | MessagingException | IOException e) {
            sink.line("The mail could not be built: " + e.getMessage());
            return new MailOutcome(MailOutcome.Status.FAILED, messageId, List.of(), Map.of(), 0,
                    "The mail could not be built: " + e.getMessage());
        }
        List<String> accepted = new ArrayList<>();
        Duration delay = properties.retryInitialDelay();
        String lastError = null;
        int attempts = 0;
        while (true) {
            attempts++;
            Attempt attempt = attempt(pool, server, message, pending, sink, attempts);
            accepted.addAll(attempt.accepted);
            refused.putAll(attempt.refused);
            pending = attempt.retry;
            if (attempt.permanent != null) {
                pending.forEach(address -> refused.put(address, attempt.permanent));
                sink.line("Permanent failure: " + attempt.permanent);
                return outcome(messageId, accepted, refused, attempts, "Permanent failure: " + attempt.permanent);
            }
            if (pending.isEmpty()) {
                return outcome(messageId, accepted, refused, attempts, null);
            }
            lastError = attempt.transientError;
            long waitMillis = jittered(delay);
            if (System.nanoTime() + waitMillis * 1_000_000 > deadline) {
                String detail = "Transient failures until the retry budget (" + budget + ") ran out after " + attempts
                        + " attempts; last: " + lastError;
                sink.line(detail);
                pending.forEach(address -> refused.put(address, "not delivered: " + attempt.transientError));
                return outcome(messageId, accepted, refused, attempts, detail);
            }
            sink.line("Transient failure (" + lastError + "): attempt " + (attempts + 1) + " in " + waitMillis + " ms");
            try {
                Thread.sleep(waitMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                pending.forEach(address -> refused.put(address, "not delivered: interrupted"));
                return outcome(messageId, accepted, refused, attempts, "Interrupted while waiting to retry: " + lastError);
            }
            Duration doubled = delay.multipliedBy(2);
            delay = doubled.compareTo(properties.retryMaxDelay()) > 0 ? properties.retryMaxDelay() : doubled;
        }
    }

    private static List<String> validOnly(List<String> addresses, Map<String, String> refused) {
        List<String> valid = new ArrayList<>();
        for (String address : addresses) {
            String normalized = MailAddresses.normalize(address);
            if (normalized == null) {
                refused.put(String.valueOf(MailAddresses.singleLine(address)), "not a valid email address (not sent)");
            } else {
                valid.add(normalized);
            }
        }
        return MailAddresses.distinct(valid);
    }

    private static MailOutcome outcome(String messageId, List<String> accepted, Map<String, String> refused, int attempts,
            String detail) {
        MailOutcome.Status status = refused.isEmpty() ? MailOutcome.Status.SENT
                : accepted.isEmpty() ? MailOutcome.Status.FAILED : MailOutcome.Status.PARTIAL;
        String text = detail != null ? detail : status == MailOutcome.Status.SENT ? "Accepted by the SMTP server"
                : "Refused for " + refused.keySet();
        return new MailOutcome(status, messageId, accepted, refused, attempts, text);
    }

    /** Full jitter in the upper half: between half the delay and the delay. */
    private static long jittered(Duration delay) {
        long millis = Math.max(1, delay.toMillis());
        return millis / 2 + ThreadLocalRandom.current().nextLong(millis - millis / 2 + 1);
    }

    private String fromAddress(SmtpServer server, OutgoingMail mail) {
        if (mail.fromAddress() != null && !mail.fromAddress().isBlank()) {
            return MailAddresses.normalize(mail.fromAddress());
        }
        if (server.fromAddress() != null && !server.fromAddress().isBlank()) {
            return MailAddresses.normalize(server.fromAddress());
        }
        return MailAddresses.normalize(servers.defaultFrom());
    }

    /**
     * @param retry recipients to try again (transient failure)
     * @param permanent set when the whole message failed permanently for the remaining recipients
     */
    private record Attempt(List<String> accepted, Map<String, String> refused, List<String> retry, String permanent,
            String transientError) {}

    private Attempt attempt(Pool pool, SmtpServer server, MimeMessage message, List<String> recipients, SmtpLog sink,
            int number) {
        SmtpConversation conversation = new SmtpConversation(sink, server.password(), server.username());
        CURRENT.set(conversation);
        Connection connection = null;
        try {
            conversation.note("Attempt " + number + ": " + server.host() + ":" + server.port() + " (" + server.security()
                    + (server.authenticates() ? ", authenticated" : "") + ") to " + recipients);
            connection = pool.checkout(conversation);
            InternetAddress[] envelope = new InternetAddress[recipients.size()];
            for (int i = 0; i < envelope.length; i++) {
                envelope[i] = new InternetAddress(recipients.get(i), false);
            }
            connection.transport.sendMessage(message, envelope);
            pool.release(connection);
            conversation.finish();
            return new Attempt(List.copyOf(recipients), Map.of(), List.of(), null, null);
        } catch (SendFailedException e) {
            conversation.finish();
            Attempt attempt = perRecipient(e, recipients);
            if (connection != null) {
                if (attempt.transientError != null && !attempt.retry.isEmpty() && attempt.accepted.isEmpty()
                        && attempt.refused.isEmpty()) {
                    pool.discard(connection);
                } else {
                    pool.release(connection);
                }
            }
            return attempt;
        } catch (MessagingException e) {
            conversation.finish();
            if (connection != null) {
                pool.discard(connection);
            }
            String problem = describe(e);
            return isTransient(e) ? new Attempt(List.of(), Map.of(), List.copyOf(recipients), null, problem)
                    : new Attempt(List.of(), Map.of(), List.copyOf(recipients), problem, null);
        } finally {
            CURRENT.remove();
        }
    }

    /** What a send that failed for some or all recipients did, address by address. */
    private static Attempt perRecipient(SendFailedException e, List<String> recipients) {
        Map<String, String> refused = new LinkedHashMap<>();
        List<String> retry = new ArrayList<>();
        String transientError = null;
        for (Exception next = e; next != null; next = next instanceof MessagingException m ? m.getNextException() : null) {
            if (next instanceof SMTPAddressFailedException failed) {
                String address = failed.getAddress().getAddress();
                String reply = reply(failed.getReturnCode(), failed.getMessage());
                if (failed.getReturnCode() >= 400 && failed.getReturnCode() < 500) {
                    retry.add(address);
                    transientError = address + ": " + reply;
                } else {
                    refused.put(address, reply);
                }
            }
        }
        List<String> accepted = new ArrayList<>();
        if (e.getValidSentAddresses() != null) {
            for (var address : e.getValidSentAddresses()) {
                accepted.add(((InternetAddress) address).getAddress());
            }
        }
        List<String> unsent = new ArrayList<>();
        if (e.getValidUnsentAddresses() != null) {
            for (var address : e.getValidUnsentAddresses()) {
                unsent.add(((InternetAddress) address).getAddress());
            }
        }
        unsent.removeAll(retry);
        unsent.removeAll(refused.keySet());
        if (!unsent.isEmpty()) {
            // the server accepted these recipients but not the message (MAIL, DATA or the connection failed)
            boolean isTransient = isTransient(e);
            String problem = describe(e);
            if (isTransient) {
                retry.addAll(unsent);
                transientError = problem;
            } else {
                unsent.forEach(address -> refused.put(address, problem));
            }
        }
        if (accepted.isEmpty() && refused.isEmpty() && retry.isEmpty()) {
            // no per-address detail: the whole message failed
            String problem = describe(e);
            return isTransient(e) ? new Attempt(List.of(), Map.of(), List.copyOf(recipients), null, problem)
                    : new Attempt(List.of(), Map.of(), List.copyOf(recipients), problem, null);
        }
        List<String> lost = new ArrayList<>(recipients);
        lost.removeAll(accepted);
        lost.removeAll(refused.keySet());
        lost.removeAll(retry);
        retry.addAll(lost);
        if (transientError == null && !retry.isEmpty()) {
            transientError = describe(e);
        }
        return new Attempt(accepted, refused, retry, null, transientError);
    }

    private static String reply(int code, String message) {
        String text = message == null ? "" : MailAddresses.singleLine(message);
        return text.startsWith(String.valueOf(code)) ? text : code + " " + text;
    }

    static boolean isTransient(MessagingException e) {
        int code = returnCode(e);
        if (code >= 400 && code < 500) {
            return true;
        }
        if (code >= 500) {
            return false;
        }
        if (e instanceof AuthenticationFailedException) {
            return false;
        }
        if (e instanceof MailConnectException) {
            return true;
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SSLException) {
                return false;
            }
            if (cause instanceof SocketException || cause instanceof SocketTimeoutException
                    || cause instanceof UnknownHostException || cause instanceof java.io.EOFException
                    || cause instanceof IOException) {
                return true;
            }
            if (cause instanceof MessagingException m && m.getNextException() != null && m.getNextException() != cause.getCause()) {
                if (m.getNextException() instanceof IOException io && !(io instanceof SSLException)) {
                    return true;
                }
            }
        }
        String text = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return text.contains("connection") && (text.contains("reset") || text.contains("closed") || text.contains("refused"));
    }

    private static int returnCode(MessagingException e) {
        if (e instanceof SMTPSendFailedException failed) {
            return failed.getReturnCode();
        }
        if (e instanceof SMTPAddressFailedException failed) {
            return failed.getReturnCode();
        }
        return -1;
    }

    private static String describe(MessagingException e) {
        int code = returnCode(e);
        String message = MailAddresses.singleLine(String.valueOf(e.getMessage()));
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != e && root.getMessage() != null && !message.contains(root.getMessage())) {
            message = message + ": " + root.getClass().getSimpleName() + " " + MailAddresses.singleLine(root.getMessage());
        }
        return code > 0 && !message.startsWith(String.valueOf(code)) ? code + " " + message : message;
    }

    // ---- sessions and connections ----

    private Pool pool(SmtpServer server) {
        Pool pool = pools.computeIfAbsent(server.cacheKey(), key -> new Pool(server, session(server)));
        // settings changed: the connections of earlier versions are closed
        String owner = owner(server.cacheKey());
        pools.forEach((key, other) -> {
            if (!key.equals(server.cacheKey()) && owner(key).equals(owner) && pools.remove(key, other)) {
                other.closeIdle();
            }
        });
        return pool;
    }

    private static String owner(String cacheKey) {
        int at = cacheKey.indexOf('@');
        return at < 0 ? cacheKey : cacheKey.substring(0, at);
    }

    Session session(SmtpServer server) {
        String protocol = server.security() == SmtpSecurity.Ssl ? "smtps" : "smtp";
        String p = "mail." + protocol + ".";
        Properties props = new Properties();
        props.put("mail.transport.protocol", protocol);
        props.put(p + "host", server.host());
        props.put(p + "port", String.valueOf(server.port()));
        props.put(p + "connectiontimeout", String.valueOf(server.connectionTimeout().toMillis()));
        props.put(p + "timeout", String.valueOf(server.timeout().toMillis()));
        props.put(p + "writetimeout", String.valueOf(server.timeout().toMillis()));
        props.put(p + "auth", String.valueOf(server.authenticates()));
        props.put(p + "sendpartial", "true");
        // the AUTH exchange is traced so that the log shows it; SmtpConversation redacts every credential in it
        props.put("mail.debug.auth", "true");
        if (server.security() == SmtpSecurity.StartTls) {
            props.put(p + "starttls.enable", "true");
            props.put(p + "starttls.required", "true");
        }
        if (server.security() != SmtpSecurity.None) {
            // a trusted host's certificate is accepted as it is (self-signed, other name); every other one is verified
            boolean trusted = properties.trustedHosts().contains("*") || properties.trustedHosts().contains(server.host());
            props.put(p + "ssl.checkserveridentity", String.valueOf(!trusted));
            if (trusted) {
                props.put(p + "ssl.trust", server.host());
            }
        }
        Session session = Session.getInstance(props);
        session.setDebugOut(debugOut);
        session.setDebug(true);
        return session;
    }

    @PreDestroy
    void close() {
        pools.values().forEach(Pool::closeIdle);
        pools.clear();
    }

    private record Connection(Transport transport, long lastUsed) {}

    /** The session of one configuration and its idle connected transports. */
    private final class Pool {
        final SmtpServer server;
        final Session session;
        final Deque<Connection> idle = new ConcurrentLinkedDeque<>();

        Pool(SmtpServer server, Session session) {
            this.server = server;
            this.session = session;
        }

        Connection checkout(SmtpConversation conversation) throws MessagingException {
            for (Connection connection; (connection = idle.pollFirst()) != null; ) {
                boolean fresh = System.currentTimeMillis() - connection.lastUsed < FRESH_MILLIS;
                if (fresh || connection.transport.isConnected()) {
                    conversation.note("Reusing the open connection to " + server.host() + ":" + server.port());
                    return connection;
                }
                quietlyClose(connection);
            }
            Transport transport = session.getTransport();
            if (server.authenticates()) {
                transport.connect(server.host(), server.port(), server.username(), server.password());
            } else {
                transport.connect(server.host(), server.port(), null, null);
            }
            return new Connection(transport, System.currentTimeMillis());
        }

        void release(Connection connection) {
            if (pools.get(server.cacheKey()) == this && idle.size() < properties.idleConnections()) {
                idle.addFirst(new Connection(connection.transport, System.currentTimeMillis()));
            } else {
                quietlyClose(connection);
            }
        }

        void discard(Connection connection) {
            quietlyClose(connection);
        }

        void closeIdle() {
            for (Connection connection; (connection = idle.pollFirst()) != null; ) {
                quietlyClose(connection);
            }
        }

        private void quietlyClose(Connection connection) {
            try {
                connection.transport.close();
            } catch (MessagingException | RuntimeException ignored) {
                // the server went away first: nothing to close
            }
        }
    }

    /** Jakarta Mail's debug output, sent to the conversation of the thread that writes it. */
    private static final class RoutingStream extends OutputStream {
        @Override
        public void write(int b) {
            SmtpConversation conversation = CURRENT.get();
            if (conversation != null) {
                conversation.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            SmtpConversation conversation = CURRENT.get();
            if (conversation != null) {
                conversation.write(b, off, len);
            }
        }
    }
}
