package org.qalyptus.server.mail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns Jakarta Mail's debug output of one send into SMTP log lines: every command and reply, the message
 * headers, but neither the message body (reports would fill the log) nor any credential: the arguments of
 * {@code AUTH} and every client line of the authentication exchange are redacted, and the password (plain
 * or base64) is masked wherever it would still appear. Used by one thread at a time.
 */
final class SmtpConversation {

    static final String REDACTED = "[redacted]";
    private static final Pattern REPLY = Pattern.compile("^\\d{3}([ -].*)?$");
    private static final Pattern STACK_FRAME = Pattern.compile("^\\s+(at |\\.\\.\\. \\d+ more).*$");
    private static final Pattern AUTH = Pattern.compile("^(AUTH\\s+\\S+).*$", Pattern.CASE_INSENSITIVE);

    private final SmtpLog log;
    private final List<String> secrets = new ArrayList<>();
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private boolean authenticating;
    private boolean dataCommandSent;
    private boolean inMessage;
    private boolean inHeaders;
    private int bodyLines;

    SmtpConversation(SmtpLog log, String password, String username) {
        this.log = log;
        if (password != null && !password.isEmpty()) {
            if (password.length() >= 4) {
                secrets.add(password); // shorter ones would mask ordinary text; AUTH lines are redacted anyway
            }
            secrets.add(base64(password));
            if (username != null) {
                secrets.add(base64("\0" + username + "\0" + password));
                secrets.add(base64(username + "\0" + username + "\0" + password));
            }
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Bytes of the debug output, split into lines. */
    void write(int b) {
        if (b == '\n') {
            flushLine();
        } else if (b != '\r') {
            pending.write(b);
        }
    }

    void write(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            write(bytes[i]);
        }
    }

    /** A line of our own (not from Jakarta Mail), also masked. */
    void note(String text) {
        emit(text);
    }

    void finish() {
        if (pending.size() > 0) {
            flushLine();
        }
    }

    private void flushLine() {
        String line = pending.toString(StandardCharsets.UTF_8);
        pending.reset();
        filter(line);
    }

    private void filter(String line) {
        if (!inMessage && STACK_FRAME.matcher(line).matches()) {
            return; // Jakarta Mail prints the stack of the exceptions it throws: the outcome says enough
        }
        if (inMessage) {
            if (line.equals(".")) {
                inMessage = false;
                emit("[message body: " + bodyLines + " lines not logged]");
                emit(".");
            } else if (inHeaders && !line.isEmpty()) {
                emit(line);
            } else {
                inHeaders = false;
                bodyLines++;
            }
            return;
        }
        boolean reply = REPLY.matcher(line).matches();
        if (authenticating) {
            if (reply) {
                authenticating = line.startsWith("334");
                emit(line);
            } else if (line.startsWith("DEBUG")) {
                emit(line);
            } else {
                emit(REDACTED);
            }
            return;
        }
        var auth = AUTH.matcher(line);
        if (auth.matches()) {
            authenticating = true;
            emit(auth.group(1) + (line.strip().length() > auth.group(1).length() ? " " + REDACTED : ""));
            return;
        }
        if (line.equalsIgnoreCase("DATA")) {
            dataCommandSent = true;
        } else if (dataCommandSent && reply) {
            dataCommandSent = false;
            if (line.startsWith("354")) {
                inMessage = true;
                inHeaders = true;
                bodyLines = 0;
            }
        }
        emit(line);
    }

    private void emit(String line) {
        String masked = line;
        for (String secret : secrets) {
            if (masked.contains(secret)) {
                masked = masked.replace(secret, REDACTED);
            }
        }
        log.line(masked);
    }
}
