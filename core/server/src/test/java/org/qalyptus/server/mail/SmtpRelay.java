package org.qalyptus.server.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A relay in front of a GreenMail SMTP server, for what GreenMail does not do: it offers STARTTLS (with
 * GreenMail's own test certificate) and answers RCPT commands for chosen addresses itself with scripted
 * replies (550 for a mailbox that does not exist, 451 once for one that is "busy"). Everything else goes to
 * GreenMail unchanged, so GreenMail is the server that receives the mail.
 */
final class SmtpRelay implements AutoCloseable {

    private final ServerSocket socket;
    private final int upstreamPort;
    private final boolean offerStartTls;
    private final Map<String, Deque<String>> rcptReplies = new ConcurrentHashMap<>();
    final List<String> clientLines = new java.util.concurrent.CopyOnWriteArrayList<>();

    SmtpRelay(int upstreamPort, boolean offerStartTls) throws IOException {
        this.socket = new ServerSocket(0);
        this.upstreamPort = upstreamPort;
        this.offerStartTls = offerStartTls;
        Thread thread = new Thread(this::serve, "smtp-relay");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    /** RCPT TO this address is answered with these replies in turn (then forwarded once they are used). */
    SmtpRelay reply(String address, String... replies) {
        rcptReplies.put(address.toLowerCase(Locale.ROOT), new ConcurrentLinkedDeque<>(List.of(replies)));
        return this;
    }

    /** RCPT TO this address is refused permanently every time. */
    SmtpRelay refuse(String address) {
        String[] many = new String[100];
        java.util.Arrays.fill(many, "550 5.1.1 <" + address + ">: mailbox unavailable");
        return reply(address, many);
    }

    private void serve() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Thread session = new Thread(() -> session(client), "smtp-relay-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void session(Socket client) {
        try (Socket upstream = new Socket("127.0.0.1", upstreamPort); Socket c = client) {
            BufferedReader fromServer = reader(upstream.getInputStream());
            OutputStream toServer = upstream.getOutputStream();
            Socket current = c;
            BufferedReader fromClient = reader(current.getInputStream());
            OutputStream toClient = current.getOutputStream();
            boolean secured = false;
            write(toClient, readReply(fromServer));
            for (String line; (line = fromClient.readLine()) != null; ) {
                clientLines.add(line);
                String command = line.toUpperCase(Locale.ROOT);
                if (command.equals("STARTTLS") && offerStartTls && !secured) {
                    write(toClient, List.of("220 2.0.0 Ready to start TLS"));
                    SSLSocket tls = (SSLSocket) tlsContext().getSocketFactory().createSocket(current, null, current.getPort(), true);
                    tls.setUseClientMode(false);
                    tls.startHandshake();
                    current = tls;
                    fromClient = reader(tls.getInputStream());
                    toClient = tls.getOutputStream();
                    secured = true;
                    continue;
                }
                if (command.startsWith("RCPT TO:")) {
                    String address = line.substring(line.indexOf('<') + 1, line.indexOf('>')).toLowerCase(Locale.ROOT);
                    Deque<String> scripted = rcptReplies.get(address);
                    String reply = scripted == null ? null : scripted.pollFirst();
                    if (reply != null) {
                        write(toClient, List.of(reply));
                        continue;
                    }
                }
                write(toServer, List.of(line));
                List<String> reply = readReply(fromServer);
                if ((command.startsWith("EHLO")) && offerStartTls && !secured) {
                    reply = withStartTls(reply);
                }
                write(toClient, reply);
                if (command.equals("DATA") && reply.get(0).startsWith("354")) {
                    for (String data; (data = fromClient.readLine()) != null; ) {
                        write(toServer, List.of(data));
                        if (data.equals(".")) {
                            break;
                        }
                    }
                    write(toClient, readReply(fromServer));
                }
                if (command.equals("QUIT")) {
                    return;
                }
            }
        } catch (Exception e) {
            // the client or GreenMail closed the connection
        }
    }

    private static List<String> withStartTls(List<String> reply) {
        List<String> lines = new ArrayList<>();
        for (String line : reply) {
            lines.add(line.substring(0, 3) + "-" + line.substring(4));
        }
        lines.add("250 STARTTLS");
        return lines;
    }

    private static SSLContext tlsContext() throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = SmtpRelay.class.getClassLoader().getResourceAsStream("greenmail.p12")) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(managers.getKeyManagers(), null, null);
        return context;
    }

    private static BufferedReader reader(InputStream in) {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1));
    }

    private static List<String> readReply(BufferedReader in) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line; (line = in.readLine()) != null; ) {
            lines.add(line);
            if (line.length() < 4 || line.charAt(3) != '-') {
                break;
            }
        }
        if (lines.isEmpty()) {
            throw new IOException("upstream closed");
        }
        return lines;
    }

    private static void write(OutputStream out, List<String> lines) throws IOException {
        for (String line : lines) {
            out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
